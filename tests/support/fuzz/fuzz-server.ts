import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundleEntry } from '../crashable-processes';
import { awaitHealth, freshBackendPlace } from '../backend-process';

const ROOT = resolve(import.meta.dirname, '../../..');
/** The most of the server's output kept: enough for the panic or stack of the last crash. */
const OUTPUT_KEPT = 64 * 1024;

export type FuzzServer = {
  url: string;
  /** How the process ended, or null while it runs. */
  exit(): { code: number | null; signal: string | null } | null;
  /** Resolves true once the process has ended, false if it still runs after `ms`. */
  ended(ms: number): Promise<boolean>;
  /** The last 64 KB the process printed. */
  output(): string;
  stop(): Promise<void>;
};

/**
 * The backend compiled once (the same `startNodeServer` as `npm start`; ~1 s to restart instead of
 * ~5 s under tsx), so that a crash costs the fuzz run a restart and not the run itself. Into a
 * folder of this run's own: two runs at once never share a half-written bundle.
 */
export async function compileBackend(): Promise<{ entry: string; dispose: () => void }> {
  // Inside the repository: the bundle's package imports resolve from the node_modules above it.
  const cache = join(ROOT, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'iconnect-fuzz-'));
  return { entry: await bundleEntry('tests/support/backend-main.ts', dir), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The real backend in its own process, on a fresh data folder and database, with the built-in Gmail
 * sandbox. A request that kills it shows as a refused or reset connection, which `app.request()`
 * could never show. TRUST_PROXY lets each case come from its own address (X-Forwarded-For), so the
 * sign-in throttle judges cases, not the fuzz run as a whole.
 */
export async function startFuzzServer(entry: string): Promise<FuzzServer> {
  const { url, dataDir, env } = await freshBackendPlace('iconnect-fuzz-');
  let output = '';
  let exit: { code: number | null; signal: string | null } | null = null;
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: { ...env, TRUST_PROXY: 'true', SCHEDULER_INTERVAL_MS: '1000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEPT);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((done) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      done();
    }),
  );
  // Whatever ends this process (an uncaught error included) ends the backend with it.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const ended = (ms: number) =>
    Promise.race([exited.then(() => true), new Promise<boolean>((done) => setTimeout(() => done(false), ms).unref())]);
  const stop = async () => {
    process.off('exit', orphanGuard);
    if (!exit) {
      child.kill('SIGTERM');
      if (!(await ended(5000))) child.kill('SIGKILL');
      await ended(5000);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const exitedWith = () => (exit ? `code ${exit.code}, signal ${exit.signal}` : null);
  await awaitHealth(url, { exitedWith, output: () => output, stop }, 50);
  return { url, exit: () => exit, ended, output: () => output, stop };
}
