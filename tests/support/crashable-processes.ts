import { build } from 'esbuild';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from './free-port';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Processes a crash test can kill without mercy: the backend (`backend/src/node.ts`) on a fixed
 * port and a data folder that outlives it, and the Gmail sandbox in its own process, so killing
 * the backend never takes Gmail's side of the story with it.
 */

type Spawned = { child: ChildProcess; output: () => string };

/**
 * Compiles an entry (our code only; packages stay imports) into one file under `outDir`, so a
 * restart takes ~1 s instead of ~5 s under tsx. Each module's `import.meta.url` keeps pointing at
 * its own source file: the migrations folder and package.json are found as in development.
 */
export async function bundleEntry(entry: string, outDir: string): Promise<string> {
  const outfile = join(outDir, entry.replace(/[/\\]/g, '_').replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [join(ROOT, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // Bare imports resolve from the repository, wherever the bundle lives.
    nodePaths: [join(ROOT, 'node_modules')],
    logLevel: 'warning',
    plugins: [
      {
        name: 'source-import-meta',
        setup(pluginBuild) {
          pluginBuild.onLoad({ filter: /\.ts$/ }, async (args) => ({
            contents: (await readFile(args.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
            loader: 'ts',
          }));
        },
      },
    ],
  });
  return outfile;
}

function spawnTs(entry: string, env: Record<string, string>): Spawned {
  let output = '';
  const args = entry.endsWith('.mjs') ? [entry] : ['--import', 'tsx', join(ROOT, entry)];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function waitUntilAnswering(url: string, spawned: Spawned, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (spawned.child.exitCode !== null) throw new Error(`${what} exited with ${spawned.child.exitCode}:\n${spawned.output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${what} did not answer ${url} within ${timeoutMs} ms:\n${spawned.output()}`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

async function terminate(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill(signal);
  await Promise.race([exited, new Promise((done) => setTimeout(done, 5000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** The Gmail sandbox alone, on a file database. */
export async function startSandboxProcess(options: { dbPath: string }) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const spawned = spawnTs('backend/src/gmail-sandbox/node-server.ts', { GMAIL_SANDBOX_PORT: String(port), GMAIL_SANDBOX_DB: `file:${options.dbPath}` });
  await waitUntilAnswering(`${url}/state`, spawned, 'the Gmail sandbox');
  return { url, output: spawned.output, stop: () => terminate(spawned.child, 'SIGTERM') };
}

/**
 * The backend on `dataDir` (kept across restarts: the same database, the same generated secrets,
 * so sessions stay valid) and on the same port every time. `kill()` is SIGKILL: no clean shutdown.
 */
export async function crashableBackend(options: { dataDir: string; env?: Record<string, string>; entry?: string }) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let current: Spawned | undefined;
  let log = '';
  const env = {
    NODE_ENV: 'test',
    PORT: String(port),
    PUBLIC_URL: url,
    DATA_DIR: options.dataDir,
    DATABASE_URL: `file:${join(options.dataDir, 'iconnect.db')}`,
    ...options.env,
  };
  return {
    url,
    async start() {
      current = spawnTs(options.entry ?? 'backend/src/node.ts', env);
      await waitUntilAnswering(`${url}/health`, current, 'the backend');
    },
    async kill() {
      if (!current) return;
      await terminate(current.child, 'SIGKILL');
      log += current.output();
      current = undefined;
    },
    async stop() {
      if (!current) return;
      await terminate(current.child, 'SIGTERM');
      log += current.output();
      current = undefined;
    },
    output: () => log + (current?.output() ?? ''),
  };
}

/** fetch with the dashboard's cookie and Origin, as a browser on the dashboard sends them. */
export function httpAgent(baseUrl: string) {
  let cookie = '';
  const request = async (method: string, path: string, json?: unknown) => {
    const response = await fetch(new URL(path, baseUrl), {
      method,
      redirect: 'manual',
      headers: {
        ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(method !== 'GET' ? { origin: baseUrl } : {}),
        ...(cookie ? { cookie } : {}),
      },
      body: json !== undefined ? JSON.stringify(json) : null,
    });
    const set = response.headers.getSetCookie();
    if (set.length > 0) cookie = set.map((header) => header.split(';', 1)[0]).join('; ');
    return response;
  };
  return {
    get: (path: string) => request('GET', path),
    post: (path: string, json?: unknown) => request('POST', path, json),
    patch: (path: string, json?: unknown) => request('PATCH', path, json),
  };
}

/**
 * Signs a user up on the backend and connects `sender` (a sandbox mailbox) through the consent
 * flow, as a person does; the account sends with no gap and the sandbox mailbox has room for
 * everything. Returns the account id.
 */
export async function connectedSender(agent: ReturnType<typeof httpAgent>, sandboxUrl: string, sender: string): Promise<string> {
  const ok = (response: Response, what: string) => {
    if (response.status >= 400) throw new Error(`${what} answered ${response.status}`);
    return response;
  };
  ok(await agent.post('/api/auth/signup', { email: `owner-of-${sender}`, password: 'a long enough password' }), 'signup');
  const start = await agent.get('/api/accounts/connect?timezone=UTC');
  const allow = await fetch(start.headers.get('location')!, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: sender, decision: 'allow' }),
    redirect: 'manual',
  });
  const callback = new URL(allow.headers.get('location')!);
  ok(await agent.get(callback.pathname + callback.search), 'the OAuth callback');
  const { accounts } = (await (await agent.get('/api/accounts')).json()) as { accounts: { id: string }[] };
  const accountId = accounts[0]!.id;
  ok(await agent.patch(`/api/accounts/${accountId}`, { minGapSeconds: 0, maxGapSeconds: 0, dailyLimit: 2000 }), 'the account settings');
  ok(
    await fetch(`${sandboxUrl}/mailboxes/${sender}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ dailyLimit: 100_000, perMinuteLimit: 100_000, quotaUnitsPerUserMinute: 100_000_000 }),
    }),
    'the sandbox mailbox settings',
  );
  return accountId;
}
