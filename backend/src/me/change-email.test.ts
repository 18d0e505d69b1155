import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userSchema } from '../../../shared/schemas/auth';
import { browserAgent, signedInAgent } from '../testing/browser-agent';
import { createTestApp, type TestApp } from '../testing/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const signIn = (email: string, password: string) => browserAgent(t).post('/api/auth/login', { email, password });

describe('PATCH /api/me', () => {
  it('corrects the email with the password: the new address signs in, the old one no longer does', async () => {
    const { agent, user, password } = await signedInAgent(t, 'typo@exmaple.com');
    const response = await agent.patch('/api/me', { email: '  Right@Example.com ', password });
    expect(response.status).toBe(200);
    const answered = userSchema.parse((await response.json()).user);
    expect(answered).toEqual({ id: user.id, email: 'right@example.com', createdAt: expect.any(String) });
    expect((await (await agent.get('/api/me')).json()).user.email).toBe('right@example.com');
    expect((await signIn('right@example.com', password)).status).toBe(200);
    expect((await signIn('typo@exmaple.com', password)).status).toBe(401);
  });

  it('refuses a wrong password and changes nothing', async () => {
    const { agent } = await signedInAgent(t, 'keeps@example.com');
    const response = await agent.patch('/api/me', { email: 'elsewhere@example.com', password: 'not my password' });
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual([{ field: 'password', message: 'The password is wrong' }]);
    expect((await (await agent.get('/api/me')).json()).user.email).toBe('keeps@example.com');
  });

  it("refuses another account's address with 409", async () => {
    await signedInAgent(t, 'taken@example.com');
    const { agent, password } = await signedInAgent(t, 'wants-it@example.com');
    const response = await agent.patch('/api/me', { email: 'TAKEN@example.com', password });
    expect(response.status).toBe(409);
    expect((await response.json()).errors).toEqual([{ field: 'email', message: 'This email is already registered' }]);
    expect((await (await agent.get('/api/me')).json()).user.email).toBe('wants-it@example.com');
  });

  it('refuses an invalid address or body naming the field', async () => {
    const { agent, password } = await signedInAgent(t, 'valid@example.com');
    for (const [body, field] of [
      [{ email: 'not an address', password }, 'email'],
      [{ email: '', password }, 'email'],
      [{ password }, 'email'],
      [{ email: 'new@example.com' }, 'password'],
      [{ email: 'new@example.com', password, admin: true }, 'admin'],
    ] as const) {
      const response = await agent.patch('/api/me', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const fields = ((await response.json()).errors as { field: string; message: string }[]).map((error) => `${error.field} ${error.message}`);
      expect(fields.join('\n'), JSON.stringify(body)).toContain(field);
    }
  });

  it('keeps the same address as it is, and records a change without any address in the audit log', async () => {
    const { agent, user, password } = await signedInAgent(t, 'audit-me@example.com');
    expect((await agent.patch('/api/me', { email: 'audit-me@example.com', password })).status).toBe(200);
    expect((await agent.patch('/api/me', { email: 'audited@example.com', password })).status).toBe(200);
    const rows = (await t.client.execute({ sql: 'SELECT * FROM audit_log WHERE user_id = ? AND action = ?', args: [user.id, 'auth.email_changed'] })).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: 'dashboard', token_id: null });
    expect(JSON.stringify(rows)).not.toMatch(/audit-me|audited/);
  });
});
