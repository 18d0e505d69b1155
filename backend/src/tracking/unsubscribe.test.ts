import { and, asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { SKIP_REASONS } from '../../../shared/schemas/skip-reasons';
import { recipients, sendJobs, suppressions, trackingEvents, users } from '../db/schema';
import { sentCampaignScenario } from '../testing/sent-campaign-scenario';

type Scenario = Awaited<ReturnType<typeof sentCampaignScenario>>;
const scenarios: Scenario[] = [];
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

/**
 * Campaign A sent to shared@ (its follow-up queued), then campaign B launched to shared@ and
 * other@, not sent yet: an unsubscribe from A's message must reach B too.
 */
async function twoCampaigns() {
  const s = await sentCampaignScenario({
    html: '<p>Hi</p>',
    recipients: ['Shared@Example.com'],
    campaign: { followUps: [{ delayHours: 48, html: '<p>Following up</p>' }] },
  });
  scenarios.push(s);
  const campaignB = await s.launch({ name: 'B', subject: 'Later', html: '<p>Later</p>' }, [{ email: 'shared@example.com' }, { email: 'other@example.com' }]);
  const unsubscribeUrl = s.message('Shared@Example.com').unsubscribeUrl!;
  /** Everything an unsubscribe may change, to compare before and after. */
  const state = async () => ({
    suppressions: await s.t.db.select().from(suppressions),
    recipients: await s.t.db.select({ id: recipients.id, campaignId: recipients.campaignId, email: recipients.email, status: recipients.status, statusReason: recipients.statusReason, lastEventAt: recipients.lastEventAt }).from(recipients).orderBy(asc(recipients.id)),
    jobs: await s.t.db.select({ id: sendJobs.id, recipientId: sendJobs.recipientId, campaignId: sendJobs.campaignId, step: sendJobs.step, status: sendJobs.status, statusReason: sendJobs.statusReason }).from(sendJobs).orderBy(asc(sendJobs.id)),
    events: await s.t.db.select().from(trackingEvents).orderBy(asc(trackingEvents.id)),
  });
  return { s, campaignA: s.campaignId, campaignB, unsubscribeUrl, state };
}

function expectUnsubscribed(state: Awaited<ReturnType<Awaited<ReturnType<typeof twoCampaigns>>['state']>>, campaignA: string, campaignB: string) {
  expect(state.suppressions).toEqual([
    expect.objectContaining({ emailKey: 'shared@example.com', email: 'Shared@Example.com', reason: 'unsubscribed', sourceCampaignId: campaignA }),
  ]);
  const byAddress = (email: string, campaignId: string) => state.recipients.find((r) => r.email.toLowerCase() === email && r.campaignId === campaignId)!;
  expect(byAddress('shared@example.com', campaignA).status).toBe('unsubscribed');
  expect(byAddress('shared@example.com', campaignB).status).toBe('unsubscribed');
  expect(byAddress('other@example.com', campaignB).status).toBe('pending');
  const jobsOf = (id: number) => state.jobs.filter((j) => j.recipientId === id).map((j) => [j.step, j.status, j.statusReason]);
  expect(jobsOf(byAddress('shared@example.com', campaignA).id)).toEqual([
    [0, 'sent', null],
    [1, 'skipped', SKIP_REASONS.unsubscribed],
  ]);
  expect(jobsOf(byAddress('shared@example.com', campaignB).id)).toEqual([[0, 'skipped', SKIP_REASONS.unsubscribed]]);
  expect(jobsOf(byAddress('other@example.com', campaignB).id)).toEqual([[0, 'queued', null]]);
  expect(state.events).toEqual([
    expect.objectContaining({ campaignId: campaignA, recipientId: byAddress('shared@example.com', campaignA).id, kind: 'unsubscribe', step: 0, machine: false }),
  ]);
}

describe('unsubscribe', () => {
  it('puts one-click unsubscribe in the headers of the message', async () => {
    const { s, unsubscribeUrl } = await twoCampaigns();
    const headers = s.message('Shared@Example.com').headers;
    expect(headers.find((h) => h.key === 'list-unsubscribe')?.value).toBe(`<${unsubscribeUrl}>`);
  });

  it('shows a plain page naming the sender and the address, with its two buttons, and changes nothing', async () => {
    const { s, unsubscribeUrl, state } = await twoCampaigns();
    const before = await state();
    const page = await s.request(unsubscribeUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain("Unsubscribe from Ada Sender's emails?");
    expect(body).toContain('Shared@Example.com');
    expect(body).toContain('Ada Sender (sender@gmail.com)');
    // Unsubscribe, and "Stop tracking my opens and clicks" (opt-out.test.ts).
    expect(body.match(/<form /g)).toHaveLength(2);
    expect(body).toContain('<form method="post">');
    expect(body).toMatch(/<form method="post" action="[A-Za-z0-9_-]+\/no-tracking">/);
    expect(body.match(/<button /g)).toHaveLength(2);
    // Nothing from elsewhere, nothing that runs.
    expect(body).not.toMatch(/<(script|img|link|iframe)\b|\ssrc=|https?:\/\//i);

    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const style = /<style>([\s\S]*?)<\/style>/.exec(body)![1]!;
    const hash = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(style))).toString('base64');
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cache-control')).toBe('no-store');

    // A scanner fetching it again and again, HEAD included.
    await s.request(unsubscribeUrl);
    await s.request(unsubscribeUrl, { method: 'HEAD' });
    expect(await state()).toEqual(before);
  });

  it('the button unsubscribes the address from every campaign of the user and stops its queued messages, once', async () => {
    const { s, unsubscribeUrl, state, campaignA, campaignB } = await twoCampaigns();
    const post = () =>
      s.request(unsubscribeUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body: 'confirm=yes' });
    const response = await post();
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('You are unsubscribed');
    expect(page).toContain('Shared@Example.com');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const after = await state();
    expectUnsubscribed(after, campaignA, campaignB);

    s.t.clock.advance(60_000);
    const again = await post();
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('You are unsubscribed');
    expect(await state()).toEqual(after);
    // And the page now says so rather than asking.
    expect(await (await s.request(unsubscribeUrl)).text()).toContain('You are unsubscribed');
  });

  it('honours RFC 8058 one-click from a mail provider: no cookie, no Origin, form-encoded or multipart', async () => {
    const { s, unsubscribeUrl, state, campaignA, campaignB } = await twoCampaigns();
    const response = await s.request(unsubscribeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Google-List-Unsubscribe', 'x-test-client-address': '209.85.220.41' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const after = await state();
    expectUnsubscribed(after, campaignA, campaignB);
    expect(after.events[0]).toMatchObject({ userAgent: 'Google-List-Unsubscribe', ipAddress: '209.85.220.41' });

    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    const multipart = await s.request(unsubscribeUrl, { method: 'POST', body: form });
    expect(multipart.status).toBe(200);
    expect(await state()).toEqual(after);
  });

  it('does nothing for a forged or altered token, and says the link is not valid', async () => {
    const { s, unsubscribeUrl, state } = await twoCampaigns();
    const before = await state();
    const at = unsubscribeUrl.lastIndexOf('/') + 3;
    const altered = unsubscribeUrl.slice(0, at) + (unsubscribeUrl[at] === 'A' ? 'B' : 'A') + unsubscribeUrl.slice(at + 1);
    const pixelToken = s.message('Shared@Example.com').pixelUrl!.replace('/t/o/', '/u/').replace('.gif', '');
    for (const url of [altered, pixelToken, 'http://localhost:8787/u/nothing']) {
      const get = await s.request(url, { headers: { accept: 'text/html' } });
      expect(get.status).toBe(404);
      expect(await get.text()).toContain('This link is not valid');
      const post = await s.request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
      expect(post.status).toBe(404);
    }
    expect(await state()).toEqual(before);
  });

  it('refuses a body over 4 KB before reading it, and changes nothing', async () => {
    const { s, unsubscribeUrl, state } = await twoCampaigns();
    const before = await state();
    const response = await s.request(unsubscribeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `List-Unsubscribe=One-Click&padding=${'x'.repeat(5_000)}`,
    });
    expect(response.status).toBe(413);
    expect(await state()).toEqual(before);
  });

  it('keeps only the truncated address of the unsubscribe when the user asked for it', async () => {
    const { s, unsubscribeUrl } = await twoCampaigns();
    await s.t.db.update(users).set({ truncateIpAddresses: true });
    await s.request(unsubscribeUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-test-client-address': '203.0.113.77' }, body: 'confirm=yes' });
    const [event] = await s.t.db.select().from(trackingEvents).where(and(eq(trackingEvents.kind, 'unsubscribe')));
    expect(event?.ipAddress).toBe('203.0.113.0');
  });

  it('stops the follow-up: the engine sends nothing more to the address', async () => {
    const { s, unsubscribeUrl } = await twoCampaigns();
    await s.request(unsubscribeUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    s.t.clock.advance(49 * 3_600_000);
    for (let i = 0; i < 5; i++) {
      await s.tick();
      s.t.clock.advance(60_000);
    }
    const sentTo = (await s.mailbox('sender@gmail.com')).map((m) => m.parsed.to?.[0]?.address?.toLowerCase());
    expect(sentTo).toEqual(['shared@example.com', 'other@example.com']);
  });
});
