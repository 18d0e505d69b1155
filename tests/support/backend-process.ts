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

/**
 * Starts the real Node backend (`backend/src/node.ts`) as its own process on a free port, with a
 * fresh temporary data folder and database, exactly as `npm start` runs it. Resolves once
 * `/health` answers.
 */
export async function startBackend(options: { env?: Record<string, string> } = {}): Promise<BackendProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'iconnect-test-'));
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'backend/src/node.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      DATABASE_URL: `file:${join(dataDir, 'iconnect.db')}`,
      ...options.env,
    },
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

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`backend exited with ${child.exitCode} before answering:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`backend did not answer /health within 20 s:\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return { url, port, dataDir, output: () => output, stop };
}
