/**
 * Open-pixel throughput: the real app (file database, real sent jobs, signed tokens, event queue)
 * against a bare Hono route that answers the same GIF with no token and no database, each loaded
 * from a separate process over loopback by autocannon (50 connections, keep-alive).
 * Run: node_modules/.bin/tsx bench/tracking-pixel.ts [seconds]
 *
 * Two rounds, each the bare route, the tracking route as node.ts wires it (events written on a
 * worker thread) and the same app writing on the request thread (round one's wiring, printed for
 * comparison), so all see the same machine (other work on it moves them all). Targets (issue 17),
 * over both rounds: the tracking route at ≥ 80% of the bare route's requests/s, its p99 within 2×
 * the bare route's. Afterwards the events table must hold exactly one row per pixel request the two
 * tracking servers answered (after a flush).
 * Exits 1 if a target or the count is missed.
 */

import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { performance as nodePerformance } from 'node:perf_hooks';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { createApp } from '../backend/src/app';
import { parseConfig } from '../backend/src/config/config';
import { createTokenCipher } from '../backend/src/crypto/token-cipher';
import { openDatabase } from '../backend/src/db/open-database';
import type { AppDeps } from '../backend/src/deps';
import { gmailSandboxEndpoints } from '../backend/src/gmail/google-endpoints';
import { decodeBase64, encodeBase64url } from '../backend/src/lib/base64';
import { systemClock } from '../backend/src/lib/clock';
import { deriveKey } from '../backend/src/lib/keys';
import { createQuotaBudget } from '../backend/src/limits/quota-budget';
import { createLogger, silentLogger } from '../backend/src/lib/logger';
import { createEventWriter, type TrackingEventSink } from '../backend/src/tracking';
import { seedSentJobs } from '../backend/src/testing/seed-sent-jobs';
import { createTrackingSigner, signTrackingToken } from '../backend/src/tracking/tokens';
import { createThreadedEventWriter } from '../backend/src/tracking/threaded-event-writer';
import { noDns } from '../backend/src/dns/dns-resolver';

const CONNECTIONS = 50;
const JOBS = 5_000;
const WARMUP_SECONDS = 2;
const ROUNDS = 2;
const TARGET_RATIO = 0.8;
/** The tracking route's p99 at most this many times the bare route's. */
const TARGET_P99_FACTOR = 2;
const USER_AGENT = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';

type LoadResult = { requestsPerSecond: number; p50: number; p99: number; ok: number; non2xx: number; errors: number; timeouts: number };

if (process.argv[2] === 'load') {
  await loadGenerator(process.argv[3]!, Number(process.argv[4]));
} else {
  await main(Number(process.argv[2] ?? 10));
}

async function main(seconds: number) {
  const dir = mkdtempSync(join(tmpdir(), 'iconnect-pixel-bench-'));
  const servers: ServerType[] = [];
  try {
    const config = parseConfig(
      {
        NODE_ENV: 'production',
        ENCRYPTION_KEY: encodeBase64(crypto.getRandomValues(new Uint8Array(32))),
        AUTH_SECRET: encodeBase64(crypto.getRandomValues(new Uint8Array(32))),
        PUBLIC_URL: 'http://127.0.0.1:1',
        DATABASE_URL: `file:${join(dir, 'bench.db')}`,
      },
      { version: 'bench' },
    );
    const { db, client } = await openDatabase({ url: config.databaseUrl });
    const { jobs } = await seedSentJobs(db, { now: new Date(Date.now() - 3_600_000), count: JOBS, links: ['https://example.org/a'] });

    let logged = 0;
    const logger = createLogger((line) => {
      if (!line.includes('"level":"info"') && logged++ < 5) console.error(line);
    });
    // As node.ts wires it: the writes on a worker thread with its own connection to the file. The
    // same app writing on the request thread (round one's wiring) is measured beside it.
    const inThreadEvents = createEventWriter(db, { flushAfterMs: 100, logger });
    const trackingEvents = createThreadedEventWriter({
      databaseUrl: config.databaseUrl,
      flushAfterMs: 100,
      fallback: createEventWriter(db, { flushAfterMs: 100, logger }),
      logger,
    });
    const deps: AppDeps & { trackingEvents: TrackingEventSink } = {
      config,
      db,
      clock: systemClock,
      logger,
      tokenCipher: await createTokenCipher(config.encryptionKey, []),
      google: gmailSandboxEndpoints({ browserBase: 'http://127.0.0.1:9', serverBase: 'http://127.0.0.1:9', gmailRootUrl: 'http://127.0.0.1:9' }),
      quota: createQuotaBudget({ unitsPerMinute: config.gmailQuotaUnitsPerUserMinute }),
      dns: noDns,
      clientAddress: (c) => getConnInfo(c).remote.address,
      trackingEvents,
    };
    const app = createApp(deps);
    const inThreadApp = createApp({ ...deps, trackingEvents: inThreadEvents });

    const signer = await createTrackingSigner(await deriveKey(config.authSecret, 'tracking'));
    const paths = await Promise.all(jobs.map(async (job) => `/t/o/${await signTrackingToken(signer, { kind: 'open', ...job })}.gif`));
    const pathsFile = join(dir, 'paths.json');
    writeFileSync(pathsFile, JSON.stringify(paths));

    const pixel = decodeBase64('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7')!;
    const bare = new Hono().get('/t/o/:token', () =>
      new Response(pixel, {
        headers: { 'Content-Type': 'image/gif', 'Content-Length': String(pixel.byteLength), 'Cache-Control': 'no-store, no-cache, must-revalidate, private' },
      }),
    );

    let trackingAnswered = 0;
    let inThreadAnswered = 0;
    let bareAnswered = 0;
    const trackingPort = await listen(servers, async (request, env) => {
      const response = await app.fetch(request, env);
      trackingAnswered++;
      return response;
    });
    const inThreadPort = await listen(servers, async (request, env) => {
      const response = await inThreadApp.fetch(request, env);
      inThreadAnswered++;
      return response;
    });
    const barePort = await listen(servers, async (request, env) => {
      const response = await bare.fetch(request, env);
      bareAnswered++;
      return response;
    });

    console.log(`pixel bench: ${JOBS} sent jobs, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${seconds} s per route (after ${WARMUP_SECONDS} s warm-up), load from a separate process`);
    await load(`http://127.0.0.1:${barePort}`, pathsFile, WARMUP_SECONDS);
    await load(`http://127.0.0.1:${trackingPort}`, pathsFile, WARMUP_SECONDS);
    await load(`http://127.0.0.1:${inThreadPort}`, pathsFile, WARMUP_SECONDS);
    const rounds: { bare: LoadResult & Cost; tracking: LoadResult & Cost; inThread: LoadResult & Cost }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const bare = await measured(() => bareAnswered, () => load(`http://127.0.0.1:${barePort}`, pathsFile, seconds));
      const tracking = await measured(() => trackingAnswered, () => load(`http://127.0.0.1:${trackingPort}`, pathsFile, seconds));
      const inThread = await measured(() => inThreadAnswered, () => load(`http://127.0.0.1:${inThreadPort}`, pathsFile, seconds));
      rounds.push({ bare, tracking, inThread });
    }

    await trackingEvents.flush();
    await inThreadEvents.flush();
    const [row] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM tracking_events WHERE kind = 'open'`);
    const rows = Number(row?.n ?? 0);
    const bareResult = combined(rounds.map((r) => r.bare));
    const trackingResult = combined(rounds.map((r) => r.tracking));
    const inThreadResult = combined(rounds.map((r) => r.inThread));
    const ratio = trackingResult.requestsPerSecond / bareResult.requestsPerSecond;
    const p99Factor = trackingResult.p99 / Math.max(bareResult.p99, 1);

    const line = (name: string, r: LoadResult & Cost) =>
      `${name.padEnd(24)} ${r.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(1).padStart(5)} ms   p99 ${r.p99.toFixed(1).padStart(5)} ms   ` +
      `server CPU ${r.cpuMicrosPerRequest.toFixed(0)} µs/req (request thread ${r.requestThreadMicrosPerRequest.toFixed(0)}), event loop ${(r.eventLoopUtilization * 100).toFixed(0)}% busy   non-2xx ${r.non2xx}   errors ${r.errors + r.timeouts}`;
    rounds.forEach((r, i) => {
      console.log(line(`round ${i + 1}: bare GIF route`, r.bare));
      console.log(line(`round ${i + 1}: tracking route`, r.tracking));
      console.log(line(`round ${i + 1}: same, in-thread writes`, r.inThread));
      console.log(`round ${i + 1}: ratio ${((r.tracking.requestsPerSecond / r.bare.requestsPerSecond) * 100).toFixed(1)}%, p99 ${(r.tracking.p99 / Math.max(r.bare.p99, 1)).toFixed(2)}× the bare route's`);
    });
    console.log(line('both rounds: bare', bareResult));
    console.log(line('both rounds: tracking', trackingResult));
    console.log(line('both rounds: in-thread writes', inThreadResult));
    console.log(`in-thread writes ${((inThreadResult.requestsPerSecond / bareResult.requestsPerSecond) * 100).toFixed(1)}% of the bare route, p99 ${(inThreadResult.p99 / Math.max(bareResult.p99, 1)).toFixed(2)}× (round one's wiring, for comparison)`);
    console.log(`ratio            ${(ratio * 100).toFixed(1)}% of the bare route (target ≥ ${TARGET_RATIO * 100}%)`);
    console.log(`p99              ${trackingResult.p99.toFixed(1)} ms = ${p99Factor.toFixed(2)}× the bare route's ${bareResult.p99.toFixed(1)} ms (target ≤ ${TARGET_P99_FACTOR}×)`);
    const answered = trackingAnswered + inThreadAnswered;
    console.log(`events           ${rows} rows for ${answered} pixel requests answered by both tracking servers (bare route answered ${bareAnswered})`);

    const failures = [
      ratio < TARGET_RATIO && 'throughput ratio',
      p99Factor > TARGET_P99_FACTOR && 'p99 latency',
      rows !== answered && 'one event per request',
      (trackingResult.non2xx > 0 || trackingResult.errors > 0) && 'errors',
    ].filter(Boolean);
    console.log(failures.length === 0 ? 'all targets met' : `MISSED: ${failures.join(', ')}`);
    await trackingEvents.close();
    await inThreadEvents.close();
    for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()));
    client.close();
    process.exitCode = failures.length === 0 ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Rounds taken together: requests/s and CPU averaged, latencies the worst round's, counts summed. */
function combined(results: (LoadResult & Cost)[]): LoadResult & Cost {
  const mean = (pick: (r: LoadResult & Cost) => number) => results.reduce((sum, r) => sum + pick(r), 0) / results.length;
  const max = (pick: (r: LoadResult & Cost) => number) => Math.max(...results.map(pick));
  const sum = (pick: (r: LoadResult & Cost) => number) => results.reduce((total, r) => total + pick(r), 0);
  return {
    requestsPerSecond: mean((r) => r.requestsPerSecond),
    p50: max((r) => r.p50),
    p99: max((r) => r.p99),
    ok: sum((r) => r.ok),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    cpuMicrosPerRequest: mean((r) => r.cpuMicrosPerRequest),
    requestThreadMicrosPerRequest: mean((r) => r.requestThreadMicrosPerRequest),
    eventLoopUtilization: mean((r) => r.eventLoopUtilization),
  };
}

/** `env` carries Node's request and response objects (getConnInfo reads the peer address there). */
type Cost = { cpuMicrosPerRequest: number; requestThreadMicrosPerRequest: number; eventLoopUtilization: number };

/**
 * The server's own cost over a run: CPU time per answered request (all threads: the request thread
 * and the tracking event writer's), the request thread's own CPU time per request, and how busy its
 * event loop was.
 */
async function measured(answered: () => number, run: () => Promise<LoadResult>): Promise<LoadResult & Cost> {
  const before = { cpu: process.cpuUsage(), thread: requestThreadCpuMicros(), elu: nodePerformance.eventLoopUtilization(), answered: answered() };
  const result = await run();
  const cpu = process.cpuUsage(before.cpu);
  const elu = nodePerformance.eventLoopUtilization(before.elu);
  const requests = Math.max(1, answered() - before.answered);
  return {
    ...result,
    cpuMicrosPerRequest: (cpu.user + cpu.system) / requests,
    // The request thread's own CPU time: what bounds its requests/s when the machine has a core to spare.
    requestThreadMicrosPerRequest: (requestThreadCpuMicros() - before.thread) / requests,
    eventLoopUtilization: elu.utilization,
  };
}

/**
 * CPU time of this process's main thread (the one answering requests), in µs: Linux's per-thread
 * utime + stime (`/proc/self/task/<pid>/stat`, fields 14 and 15, in ticks of 1/100 s), so the event
 * writer's thread is not counted. Node 20 has no per-thread CPU clock. NaN elsewhere.
 */
function requestThreadCpuMicros(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return Number.NaN;
  }
}

function listen(servers: ServerType[], fetch: (request: Request, env: unknown) => Promise<Response>): Promise<number> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
    servers.push(server);
  });
}

/** Runs the load generator in a child process, so it does not share the server's event loop. */
function load(base: string, pathsFile: string, seconds: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv.filter((flag) => !flag.startsWith('--cpu-prof')), new URL(import.meta.url).pathname, 'load', JSON.stringify({ base, pathsFile }), String(seconds)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`load generator exited with ${code}`))));
  });
}

type AutocannonResult = {
  requests: { average: number };
  latency: { p50: number; p99: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
};
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

/** The child: autocannon against `base`, each request the next token (spread over every job). */
async function loadGenerator(target: string, seconds: number) {
  const { base, pathsFile } = JSON.parse(target) as { base: string; pathsFile: string };
  const paths = JSON.parse(readFileSync(pathsFile, 'utf8')) as string[];
  // autocannon ships no types; its options and result are described above.
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  let next = Math.floor(Math.random() * paths.length);
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    headers: { 'user-agent': USER_AGENT },
    requests: [
      {
        setupRequest: (request: Record<string, unknown>) => {
          next = (next + 1) % paths.length;
          return { ...request, path: paths[next] };
        },
      },
    ],
  });
  const summary: LoadResult = {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
  process.stdout.write(JSON.stringify(summary));
}

function encodeBase64(bytes: Uint8Array): string {
  return encodeBase64url(bytes).replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil((bytes.length * 4) / 3 / 4) * 4, '=');
}
