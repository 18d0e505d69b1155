import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browserAgent, type BrowserAgent } from '../../testing/browser-agent';
import { postForm, signUpWithForm } from '../../testing/dashboard-forms';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let agent: BrowserAgent;
beforeEach(async () => {
  t = await createTestApp();
  agent = browserAgent(t);
  await signUpWithForm(agent, 'ada@example.com');
});
afterEach(() => t.close());

const VALID = {
  trackingEventsDays: '180',
  ipAddressDays: '7',
  truncateIpAddresses: 'true',
  deleteFinishedRecipients: 'true',
  finishedCampaignRecipientsDays: '60',
  postalAddress: 'Acme & Sons\r\n1 Main Street',
};

async function settings() {
  return (await agent.get('/api/settings')).json();
}

/** The page's text without tags, spaces collapsed: what a reader sees. */
const visibleText = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('privacy settings on the Account page', () => {
  it('shows the defaults explained: 395 and 30 days, recipients of finished campaigns kept, no postal address', async () => {
    const page = await (await agent.get('/account')).text();
    expect(page).toContain('<h2 id="privacy-settings-title">Privacy settings</h2>');
    expect(page).toMatch(/<input[^>]*name="trackingEventsDays"[^>]*value="395"/);
    expect(page).toMatch(/<input[^>]*name="ipAddressDays"[^>]*value="30"/);
    expect(visibleText(page)).toContain('395 days (13 months) unless you change it');
    expect(page).not.toMatch(/<input[^>]*name="deleteFinishedRecipients"[^>]*checked/);
    expect(page).not.toMatch(/<input[^>]*name="truncateIpAddresses"[^>]*checked/);
    expect(page).toMatch(/<textarea[^>]*name="postalAddress"[^>]*><\/textarea>/);
    expect(page).toMatch(/<form method="post" action="\/account\/privacy"/);
  });

  it('saves every setting, says so, and shows the saved values', async () => {
    const response = await postForm(agent, '/account/privacy', VALID);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/account?saved=privacy');
    expect(await settings()).toMatchObject({
      truncateIpAddresses: true,
      retention: { trackingEventsDays: 180, ipAddressDays: 7, finishedCampaignRecipientsDays: 60 },
      postalAddress: 'Acme & Sons\n1 Main Street',
    });
    const page = await (await agent.get('/account?saved=privacy')).text();
    expect(page).toContain('Your privacy settings were saved.');
    expect(page).toMatch(/<input[^>]*name="trackingEventsDays"[^>]*value="180"/);
    expect(page).toMatch(/<input[^>]*name="deleteFinishedRecipients"[^>]*checked/);
    expect(page).toContain('Acme &amp; Sons');
  });

  it('unticking a box turns it off, and an empty address clears it', async () => {
    await postForm(agent, '/account/privacy', VALID);
    const { truncateIpAddresses: _t, deleteFinishedRecipients: _d, ...unticked } = VALID;
    await postForm(agent, '/account/privacy', { ...unticked, postalAddress: '  ' });
    expect(await settings()).toMatchObject({
      truncateIpAddresses: false,
      retention: { finishedCampaignRecipientsDays: null },
      postalAddress: null,
    });
  });

  it('shows each error beside its field, keeps what was typed, and saves nothing', async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ trackingEventsDays: 'ten' }, 'trackingEventsDays', 'Enter a whole number of days'],
      [{ ipAddressDays: '0' }, 'ipAddressDays', 'IP addresses: at least 1 day'],
      [{ ipAddressDays: '200' }, 'ipAddressDays', 'cannot be kept longer than tracking events'],
      [{ finishedCampaignRecipientsDays: '' }, 'finishedCampaignRecipientsDays', 'Enter a number of days'],
      [{ postalAddress: 'a\nb\nc\nd\ne\nf\ng' }, 'postalAddress', 'At most 6 lines'],
    ];
    for (const [change, field, message] of cases) {
      const response = await postForm(agent, '/account/privacy', { ...VALID, ...change });
      expect(response.status, field).toBe(400);
      const page = await response.text();
      expect(page, field).toMatch(new RegExp(`<p class="field-error" id="${field}-error">(<span[^>]*>Error: </span>)?[^<]*${message}`));
      expect(page, field).toMatch(new RegExp(`<(input|textarea)[^>]*aria-invalid="true"[^>]*name="${field}"|name="${field}"[^>]*aria-invalid="true"`));
      expect(page, field).toContain(`href="#${field}"`);
    }
    const typed = await (await postForm(agent, '/account/privacy', { ...VALID, trackingEventsDays: 'ten' })).text();
    expect(typed).toMatch(/<input[^>]*name="trackingEventsDays"[^>]*value="ten"/);
    expect(await settings()).toMatchObject({ retention: { trackingEventsDays: 395, ipAddressDays: 30 }, postalAddress: null });
  });

  it('refuses a change posted from another site', async () => {
    const response = await postForm(agent, '/account/privacy', VALID, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(await settings()).toMatchObject({ truncateIpAddresses: false, postalAddress: null });
  });

  it('says when the operator turned tracking off', async () => {
    await t.close();
    t = await createTestApp({ env: { TRACKING: 'off' } });
    agent = browserAgent(t);
    await signUpWithForm(agent, 'bo@example.com');
    expect(await (await agent.get('/account')).text()).toContain('Tracking is off on this server');
  });
});
