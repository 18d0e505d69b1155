import { gmailSandboxEndpoints } from '../gmail/google-endpoints';
import { startGmailSandboxServer } from '../gmail-sandbox/node-server';
import type { SandboxClock } from '../gmail-sandbox/sandbox-deps';
import { createTestApp } from './test-app';

/**
 * The real app wired to a real Gmail sandbox on a loopback port: the Google client library makes
 * real HTTP requests to it, exactly as it would to Google.
 *
 * `sandboxClock` is Google's clock (token expiry, rolling send limits): a test moves it to make
 * time pass at Google without waiting. Google's client library keeps the real clock.
 */
export async function createSandboxedTestApp(
  options: {
    accessTokenTtlMs?: number;
    databaseUrl?: string;
    env?: Record<string, string>;
    sandboxRandom?: () => number;
    sandboxClock?: SandboxClock;
  } = {},
) {
  const sandbox = await startGmailSandboxServer({
    ...(options.accessTokenTtlMs !== undefined ? { accessTokenTtlMs: options.accessTokenTtlMs } : {}),
    ...(options.sandboxClock ? { clock: options.sandboxClock } : {}),
    // A seeded source makes the sandbox's `rate` faults reproducible.
    ...(options.sandboxRandom ? { random: options.sandboxRandom } : {}),
  });
  const google = gmailSandboxEndpoints({ browserBase: sandbox.url, serverBase: sandbox.url, gmailRootUrl: sandbox.url });
  const t = await createTestApp({ google, databaseUrl: options.databaseUrl, env: options.env });

  const control = sandboxControl(sandbox.url);

  return {
    ...t,
    sandbox,
    google,
    control,
    close: async () => {
      await t.close();
      await sandbox.close();
    },
  };
}

export type SandboxedTestApp = Awaited<ReturnType<typeof createSandboxedTestApp>>;

/** The control API (faults, state, mailboxes) of a sandbox served at `baseUrl`, as scripts use it. */
export function sandboxControl(baseUrl: string) {
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
}
