import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browserAgent, type BrowserAgent } from '../../testing/browser-agent';
import { createSandboxedTestApp, type SandboxedTestApp } from '../../testing/sandboxed-test-app';
import { postForm, signUpWithForm } from '../../testing/dashboard-forms';

let t: SandboxedTestApp;
let agent: BrowserAgent;
beforeEach(async () => {
  t = await createSandboxedTestApp();
  agent = browserAgent(t);
  await signUpWithForm(agent, 'ada@example.com');
});
afterEach(() => t.close());

/** The dashboard's connect form, the sandbox's consent page and its Allow, and the callback. */
async function connectWithForm(email: string, fields: Record<string, string>) {
  const start = await postForm(agent, '/accounts/connect', fields);
  expect(start.status).toBe(303);
  const allow = await fetch(start.headers.get('location')!, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, decision: 'allow' }),
    redirect: 'manual',
  });
  expect(allow.status).toBe(302);
  const callback = new URL(allow.headers.get('location')!);
  return agent.get(callback.pathname + callback.search);
}

describe('connecting through the Gmail sandbox', () => {
  it('connects from the form, lands on the list with a notice, and passes Test connection', async () => {
    const callback = await connectWithForm('ada@gmail.com', { detectReplies: 'true', timezone: 'Asia/Tokyo' });
    expect(callback.status).toBe(303);
    const landing = callback.headers.get('location')!;
    expect(landing).toMatch(/^\/accounts\?notice=connected&account=acc_/);

    const page = await (await agent.get(landing)).text();
    expect(page).toMatch(/role="status"><p><strong>ada@gmail.com<\/strong> is connected/);
    expect(page).toContain('Asia/Tokyo');
    expect(page).toContain('Send email on your behalf; Read your email; Your email address');

    const id = new URL(landing, t.config.publicUrl).searchParams.get('account')!;
    const check = await postForm(agent, `/accounts/${id}/check`, {});
    expect(check.headers.get('location')).toBe(`/accounts?notice=checked&account=${id}`);
  });

  it('connects an account that only sends when the box is unticked', async () => {
    const callback = await connectWithForm('ada@gmail.com', { timezone: '' });
    const page = await (await agent.get(callback.headers.get('location')!)).text();
    expect(page).toContain('Send email on your behalf; Your email address<span class="muted"> (replies and bounces are not detected)');
    expect(page).toContain('<dt>Time zone</dt><dd>UTC</dd>');
  });
});
