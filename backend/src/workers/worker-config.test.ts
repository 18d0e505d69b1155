import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config';
import { TEST_SECRETS } from '../testing/test-app';
import { parseWorkerConfig } from './worker-config';

const DEPLOYED = {
  ...TEST_SECRETS,
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://iconnect.example.workers.dev',
  DATABASE_URL: 'libsql://iconnect-example.turso.io',
  DATABASE_AUTH_TOKEN: 'turso-token',
  GOOGLE_CLIENT_ID: 'client.apps.googleusercontent.com',
  GOOGLE_CLIENT_SECRET: 'google-secret',
};

function problemsOf(env: Record<string, unknown>): string {
  try {
    parseWorkerConfig(env, { version: 'test' });
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return '';
}

describe('the Worker configuration', () => {
  it('reads the same variables as Node, plus the cron budget', () => {
    const { config, settings } = parseWorkerConfig({ ...DEPLOYED, SCHEDULER_BUDGET_MS: '30000', SOME_BINDING: { fetch() {} } }, { version: 'test' });
    expect(config).toMatchObject({ publicUrl: DEPLOYED.PUBLIC_URL, databaseUrl: DEPLOYED.DATABASE_URL, databaseAuthToken: 'turso-token', env: 'production' });
    expect(config.google).toEqual({ clientId: DEPLOYED.GOOGLE_CLIENT_ID, clientSecret: 'google-secret' });
    expect(settings).toEqual({ schedulerBudgetMs: 30_000, maxSendsPerTick: 50 });
    expect(parseWorkerConfig(DEPLOYED, { version: 'test' }).settings.schedulerBudgetMs).toBe(50_000);
  });

  it('refuses what a Worker cannot do, naming the variables and never their values', () => {
    const message = problemsOf({ ...TEST_SECRETS, DATABASE_URL: 'file:./data/iconnect.db', SCHEDULER_BUDGET_MS: 'soon' });
    expect(message).toContain('DATABASE_URL: a Worker has no file system');
    expect(message).toContain('PUBLIC_URL');
    expect(message).toContain('GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET');
    expect(message).toContain('SCHEDULER_BUDGET_MS');
    expect(message).not.toContain(TEST_SECRETS.ENCRYPTION_KEY);
    expect(problemsOf({ ...DEPLOYED, DATABASE_URL: '' })).toContain('DATABASE_URL: set it to your Turso database');
  });

  it('refuses to start without the secrets, as on Node', () => {
    expect(problemsOf({ ...DEPLOYED, ENCRYPTION_KEY: undefined, AUTH_SECRET: '' })).toMatch(/Missing ENCRYPTION_KEY and AUTH_SECRET/);
  });

  it('accepts a Gmail sandbox elsewhere instead of Google (tests and demos)', () => {
    const { config } = parseWorkerConfig(
      { ...DEPLOYED, GOOGLE_CLIENT_ID: undefined, GOOGLE_CLIENT_SECRET: undefined, GMAIL_SANDBOX_URL: 'http://127.0.0.1:8788' },
      { version: 'test' },
    );
    expect(config.google).toBeNull();
    expect(config.gmailSandboxUrl).toBe('http://127.0.0.1:8788');
  });
});
