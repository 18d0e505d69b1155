import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { postForm, postSignUpForm } from '../testing/dashboard-forms';
import { browserAgent, signedInAgent } from '../testing/browser-agent';
import { newPasswordProblem } from './password-rule';
import { useTestApp } from '../testing/use-test-app';

/**
 * Issue 12: a new password needs 10 characters that are not only whitespace or control
 * characters, and is not one of the most common passwords; the error says why.
 */

const SPACES = 'Spaces and invisible characters do not count: use at least 10 other characters';
const COMMON = 'This is one of the most common passwords, the first ones attackers try. Choose another';

describe('the new-password rule', () => {
  it.each([
    ['ten spaces', ' '.repeat(10), SPACES],
    ['tabs and line breaks', '\t\t\n\n\r\r\t\t\n\n', SPACES],
    ['a short password padded with NULs', `abc${'\u0000'.repeat(8)}`, SPACES],
    ['a short password padded with zero-width spaces', `abcdef${'\u200b'.repeat(6)}`, SPACES],
    ['a common password', 'qwertyuiop', COMMON],
    ['a common password in capitals', 'Password123', COMMON],
    ['a common password with spaces in it', ' i see dead people ', COMMON],
    ['a lone surrogate', 'long enough \ud800', 'The password contains a broken character (a lone UTF-16 surrogate)'],
  ])('refuses %s and says why', (_name, password, reason) => {
    expect(newPasswordProblem(password)).toBe(reason);
  });

  it('refuses every one of the 49,233 common passwords of its source (common-passwords/SOURCE.md), and accepts a passphrase', () => {
    const list = readFileSync(new URL('./common-passwords/passwords.txt', import.meta.url), 'utf8').trimEnd().split('\n');
    expect(list).toHaveLength(49_233);
    expect(list.slice(0, 3)).toEqual(['123456', 'password', '12345678']);
    // Too short, or on the list: either way refused, with the reason.
    const allowed = list.filter((common) => ![`Use at least 10 characters`, COMMON].includes(newPasswordProblem(common)!));
    expect(allowed).toEqual([]);
    expect(newPasswordProblem('correct horse battery')).toBeNull();
    expect(newPasswordProblem('ünïcödé pässwörd')).toBeNull();
  });
});

describe('sign-up and password change', () => {
  const t = useTestApp();

  it('refuses a common password at sign-up with the reason, beside the other invalid fields', async () => {
    const response = await browserAgent(t).post('/api/auth/signup', { email: 'not an email', password: 'Qwertyuiop' });
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual([
      { field: 'email', message: 'Enter a valid email address' },
      { field: 'password', message: COMMON },
    ]);
    expect((await browserAgent(t).post('/api/auth/signup', { email: 'ok@example.com', password: ' '.repeat(12) })).status).toBe(400);
    expect((await t.client.execute('SELECT count(*) AS n FROM users')).rows[0]!.n).toBe(0);
  });

  it('refuses a whitespace-only new password on a password change, and keeps the old one', async () => {
    const { agent, password } = await signedInAgent(t, 'ada@example.com');
    const response = await agent.post('/api/auth/password', { currentPassword: password, newPassword: `${' '.repeat(9)}\t` });
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual([{ field: 'newPassword', message: SPACES }]);
    expect((await browserAgent(t).post('/api/auth/login', { email: 'ada@example.com', password })).status).toBe(200);
  });

  it('shows the reason on the dashboard forms', async () => {
    const signup = await postSignUpForm(browserAgent(t), 'bob@example.com', 'password123');
    expect(signup.status).toBe(400);
    expect(await signup.text()).toMatch(/id="password-error"[^]*This is one of the most common passwords/);

    const { agent, password } = await signedInAgent(t, 'cat@example.com');
    const change = await postForm(agent, '/account/password', {
      currentPassword: password,
      newPassword: 'basketball',
      newPasswordConfirmation: 'basketball',
      revokeTokens: 'true',
    });
    expect(change.status).toBe(400);
    expect(await change.text()).toMatch(/id="newPassword-error"[^]*This is one of the most common passwords/);
  });
});
