import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../config/config';
import { silentLogger } from '../lib/logger';
import { browserAgent } from '../testing/browser-agent';
import { signUpWithForm } from '../testing/dashboard-forms';
import { addTestAccount, userIdOf } from '../testing/test-accounts';
import { createTestApp, TEST_SECRETS, type TestApp } from '../testing/test-app';
import { buildAppDeps, type RuntimeParts } from './build-app-deps';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const t of apps.splice(0)) await t.close();
});

async function runtimeParts(env: Record<string, string>): Promise<RuntimeParts & { t: TestApp }> {
  const t = await createTestApp();
  apps.push(t);
  const config = parseConfig({ NODE_ENV: 'test', ...TEST_SECRETS, ...env }, { version: 'test' });
  return { t, config, db: t.db, logger: silentLogger, trackingEvents: t.deps.trackingEvents, peerAddress: () => '192.0.2.7' };
}

describe('the dependencies both runtimes build', () => {
  it('talks to Google when its client is configured, else to GMAIL_SANDBOX_URL, else to the sandbox the server hosts', async () => {
    const hosted = (await runtimeParts({})).t.deps.google;
    const google = await buildAppDeps({ ...(await runtimeParts({ GOOGLE_CLIENT_ID: 'id.apps.googleusercontent.com', GOOGLE_CLIENT_SECRET: 's' })), hostedSandbox: hosted });
    expect(google.google.sandboxViewerUrl).toBeNull();
    const elsewhere = await buildAppDeps({ ...(await runtimeParts({ GMAIL_SANDBOX_URL: 'http://127.0.0.1:8788' })), hostedSandbox: hosted });
    expect(elsewhere.google.sandboxViewerUrl).toBe('http://127.0.0.1:8788');
    const own = await buildAppDeps({ ...(await runtimeParts({})), hostedSandbox: hosted });
    expect(own.google).toBe(hosted);
  });

  it('refuses to start when ENCRYPTION_KEY cannot read the Gmail tokens already stored', async () => {
    const parts = await runtimeParts({ ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') });
    const agent = browserAgent(parts.t);
    await signUpWithForm(agent, 'ada@example.com');
    await addTestAccount(parts.t, await userIdOf(agent), 'ada@gmail.com');
    await expect(buildAppDeps(parts)).rejects.toThrow(ConfigError);
  });
});
