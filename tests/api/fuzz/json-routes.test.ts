import { expect, it } from 'vitest';
import { formatFailure, formatReport } from '../../support/fuzz/fuzz-report';
import { runFuzz } from '../../support/fuzz/run-fuzz';

/**
 * Issue 12: hostile input (lone surrogates, NUL and other controls, bidi and zero-width characters,
 * emoji, 100,000-character strings, 100,000-level nesting, `__proto__` keys, wrong types, and valid
 * bodies with one value spoiled) to every JSON route and the CSV import of the real backend
 * process, over HTTP: a request that kills the process shows as a connection refused or reset,
 * which `app.request()` cannot show.
 *
 * Seeded and bounded: FUZZ_SEED and FUZZ_CASES replay or widen a run; bench/fuzz-routes.ts runs
 * 10,000 cases and prints the figures.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 12);
const CASES = Number(process.env.FUZZ_CASES ?? 270);

it(
  `answers ${CASES} hostile requests (seed ${SEED}) with no crash, no 5xx and no dropped connection, a problem for every 4xx, and reads back what it accepted`,
  { timeout: 300_000 },
  async () => {
    // At most two restarts: each crash is reported, and a run that keeps crashing stops early.
    const report = await runFuzz({ seed: SEED, cases: CASES, healthEvery: 25, maxRestarts: 2 });
    const failures = report.failures.map((failure) => formatFailure(SEED, failure));
    if (failures.length > 0 || process.env.FUZZ_REPORT) console.log(formatReport(report));
    expect(failures, `fuzz seed ${SEED}: replay with FUZZ_SEED=${SEED} FUZZ_CASES=${CASES}`).toEqual([]);
    expect(report.stoppedEarly).toBeNull();
    // Every route had its turn, and the baseline (valid requests in plain text) mostly succeeded:
    // a suite whose requests all bounce off the first check proves nothing.
    for (const [route, tally] of report.routes) expect(tally.cases, route).toBeGreaterThan(0);
    const baseline = report.variants.get('baseline')!;
    expect(baseline.accepted / baseline.cases).toBeGreaterThan(0.6);
  },
);
