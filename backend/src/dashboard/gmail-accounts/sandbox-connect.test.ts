import { describe, expect, it } from 'vitest';
import { allowAtConsent } from '../../testing/connect-gmail';
import { createSandboxedTestApp } from '../../testing/sandboxed-test-app';
import { postForm, signedUpWithFormEach } from '../../testing/dashboard-forms';

const { t, agent } = signedUpWithFormEach('ada@example.com', () => createSandboxedTestApp());

/** The dashboard's connect form, the sandbox's consent page and its Allow, and the callback. */
async function connectWithForm(email: string, fields: Record<string, string>) {
  const start = await postForm(agent, '/accounts/connect', fields);
  expect(start.status).toBe(303);
  const callback = await allowAtConsent(start.headers.get('location')!, email);
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
