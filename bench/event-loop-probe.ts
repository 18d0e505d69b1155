/**
 * What a long job costs everyone else while it runs (issue 17): the longest event-loop delay in this
 * process (`perf_hooks.monitorEventLoopDelay`: max and p99) and the worst answer time of `/health`,
 * asked every 20 ms by a child process over a real socket (a client that is not itself blocked).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const CHILD = `
let url = null, times = [], stop = false;
process.on('message', async (message) => {
  if (message.start) { url = message.start; times = []; loop(); }
  if (message.report) { process.send({ times }); times = []; }
  if (message.exit) { stop = true; process.exit(0); }
});
async function loop() {
  while (!stop) {
    const next = Date.now() + ${20};
    const start = performance.now();
    try { await (await fetch(url)).text(); } catch {}
    times.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
  }
}`;

export type LoopFigures = { ms: number; cpuMs: number; cpuStretchMs: number; loopMaxMs: number; loopP99Ms: number; healthWorstMs: number; healthP99Ms: number; probes: number };

export async function startHealthProbe(healthUrl: string) {
  const dir = mkdtempSync(join(tmpdir(), 'iconnect-probe-'));
  const file = join(dir, 'probe.cjs');
  writeFileSync(file, CHILD);
  const child: ChildProcess = fork(file, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child.send({ start: healthUrl });
  const report = () =>
    new Promise<number[]>((resolve) => {
      child.once('message', (message) => resolve((message as { times: number[] }).times));
      child.send({ report: true });
    });
  await report();

  /** Runs `work` and answers its figures; the probe's answers from before it started are dropped. */
  async function measure(work: () => Promise<unknown> | unknown): Promise<LoopFigures> {
    await report();
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    const start = performance.now();
    const cpuBefore = process.cpuUsage();
    // The CPU this process used between two turns of a 1 ms timer: how long the work itself held the
    // loop. On a busy machine the wall-clock delay also counts time the OS gave other processes.
    let cpuStretchMs = 0;
    let lastTick = cpuBefore;
    const ticker = setInterval(() => {
      const now = process.cpuUsage();
      cpuStretchMs = Math.max(cpuStretchMs, (now.user - lastTick.user + now.system - lastTick.system) / 1000);
      lastTick = now;
    }, 1);
    await work();
    await new Promise((resolve) => setTimeout(resolve, 2));
    clearInterval(ticker);
    const ms = performance.now() - start;
    // CPU time of this process (the database runs in it): steadier than the wall clock when the machine is busy.
    const cpu = process.cpuUsage(cpuBefore);
    // A timer of the monitor's own must fire once after the work, or a stretch with no turn at all goes unrecorded.
    await new Promise((resolve) => setTimeout(resolve, 5));
    histogram.disable();
    // One more answer after the work: a request that waited on the last blocked stretch is counted.
    await new Promise((resolve) => setTimeout(resolve, 60));
    const times = await report();
    const sorted = [...times].sort((a, b) => a - b);
    return {
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      cpuStretchMs,
      loopMaxMs: histogram.max / 1e6,
      loopP99Ms: histogram.percentile(99) / 1e6,
      healthWorstMs: sorted.at(-1) ?? NaN,
      healthP99Ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? NaN,
      probes: times.length,
    };
  }
  return { measure, close: () => child.send({ exit: true }) };
}

export function figuresHeader(): string {
  return 'step'.padEnd(52) + 'ms'.padStart(8) + 'cpu ms'.padStart(8) + 'cpu stretch'.padStart(13) + 'loop max'.padStart(10) + 'loop p99'.padStart(10) + '/health worst'.padStart(15) + 'p99'.padStart(7) + 'probes'.padStart(8);
}

export function figuresLine(label: string, f: LoopFigures): string {
  const n = (value: number) => value.toFixed(0);
  return label.padEnd(52) + n(f.ms).padStart(8) + n(f.cpuMs).padStart(8) + n(f.cpuStretchMs).padStart(13) + n(f.loopMaxMs).padStart(10) + n(f.loopP99Ms).padStart(10) + n(f.healthWorstMs).padStart(15) + n(f.healthP99Ms).padStart(7) + String(f.probes).padStart(8);
}
