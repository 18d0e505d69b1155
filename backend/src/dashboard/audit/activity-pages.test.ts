import { describe, expect, it } from 'vitest';
import { DASHBOARD, recordAudit, SYSTEM } from '../../audit/record-audit';
import { browserAgent } from '../../testing/browser-agent';
import { postForm, signedUpWithFormEach } from '../../testing/dashboard-forms';

const { t, agent } = signedUpWithFormEach('ada@example.com');

const userId = async () => String((await t.client.execute("SELECT id FROM users WHERE email = 'ada@example.com'")).rows[0]!.id);
const visibleText = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('Activity log page', () => {
  it('says in words when, who, what and on what, newest first', async () => {
    const created = await (await postForm(agent, '/tokens', { name: 'laptop' })).text();
    const tokenId = /action="\/tokens\/([^/"]+)\/revoke"/.exec(created)![1]!;
    await postForm(agent, `/tokens/${tokenId}/revoke`, {});
    const failed = await postForm(browserAgent(t), '/login', { email: 'ada@example.com', password: 'wrong password here' }, {
      'x-test-client-address': '198.51.100.7',
    });
    expect(failed.status).toBe(401);
    const phone = browserAgent(t);
    expect((await postForm(phone, '/login', { email: 'ada@example.com', password: 'a long enough password' })).status).toBe(303);
    expect((await postForm(phone, '/logout', {})).status).toBe(303);
    const id = await userId();
    await recordAudit(t.deps, { userId: id, actor: DASHBOARD, action: 'recipients.imported', subject: 'cmp_gone', detail: { source: 'csv', imported: 1, duplicates: 2, suppressed: 0, invalid: 1 } });
    await recordAudit(t.deps, { userId: id, actor: SYSTEM, action: 'retention.applied', detail: { trackingEventsDeleted: 1200 } });

    const response = await agent.get('/activity');
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<a href="/activity" aria-current="page">Activity log</a>');
    const text = visibleText(page);
    const order = [
      'iConnect itself Deleted data older than the retention settings allow (tracking events deleted: 1,200)',
      'You, signed in with a browser Imported 1 recipient from a CSV file (left out: 2 duplicates, 1 invalid row) A deleted campaign',
      'You, signed in with a browser Signed out',
      'You, signed in with a browser Signed in',
      'Someone not signed in, from 198.51.100.7 Tried to sign in with a wrong password',
      'You, signed in with a browser Revoked an API token API token “laptop”',
      'You, signed in with a browser Created an API token API token “laptop”',
    ];
    const at = order.map((row) => text.indexOf(row));
    expect(at.every((index) => index >= 0), JSON.stringify(at)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(page).toMatch(/<time datetime="2026-03-02T10:00:00.000Z">2 Mar 2026, 10:00 UTC<\/time>/);
    expect(page).not.toContain('Older entries');
  });

  it('names changed settings in the forms’ words, and says when a Gmail account is no longer connected', async () => {
    const id = await userId();
    await recordAudit(t.deps, { userId: id, actor: DASHBOARD, action: 'settings.changed', detail: { truncateIpAddresses: true, 'retention.ipAddressDays': 20, postalAddress: 'set' } });
    await recordAudit(t.deps, { userId: id, actor: DASHBOARD, action: 'account.settings_changed', subject: 'acc_gone', detail: { settings: 'dailyLimit, fromName' } });
    const text = visibleText(await (await agent.get('/activity')).text());
    expect(text).toContain('Changed privacy settings (shorten IP addresses: on, days IP addresses are kept: 20, postal address: set)');
    expect(text).toContain('Changed Gmail account settings: daily limit, sender name A Gmail account no longer connected');
  });

  it('links to older entries a page at a time, and back to the newest', async () => {
    const id = await userId();
    for (let i = 0; i < 60; i++) await recordAudit(t.deps, { userId: id, actor: DASHBOARD, action: 'campaign.paused', subject: `cmp_${i}`, detail: { name: `n${i}` } });
    const first = await (await agent.get('/activity')).text();
    expect(first.match(/Paused a campaign/g)).toHaveLength(50);
    const older = /href="(\/activity\?cursor=\d+)">Older entries/.exec(first)?.[1];
    expect(older).toBeDefined();
    expect(first).not.toContain('Newest entries');
    const second = await (await agent.get(older!)).text();
    expect(second.match(/Paused a campaign/g)).toHaveLength(10);
    expect(second).toContain('href="/activity">Newest entries');
    expect(second).not.toContain('Older entries');
    // The oldest entry is on the second page, not the first.
    expect(second).toContain('Campaign “n0”');
    expect(first).not.toContain('“n0”');
  });

  it('answers a made-up cursor with an error page, and sends a signed-out visitor to sign in', async () => {
    const bad = await agent.get('/activity?cursor=abc');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('This page link is not valid');
    const signedOut = await browserAgent(t).get('/activity');
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toContain('/login');
  });

  it('shows nothing of another user', async () => {
    const mallory = browserAgent(t);
    await postForm(mallory, '/signup', { email: 'mallory@example.com', password: 'a long enough password', passwordConfirmation: 'a long enough password' });
    await postForm(mallory, '/tokens', { name: 'mallory’s secret project' });
    const page = await (await agent.get('/activity')).text();
    expect(page).not.toContain('mallory');
    expect(page).toContain('Nothing has been recorded yet.');
  });
});
