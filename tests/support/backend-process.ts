import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';

const ROOT = resolve(import.meta.dirname, '../..');

export type BackendProcess = {
  url: string;
  port: number;
  dataDir: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
};

/** A free port, a fresh data folder, and the environment that points a backend process at both. */
export async function freshBackendPlace(dataDirPrefix: string) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), dataDirPrefix));
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    PORT: String(port),
    PUBLIC_URL: url,
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${join(dataDir, 'iconnect.db')}`,
  };
  return { port, url, dataDir, env };
}

/**
 * Polls `/health` every `pollMs` until it answers; stops the process and throws with its output if
 * it exits first (`exitedWith` says how) or has not answered within 20 s.
 */
export async function awaitHealth(
  url: string,
  backend: { exitedWith(): string | null; output(): string; stop(): Promise<void> },
  pollMs: number,
) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const exited = backend.exitedWith();
    if (exited !== null) {
      await backend.stop();
      throw new Error(`the backend exited (${exited}) before answering:\n${backend.output()}`);
    }
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await backend.stop();
      throw new Error(`the backend did not answer /health within 20 s:\n${backend.output()}`);
    }
    await new Promise((done) => setTimeout(done, pollMs));
  }
}

/**
 * Starts the real Node backend (`backend/src/node.ts`) as its own process on a free port, with a
 * fresh temporary data folder and database, exactly as `npm start` runs it. Resolves once
 * `/health` answers.
 */
export async function startBackend(options: { env?: Record<string, string> } = {}): Promise<BackendProcess> {
  const { port, url, dataDir, env } = await freshBackendPlace('iconnect-test-');
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'backend/src/node.ts')], {
    cwd: ROOT,
    env: { ...env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((done) => setTimeout(done, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  await awaitHealth(url, { exitedWith: () => (child.exitCode === null ? null : `code ${child.exitCode}`), output: () => output, stop }, 100);
  return { url, port, dataDir, output: () => output, stop };
}
