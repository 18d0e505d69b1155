import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSqld, type SqldServer } from '../../../tests/workers/support/sqld';
import { signedInAgent } from '../testing/browser-agent';
import { createTestApp, type TestApp } from '../testing/test-app';
import { passwordVerificationCount } from './password';

/**
 * Issue 12: 81 parallel sign-ins for one address (80 wrong, the right one last) got 80 password
 * checks and a 200, because "blocked?" was read before the hash and the failure written after.
 * Each attempt is now reserved with one conditional write before the hash. Counted on every
 * database the product runs on: SQLite in memory and in a file (Node), and a libsql server over
 * HTTP (Workers with Turso), where every statement is its own request.
 */

const PASSWORD = 'the right long password';

/** Sign-in attempts at once, each from its own address (a botnet): only the account's limit holds. */
function signInAtOnce(t: TestApp, email: string, passwords: string[]) {
  return Promise.all(
    passwords.map((password, i) =>
      t.app.request(`${t.config.publicUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: t.config.publicOrigin, 'x-test-client-address': `198.51.100.${i}` },
        body: JSON.stringify({ email, password }),
      }),
    ),
  );
}

const wrongGuesses = (count: number) => Array.from({ length: count }, (_, i) => `wrong guess number ${i}`);

let sqld: SqldServer;
let folder: string;
beforeAll(async () => {
  sqld = await startSqld();
  folder = mkdtempSync(join(tmpdir(), 'iconnect-throttle-'));
}, 30_000);
afterAll(async () => {
  await sqld.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe.each([
  ['SQLite in memory', () => ':memory:'],
  ['an SQLite file', () => `file:${join(folder, `${crypto.randomUUID()}.db`)}`],
  ['a libsql server over HTTP', () => sqld.url],
])('parallel sign-ins on %s', (_name, databaseUrl) => {
  let t: TestApp;
  // The libsql server keeps its database from one test to the next: one account per test.
  let email: string;
  beforeEach(async () => {
    t = await createTestApp({ databaseUrl: databaseUrl() });
    email = `target-${crypto.randomUUID()}@example.com`;
    await signedInAgent(t, email, PASSWORD);
  });
  afterEach(() => t.close());

  it('lets 5 of 81 guesses reach the password check and refuses the right password, sent last, while the lock holds', async () => {
    const checksBefore = passwordVerificationCount();

    const responses = await signInAtOnce(t, email, [...wrongGuesses(80), PASSWORD]);

    expect(passwordVerificationCount() - checksBefore).toBe(5);
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(4);
    expect(statuses.filter((status) => status === 429)).toHaveLength(77);
    expect(statuses.at(-1)).toBe(429);
    expect(responses.at(-1)!.headers.get('set-cookie')).toBeNull();
  }, 60_000);

  it('counts 100 parallel guesses as 100: 5 reach the password check', async () => {
    const checksBefore = passwordVerificationCount();

    const responses = await signInAtOnce(t, email, wrongGuesses(100));

    expect(passwordVerificationCount() - checksBefore).toBe(5);
    expect(responses.filter((response) => response.status === 429)).toHaveLength(96);
    // The lock holds for 15 minutes after the fifth guess, then the owner gets in.
    t.clock.advance(15 * 60_000 + 1000);
    const [later] = await signInAtOnce(t, email, [PASSWORD]);
    expect(later!.status).toBe(200);
  }, 60_000);
});
