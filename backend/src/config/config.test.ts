import { describe, expect, it } from 'vitest';
import { TEST_SECRETS } from '../testing/test-app';
import { ConfigError, parseConfig } from './config';

const version = { version: '1.2.3' };

describe('parseConfig', () => {
  it('fills in the documented defaults', () => {
    const config = parseConfig({ ...TEST_SECRETS }, version);
    expect(config).toMatchObject({
      port: 8787,
      publicUrl: 'http://localhost:8787',
      databaseUrl: 'file:./data/iconnect.db',
      google: null,
      schedulerIntervalMs: 5000,
      trustProxy: false,
      version: '1.2.3',
    });
    expect(config.encryptionKey).toHaveLength(32);
  });

  it('reads the Gmail quota of the operator\'s project: 6,000 units a user a minute unless told otherwise', () => {
    expect(parseConfig({ ...TEST_SECRETS }, version).gmailQuotaUnitsPerUserMinute).toBe(6000);
    expect(parseConfig({ ...TEST_SECRETS, GMAIL_QUOTA_UNITS_PER_USER_MINUTE: '15000' }, version).gmailQuotaUnitsPerUserMinute).toBe(15000);
    expect(() => parseConfig({ ...TEST_SECRETS, GMAIL_QUOTA_UNITS_PER_USER_MINUTE: '60' }, version)).toThrow(/GMAIL_QUOTA_UNITS_PER_USER_MINUTE/);
  });

  it('derives PUBLIC_URL from PORT and drops a trailing slash from an explicit one', () => {
    expect(parseConfig({ ...TEST_SECRETS, PORT: '9000' }, version).publicUrl).toBe('http://localhost:9000');
    expect(parseConfig({ ...TEST_SECRETS, PUBLIC_URL: 'https://mail.example.org/' }, version).publicUrl).toBe(
      'https://mail.example.org',
    );
  });

  it('reports every bad variable by name, without echoing secret values', () => {
    const secretLooking = 'c2hvcnQ=';
    let message = '';
    try {
      parseConfig({ PORT: 'eighty', PUBLIC_URL: 'ftp://x', ENCRYPTION_KEY: secretLooking, AUTH_SECRET: TEST_SECRETS.AUTH_SECRET }, version);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/PUBLIC_URL/);
    expect(message).toMatch(/ENCRYPTION_KEY: must be 32 random bytes in base64/);
    expect(message).not.toContain(secretLooking);
  });

  it('refuses to start without the secrets', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' }, version)).toThrow(/Missing ENCRYPTION_KEY and AUTH_SECRET/);
  });

  it('wants both Google credentials or neither', () => {
    expect(() => parseConfig({ ...TEST_SECRETS, GOOGLE_CLIENT_ID: 'id' }, version)).toThrow(/GOOGLE_CLIENT_SECRET/);
    expect(parseConfig({ ...TEST_SECRETS, GOOGLE_CLIENT_ID: 'id', GOOGLE_CLIENT_SECRET: 's' }, version).google).toEqual({
      clientId: 'id',
      clientSecret: 's',
    });
  });

  it('treats empty variables as unset', () => {
    expect(parseConfig({ ...TEST_SECRETS, PORT: '', GOOGLE_CLIENT_ID: '' }, version)).toMatchObject({ port: 8787, google: null });
  });
});
