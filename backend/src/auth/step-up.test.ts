import { describe, expect, it } from 'vitest';
import { postForm } from '../testing/dashboard-forms';
import { browserAgent, signedInAgent } from '../testing/browser-agent';
import { useTestApp } from '../testing/use-test-app';
import { passwordVerificationCount } from './password';

/**
 * Issue 12: wrong current passwords on `POST /api/auth/password` and `DELETE /api/me` were
 * unlimited (12 wrong, then the right one changed the password). A stolen session must not be a
 * free password oracle: they are throttled per user like sign-ins.
 */

const t = useTestApp();

const NEW_PASSWORD = 'a brand new passphrase';
const wrong = (i: number) => `wrong current password ${i}`;

describe('password change', () => {
  it('refuses the right current password after 5 wrong ones, for 15 minutes, and changes nothing', async () => {
    const { agent, password } = await signedInAgent(t, 'ann@example.com');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await agent.post('/api/auth/password', { currentPassword: wrong(i), newPassword: NEW_PASSWORD })).status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 429, 429, 429, 429, 429, 429, 429, 429]);

    const right = await agent.post('/api/auth/password', { currentPassword: password, newPassword: NEW_PASSWORD });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(await right.json()).toMatchObject({
      type: '/problems/too-many-requests',
      errors: [{ field: 'currentPassword', message: expect.stringMatching(/^Too many wrong passwords\. Try again in 15 minutes\.$/) }],
    });
    expect((await browserAgent(t).post('/api/auth/login', { email: 'ann@example.com', password })).status).toBe(200);

    t.clock.advance(15 * 60_000 + 1000);
    expect((await agent.post('/api/auth/password', { currentPassword: password, newPassword: NEW_PASSWORD })).status).toBe(204);
  });

  it('counts parallel wrong passwords: 5 of 20 reach the password check', async () => {
    const { agent } = await signedInAgent(t, 'ben@example.com');
    const before = passwordVerificationCount();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => agent.post('/api/auth/password', { currentPassword: wrong(i), newPassword: NEW_PASSWORD })),
    );
    expect(passwordVerificationCount() - before).toBe(5);
    expect(responses.filter((response) => response.status === 429)).toHaveLength(16);
  });

  it('shows the dashboard form why it refuses, beside the current password', async () => {
    const agent = browserAgent(t);
    const { password } = await signedInAgent(t, 'cas@example.com');
    await postForm(agent, '/login', { email: 'cas@example.com', password });
    let response: Response | undefined;
    for (let i = 0; i < 6; i++) {
      response = await postForm(agent, '/account/password', {
        currentPassword: i === 5 ? password : wrong(i),
        newPassword: NEW_PASSWORD,
        newPasswordConfirmation: NEW_PASSWORD,
        revokeTokens: 'true',
      });
    }
    expect(response!.status).toBe(429);
    expect(response!.headers.get('retry-after')).toBe('900');
    expect(await response!.text()).toMatch(/id="currentPassword-error"[^]*Too many wrong passwords\. Try again in 15 minutes\./);
  });
});

describe('account deletion', () => {
  it('refuses the right password after 5 wrong ones and deletes nothing', async () => {
    const { agent, password } = await signedInAgent(t, 'dot@example.com');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await agent.request('DELETE', '/api/me', { json: { password: wrong(i) } })).status);
    expect(statuses).toEqual([400, 400, 400, 400, 429, 429, 429, 429, 429, 429, 429, 429]);

    const right = await agent.request('DELETE', '/api/me', { json: { password } });
    expect(right.status).toBe(429);
    expect((await right.json()).errors).toEqual([{ field: 'password', message: 'Too many wrong passwords. Try again in 15 minutes.' }]);
    expect((await agent.get('/api/me')).status).toBe(200);
  });

  it('counts wrong passwords per user: another account is not blocked', async () => {
    const { agent } = await signedInAgent(t, 'eli@example.com');
    for (let i = 0; i < 5; i++) await agent.request('DELETE', '/api/me', { json: { password: wrong(i) } });
    expect((await agent.request('DELETE', '/api/me', { json: { password: wrong(9) } })).status).toBe(429);

    const { agent: other } = await signedInAgent(t, 'fox@example.com');
    const response = await other.request('DELETE', '/api/me', { json: { password: wrong(0) } });
    expect(response.status).toBe(400);
  });
});
