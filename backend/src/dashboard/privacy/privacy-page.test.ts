import { describe, expect, it } from 'vitest';
import { browserAgent } from '../../testing/browser-agent';
import { createTestApp } from '../../testing/test-app';
import { closedAfterEach } from '../../testing/use-test-app';

const freshApp = closedAfterEach(createTestApp);
/** The privacy page, asked for by a signed-out browser of an app started with `env`. */
const privacyPage = async (env?: Record<string, string>) => browserAgent(await freshApp({ env })).get('/privacy');

describe('privacy page', () => {
  it('is public and names the operator and contact from config', async () => {
    const response = await privacyPage({ OPERATOR_NAME: 'Acme Mail Ltd', OPERATOR_CONTACT: 'privacy@acme.example' });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('Acme Mail Ltd');
    expect(page).toContain('href="mailto:privacy@acme.example"');
    expect(page).toContain('<time datetime="2026-12-03">');
  });

  it('keeps the policy’s promises about passwords, tokens, tracking and deletion', async () => {
    const page = await (await privacyPage()).text();
    expect(page).toContain('stored only as a one-way hash');
    expect(page).toContain('encrypted at rest');
    expect(page).toContain('when tracking is enabled');
    expect(page).toContain('Disconnect Gmail accounts');
    expect(page).toContain('Request deletion or export of your data');
    expect(page).toContain('14 days');
    expect(page).not.toMatch(/NextAuth|Vercel/);
  });

  it('says what this server does: its tracking setting, retention periods, erasure and the activity log', async () => {
    const text = (page: string) => page.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    const on = text(await (await privacyPage()).text());
    expect(on).toContain('each campaign says whether opens and clicks are counted');
    expect(on).toContain('“yes”, “y”, “true”, “1”, “oui”, “ja”, “sí”');
    expect(on).toContain('Stop tracking my opens and clicks');
    expect(on).toContain('deleted after 395 days (13 months) by default');
    expect(on).toContain('removed after 30 days by default');
    expect(on).toContain('Erase this person');
    expect(on).toContain('Activity log');
    expect(on).toContain('postal address');
    expect(text(await (await privacyPage({ TRACKING: 'off' })).text())).toContain('On this server open and click tracking is switched off');
    expect(text(await (await privacyPage({ TRACKING: 'consent' })).text())).toContain('A campaign without a consent column tracks nobody');
  });

  it('never turns a contact into a script link', async () => {
    const page = await (await privacyPage({ OPERATOR_CONTACT: 'javascript:alert(1)' })).text();
    expect(page).not.toContain('href="javascript:');
  });
});
