import { afterEach, describe, expect, it } from 'vitest';
import { browserAgent } from '../../testing/browser-agent';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp | undefined;
afterEach(() => t?.close());

describe('privacy page', () => {
  it('is public and names the operator and contact from config', async () => {
    t = await createTestApp({ env: { OPERATOR_NAME: 'Acme Mail Ltd', OPERATOR_CONTACT: 'privacy@acme.example' } });
    const response = await browserAgent(t).get('/privacy');
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('Acme Mail Ltd');
    expect(page).toContain('href="mailto:privacy@acme.example"');
    expect(page).toContain('<time datetime="2026-11-29">');
  });

  it('keeps the policy’s promises about passwords, tokens, tracking and deletion', async () => {
    t = await createTestApp();
    const page = await (await browserAgent(t).get('/privacy')).text();
    expect(page).toContain('stored only as a one-way hash');
    expect(page).toContain('encrypted at rest');
    expect(page).toContain('when tracking is enabled');
    expect(page).toContain('Disconnect Gmail accounts');
    expect(page).toContain('Request deletion or export of your data');
    expect(page).toContain('14 days');
    expect(page).not.toMatch(/NextAuth|Vercel/);
  });

  it('never turns a contact into a script link', async () => {
    t = await createTestApp({ env: { OPERATOR_CONTACT: 'javascript:alert(1)' } });
    const page = await (await browserAgent(t).get('/privacy')).text();
    expect(page).not.toContain('href="javascript:');
  });
});
