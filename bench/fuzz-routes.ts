/**
 * The fuzz suite at scale: 10,000 seeded cases of hostile input against every JSON route and the
 * CSV import of a real backend process (tests/support/fuzz), with the figures issue 12 asks for:
 * cases per route, answers by status, crashes, 5xx, read-back mismatches and time. The baseline is
 * measured in the same run: valid requests in plain text, against which the hostile variants'
 * request times are compared.
 *
 *   node_modules/.bin/tsx bench/fuzz-routes.ts [cases=10000] [seed=random] [only=case,case,…]
 *
 * FUZZ_TRACE=1 prints every case. A crash restarts the backend on a fresh database and the run goes on. Always exits 0: it
 * reports, it does not gate (the suite in tests/api/fuzz does).
 */
import { formatReport } from '../tests/support/fuzz/fuzz-report';
import { runFuzz } from '../tests/support/fuzz/run-fuzz';

const cases = Number(process.argv[2] ?? 10_000);
const seed = process.argv[3] ? Number(process.argv[3]) : Math.floor(Math.random() * 2 ** 31);
const only = process.argv[4]?.split(',').map(Number);

console.log(`fuzzing ${cases.toLocaleString('en-US')} cases with seed ${seed} (replay: node_modules/.bin/tsx bench/fuzz-routes.ts ${cases} ${seed})\n`);
const log = (line: string) => console.log(line);
runFuzz({ seed, cases, healthEvery: 100, only, progress: log, trace: process.env.FUZZ_TRACE ? log : undefined })
  .then((report) => console.log(`\n${formatReport(report)}`))
  .catch((error: unknown) => console.error(error))
  .finally(() => process.exit(0));
