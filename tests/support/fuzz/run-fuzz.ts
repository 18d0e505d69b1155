import fc from 'fast-check';
import { openFuzzContext, SetupFailed, type FuzzContext } from './fuzz-context';
import { httpClient, NoAnswer } from './http-client';
import { caseFor, type FuzzCase, type Variant } from './fuzz-case';
import { compileBackend, startFuzzServer, type FuzzServer } from './fuzz-server';
import { BEFORE_ANY_ROUTE, FUZZ_ROUTES, routeName } from './route-list';
import type { RouteSpec } from './route-spec';
import { runCase, type CaseProgress, type Finding, type FindingKind, type RequestShown } from './run-case';

/**
 * The fuzz run shared by `npm test` (a few hundred cases) and `bench/fuzz-routes.ts` (10,000):
 * seeded cases against one server process at a time, in order. A crash is recorded and the run
 * goes on against a fresh process and database (the dead one's database may hold what killed it),
 * up to `maxRestarts`.
 */

export type FuzzOptions = {
  seed: number;
  cases: number;
  routes?: readonly RouteSpec[];
  /** `/health` is asked every this many cases. */
  healthEvery?: number;
  /** Crashes after which the run stops rather than start another process. */
  maxRestarts?: number;
  /** Only these case numbers (to replay a failure). */
  only?: readonly number[];
  progress?: (line: string) => void;
  /** Called with one line per case: its number, variant, request and answer. */
  trace?: (line: string) => void;
};

export type FailureExample = { caseNumber: number; variant: Variant | 'health'; request: RequestShown; detail: string };
export type FailureGroup = { kind: FindingKind; route: string; group: string; count: number; example: FailureExample };

export type RouteTally = { cases: number; statuses: Map<string, number> };
export type FuzzReport = {
  seed: number;
  planned: number;
  ran: number;
  stoppedEarly: string | null;
  elapsedMs: number;
  routes: Map<string, RouteTally>;
  statuses: Map<string, number>;
  variants: Map<Variant, { cases: number; accepted: number; requestMs: number[] }>;
  findings: Map<FindingKind, number>;
  failures: FailureGroup[];
};

const CHUNK = 20;
/** Node's default `maxHeaderSize`, which the request line counts toward. */
const MAX_HEADER_BYTES = 16 * 1024;


/**
 * Case `n` of `seed`, the same in every run: routes take turns (each `weight` turns a round, so
 * each gets its share), and each route's cases are drawn in chunks of 20 from a seed of its own.
 * Only the current chunk of each route is held: a case may carry 100,000-character strings.
 */
export function caseSource(seed: number, routes: readonly RouteSpec[] = FUZZ_ROUTES): (n: number) => FuzzCase {
  const turns = routes.flatMap((route, index) => Array.from({ length: route.weight ?? 1 }, (_, turn) => ({ index, turn, weight: route.weight ?? 1 })));
  const chunks = new Map<number, { chunk: number; cases: FuzzCase[] }>();
  return (n) => {
    const { index: route, turn, weight } = turns[n % turns.length]!;
    const nth = Math.floor(n / turns.length) * weight + turn;
    const chunk = Math.floor(nth / CHUNK);
    let held = chunks.get(route);
    if (held?.chunk !== chunk) {
      held = { chunk, cases: fc.sample(caseFor(routes[route]!), { seed: (seed * 7919 + route * 104_729 + chunk) | 0, numRuns: CHUNK }) };
      chunks.set(route, held);
    }
    return held.cases[nth % CHUNK]!;
  };
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const routes = options.routes ?? FUZZ_ROUTES;
  const healthEvery = options.healthEvery ?? 25;
  const maxRestarts = options.maxRestarts ?? Infinity;
  const report: FuzzReport = {
    seed: options.seed,
    planned: options.cases,
    ran: 0,
    stoppedEarly: null,
    elapsedMs: 0,
    routes: new Map(routes.map((route) => [routeName(route), { cases: 0, statuses: new Map() }])),
    statuses: new Map(),
    variants: new Map(),
    findings: new Map(),
    failures: [],
  };
  const groups = new Map<string, FailureGroup>();
  const record = (finding: Finding, route: string, example: FailureExample) => {
    report.findings.set(finding.kind, (report.findings.get(finding.kind) ?? 0) + 1);
    const group = finding.group ?? '';
    const key = `${finding.kind} ${route} ${group}`;
    const known = groups.get(key);
    if (!known) groups.set(key, { kind: finding.kind, route, group, count: 1, example });
    else {
      known.count++;
      // The smallest request that shows it is the best repro.
      if (example.request.size < known.example.request.size) known.example = example;
    }
  };
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

  const { entry, dispose } = await compileBackend();
  const start = async () => {
    const server = await startFuzzServer(entry);
    try {
      return { server, ctx: await openFuzzContext(httpClient(server.url), server.url) };
    } catch (error) {
      await server.stop();
      throw error;
    }
  };
  let live: { server: FuzzServer; ctx: FuzzContext };
  try {
    live = await start();
  } catch (error) {
    dispose();
    throw error;
  }
  let restarts = 0;
  /** After a crash: a fresh process and database, or the end of the run. */
  const restart = async (): Promise<boolean> => {
    live.ctx.http.close();
    await live.server.stop();
    if (restarts >= maxRestarts) {
      report.stoppedEarly = `stopped after ${restarts + 1} crash${restarts === 0 ? '' : 'es'} (at most ${maxRestarts} restarts)`;
      return false;
    }
    restarts++;
    live = await start();
    return true;
  };
  const lastWords = () => {
    const output = live.server.output();
    const panic = output.split('\n').find((line) => /panicked|fatal|RangeError|Maximum call stack|FATAL ERROR/i.test(line));
    const exit = live.server.exit();
    return `process ended (${exit?.signal ?? `exit code ${exit?.code}`})${panic ? `: ${panic.trim().slice(0, 300)}` : ''}`;
  };
  const lastLoggedError = () => {
    const line = live.server.output().split('\n').reverse().find((l) => l.includes('"unhandled error"'));
    try {
      return line ? String((JSON.parse(line) as { error?: unknown }).error ?? '') : '';
    } catch {
      return '';
    }
  };

  const caseAt = caseSource(options.seed, routes);
  try {
    for (let n = 0; n < options.cases; n++) {
      if (options.only && !options.only.includes(n)) continue;
      const c = caseAt(n);
      const name = routeName(c.route);
      const tally = report.routes.get(name)!;
      tally.cases++;
      report.ran++;
      const variant = report.variants.get(c.variant) ?? { cases: 0, accepted: 0, requestMs: [] };
      report.variants.set(c.variant, variant);
      variant.cases++;
      const progress: CaseProgress = { stage: 'preparing the case' };
      const diedBefore = live.server.exit() !== null;
      try {
        if (diedBefore) throw new NoAnswer('the process had already ended before this case (a background task, or an earlier answer)');
        const result = await runCase(live.ctx, c, progress);
        const status = result.status === null ? 'setup failed' : String(result.status);
        bump(tally.statuses, status);
        bump(report.statuses, status);
        variant.requestMs.push(result.requestMs);
        options.trace?.(`#${n} ${c.variant} ${result.request.line.slice(0, 200)} → ${status}`);
        if (result.status !== null && result.status < 300) variant.accepted++;
        for (const finding of result.findings) {
          if (finding.kind === '5xx') finding.group = lastLoggedError() || finding.group;
          record(finding, finding.route ?? name, { caseNumber: n, variant: c.variant, request: result.request, detail: finding.detail });
        }
      } catch (error) {
        if (!(error instanceof NoAnswer)) throw error;
        bump(tally.statuses, 'no answer');
        bump(report.statuses, 'no answer');
        options.trace?.(`#${n} ${c.variant} ${(progress.request?.line ?? name).slice(0, 200)} → no answer during ${progress.stage}`);
        const dead = diedBefore || (await live.server.ended(2000));
        const shown = progress.request ?? { line: `${c.route.method} ${c.route.path}`, contentType: undefined, body: '', bodyBytes: 0, size: 0 };
        const detail = `${dead ? lastWords() : error.reason} during ${progress.stage}`;
        // Node refuses a request line over its 16 KB header limit (431) and closes while the client still writes it.
        const refusedByNode = !dead && (progress.request?.line.length ?? 0) > MAX_HEADER_BYTES;
        const finding: Finding = refusedByNode
          ? { kind: 'no-answer', group: 'request line over 16 KB: connection reset', detail, route: BEFORE_ANY_ROUTE }
          : { kind: dead ? 'crash' : 'no-answer', group: progress.stage, detail };
        record(finding, finding.route ?? name, { caseNumber: n, variant: c.variant, request: shown, detail });
        if (dead && !(await restart())) break;
      }
      if ((n + 1) % healthEvery === 0 || n === options.cases - 1) {
        const healthRequest = { line: 'GET /health', contentType: undefined, body: '', bodyBytes: 0, size: 0 };
        const recordHealth = (finding: Finding) => record(finding, 'GET /health', { caseNumber: n, variant: 'health', request: healthRequest, detail: finding.detail });
        if (!(await healthAnswers(live.server, live.ctx, recordHealth))) {
          if (!(await restart())) break;
        }
        options.progress?.(`${n + 1}/${options.cases} cases, ${groups.size} distinct failures, ${restarts} restarts`);
      }
    }
  } finally {
    live.ctx.http.close();
    await live.server.stop();
    dispose();
  }
  report.failures = [...groups.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.route.localeCompare(b.route));
  report.elapsedMs = performance.now() - started;
  return report;
}

/** `/health` answers 200 after the cases so far; false when the process has ended. */
async function healthAnswers(server: FuzzServer, ctx: FuzzContext, record: (finding: Finding) => void): Promise<boolean> {
  try {
    const answer = await ctx.http.call({ method: 'GET', path: '/health' });
    if (answer.status !== 200) record({ kind: 'health', detail: `${answer.status} ${answer.text.slice(0, 200)}` });
    return true;
  } catch (error) {
    if (!(error instanceof NoAnswer) && !(error instanceof SetupFailed)) throw error;
    const dead = await server.ended(2000);
    record({ kind: dead ? 'crash' : 'health', group: 'health check', detail: `/health did not answer: ${error.message}` });
    return !dead;
  }
}
