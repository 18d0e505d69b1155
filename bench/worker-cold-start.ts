/**
 * The Worker's bundle size and cold start:
 * - the bundle `wrangler deploy` would upload (built by `npm run build:worker`), raw and gzipped;
 * - the script's startup CPU (what Cloudflare limits), from `wrangler check startup`'s CPU profile;
 * - the time from starting workerd (through miniflare) to the first `/health` answer, which builds
 *   the app and queries a real libsql server on loopback, then a warm request.
 * Baseline in the same run: a Worker of three lines that answers "ok", started the same way.
 * Run: node_modules/.bin/tsx bench/worker-cold-start.ts [runs]
 */
import { Miniflare } from 'miniflare';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { TEST_SECRETS } from '../backend/src/testing/test-app';
import { migrateDatabase } from '../scripts/migrate-database';
import { startSqld } from '../tests/workers/support/sqld';
import { buildWorkerBundle, WORKER_BUNDLE } from '../tests/workers/support/worker-bundle';
import { workerModules, wranglerSettings } from '../tests/workers/support/worker-instance';

const runs = Number(process.argv[2] ?? 7);
const BARE_WORKER = 'export default { fetch() { return new Response("ok"); } };';

type Timing = { ready: number; firstRequest: number; total: number; warmRequest: number };

const wranglerLine = await buildWorkerBundle();
const bundle = readFileSync(WORKER_BUNDLE);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
console.log(`bundle: ${kib(bundle.byteLength)} raw, ${kib(gzipSync(bundle).byteLength)} gzipped (wrangler: ${wranglerLine})`);

console.log(`script startup CPU (wrangler check startup): ${await startupCpu()}`);

const sqld = await startSqld();
try {
  await migrateDatabase({ url: sqld.url });
  const ours: Timing[] = [];
  const bare: Timing[] = [];
  for (let run = 0; run < runs; run++) {
    ours.push(
      await coldStart(
        workerModules(),
        { ...TEST_SECRETS, DATABASE_URL: sqld.url, PUBLIC_URL: 'https://iconnect.example.workers.dev', GMAIL_SANDBOX_URL: 'http://127.0.0.1:9' },
      ),
    );
    bare.push(await coldStart({ modules: [{ type: 'ESModule', path: 'bare.js', contents: BARE_WORKER }] }, {}));
  }
  const report = (name: string, timings: Timing[]) =>
    console.log(
      `${name}: workerd ready ${median(timings, 'ready')} ms, first /health ${median(timings, 'firstRequest')} ms, ` +
        `cold start total ${median(timings, 'total')} ms, warm request ${median(timings, 'warmRequest')} ms (medians of ${timings.length})`,
    );
  report('iConnect worker', ours);
  report('bare worker    ', bare);
} finally {
  await sqld.stop();
}

/** The busy time and span of the startup phase in the profile `wrangler check startup` records. */
async function startupCpu(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'iconnect-startup-'));
  try {
    const outfile = join(dir, 'startup.cpuprofile');
    await promisify(execFile)(resolve(import.meta.dirname, '../node_modules/.bin/wrangler'), ['check', 'startup', '--outfile', outfile], {
      cwd: resolve(import.meta.dirname, '..'),
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    });
    const profile = JSON.parse(readFileSync(outfile, 'utf8')) as CpuProfile;
    const idle = new Set(profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id));
    // timeDeltas[i] is the time before sample i: sample i lasted timeDeltas[i + 1].
    const busy = profile.samples.reduce((sum, id, i) => sum + (idle.has(id) ? 0 : (profile.timeDeltas[i + 1] ?? 0)), 0);
    return `${(busy / 1000).toFixed(0)} ms busy in a ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms startup phase`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
type CpuProfile = { nodes: { id: number; callFrame: { functionName: string } }[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

/** One cold start: a new workerd process, the script loaded, then the first request and a warm one. */
async function coldStart(source: ReturnType<typeof workerModules>, bindings: Record<string, string>): Promise<Timing> {
  const { compatibilityDate, compatibilityFlags } = wranglerSettings();
  const started = performance.now();
  const mf = new Miniflare({ ...source, compatibilityDate, compatibilityFlags, bindings });
  try {
    await mf.ready;
    const ready = performance.now();
    const first = await mf.dispatchFetch('https://iconnect.example.workers.dev/health');
    if (!first.ok) throw new Error(`first /health answered ${first.status}: ${await first.text()}`);
    await first.arrayBuffer();
    const answered = performance.now();
    await (await mf.dispatchFetch('https://iconnect.example.workers.dev/health')).arrayBuffer();
    return { ready: ready - started, firstRequest: answered - ready, total: answered - started, warmRequest: performance.now() - answered };
  } finally {
    await mf.dispose();
  }
}

function median(timings: Timing[], key: keyof Timing): string {
  const sorted = timings.map((timing) => timing[key]).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!.toFixed(key === 'warmRequest' || key === 'firstRequest' ? 1 : 0);
}
