import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { recipients, sendJobs, trackingEvents } from '../db/schema';
import { signTrackingToken, trackingSignerFor } from '../tracking/tokens';
import { HUMAN_AGENT } from '../testing/sent-campaign-scenario';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';
import { closedAfterEach } from '../testing/use-test-app';

const scenario = closedAfterEach(sendingScenario);

const HTML = '<p>Hi {{ name | there }}, <a href="https://example.org/a?x=1&amp;y=2">read</a> or <a href="http://example.com/b">this</a>.</p>';
const TRACKED = { opens: true, clicks: true };

/** Sends the campaign in one tick and reads each message as it left, by recipient. */
async function sendAll(s: SendingScenario, body: Record<string, unknown>, people: { email: string; fields?: Record<string, string> }[]) {
  await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 0, maxGapSeconds: 0 });
  const id = await s.launch({ subject: 'Hello', html: HTML, ...body }, people);
  await s.tick();
  const addresses = new Set(people.map((person) => person.email));
  const sent = (await s.mailbox('sender@gmail.com')).filter((message) => addresses.has(message.parsed.to?.[0]?.address ?? ''));
  expect(sent).toHaveLength(people.length);
  const byAddress = new Map(sent.map((message) => [message.parsed.to?.[0]?.address ?? '', message.parsed]));
  const jobs = await s.t.db
    .select({ email: recipients.email, recipientId: recipients.id, jobId: sendJobs.id, tracked: sendJobs.tracked })
    .from(sendJobs)
    .innerJoin(recipients, eq(recipients.id, sendJobs.recipientId))
    .where(eq(sendJobs.campaignId, id))
    .orderBy(asc(recipients.id));
  return {
    id,
    message: (email: string) => {
      const parsed = byAddress.get(email);
      if (!parsed) throw new Error(`no message to ${email}`);
      const html = parsed.html ?? '';
      return {
        html,
        text: parsed.text ?? '',
        pixel: /src="(http:\/\/localhost:8787\/t\/o\/[^"]+)"/.exec(html)?.[1] ?? null,
        clickUrls: [...html.matchAll(/href="(http:\/\/localhost:8787\/t\/c\/[^"]+)"/g)].map((m) => m[1]!),
        unsubscribe: parsed.headers.find((h) => h.key === 'list-unsubscribe')?.value ?? null,
      };
    },
    tracked: Object.fromEntries(jobs.map((job) => [job.email, job.tracked])),
    job: (email: string) => jobs.find((job) => job.email === email)!,
  };
}

/** What a recipient's message looks like untracked: the original links, no pixel, unsubscribe kept. */
function expectUntracked(message: ReturnType<Awaited<ReturnType<typeof sendAll>>['message']>) {
  expect(message.pixel).toBeNull();
  expect(message.clickUrls).toEqual([]);
  expect(message.html).not.toContain('/t/');
  expect(message.html).toContain('href="https://example.org/a?x=1&amp;y=2"');
  expect(message.html).toContain('href="http://example.com/b"');
  expect(message.unsubscribe).toMatch(/^<http:\/\/localhost:8787\/u\/[A-Za-z0-9_-]+>$/);
}

async function eventsOf(s: SendingScenario) {
  await s.t.deps.trackingEvents.flush();
  return s.t.db.select().from(trackingEvents).orderBy(asc(trackingEvents.id));
}

describe('tracking only where it is allowed', () => {
  it('with TRACKING=off sends no pixel and no rewritten link, whatever the campaign asks', async () => {
    const s = await scenario({ env: { TRACKING: 'off' } });
    const sent = await sendAll(s, { tracking: { ...TRACKED, consentField: 'Consent' } }, [{ email: 'ann@example.com', fields: { Consent: 'yes' } }]);
    expectUntracked(sent.message('ann@example.com'));
    expect(sent.tracked).toEqual({ 'ann@example.com': false });
  });

  it('tracks only the recipients whose consent field says yes, and records nothing for the others even when their tracking URLs are hit', async () => {
    const s = await scenario();
    const people: { email: string; fields: Record<string, string> }[] = [
      { email: 'oui@example.com', fields: { 'Tracking consent': 'Oui' } },
      { email: 'yes@example.com', fields: { 'Tracking consent': ' YES ' } },
      { email: 'si@example.com', fields: { 'Tracking consent': 'sí' } },
      { email: 'no@example.com', fields: { 'Tracking consent': 'no' } },
      { email: 'empty@example.com', fields: { 'Tracking consent': '' } },
      { email: 'missing@example.com', fields: { name: 'Mo' } },
    ];
    // The field as the panel may spell it: compared as merge tags compare names.
    const sent = await sendAll(s, { tracking: { ...TRACKED, consentField: 'tracking  Consent' } }, people);
    for (const email of ['oui@example.com', 'yes@example.com', 'si@example.com']) {
      const message = sent.message(email);
      expect(message.pixel, email).not.toBeNull();
      expect(message.clickUrls, email).toHaveLength(2);
      expect(message.html).not.toContain('href="http://example.com/b"');
    }
    for (const email of ['no@example.com', 'empty@example.com', 'missing@example.com']) expectUntracked(sent.message(email));
    expect(sent.tracked).toEqual({
      'oui@example.com': true,
      'yes@example.com': true,
      'si@example.com': true,
      'no@example.com': false,
      'empty@example.com': false,
      'missing@example.com': false,
    });

    // Someone who said no: tokens signed for their job (they never got any) record nothing.
    const signer = await trackingSignerFor(s.t.config.authSecret);
    const no = sent.job('no@example.com');
    const ids = { jobId: no.jobId, recipientId: no.recipientId, step: 0 };
    const request = (url: string) => s.t.app.request(url, { headers: { 'user-agent': HUMAN_AGENT } });
    s.t.clock.advance(60_000);
    const pixel = await request(`/t/o/${await signTrackingToken(signer, { kind: 'open', ...ids })}.gif`);
    expect(pixel.status).toBe(200);
    expect(pixel.headers.get('content-type')).toBe('image/gif');
    // No link of theirs was rewritten, so none is stored to go to.
    expect((await request(`/t/c/${await signTrackingToken(signer, { kind: 'click', linkIndex: 0, ...ids })}`)).status).toBe(404);
    expect(await eventsOf(s)).toEqual([]);

    // The same requests from someone who said yes are recorded.
    const oui = sent.message('oui@example.com');
    await request(oui.pixel!);
    expect((await request(oui.clickUrls[1]!)).headers.get('location')).toBe('http://example.com/b');
    expect((await eventsOf(s)).map((event) => [event.recipientId, event.kind])).toEqual([
      [sent.job('oui@example.com').recipientId, 'open'],
      [sent.job('oui@example.com').recipientId, 'click'],
    ]);

    // The campaign's figures: the open rate is of the 3 tracked, not of the 6 sent to.
    const stats = await (await s.agent.get(`/api/campaigns/${sent.id}/stats`)).json();
    expect(stats).toMatchObject({ sent: 6, tracked: 3, opens: { human: 1 }, rates: { openedByPeople: 0.3333, clickedByPeople: 0.3333 } });
  });

  it('with TRACKING=consent tracks nobody in a campaign without a consent field, and only yes in one with', async () => {
    const s = await scenario({ env: { TRACKING: 'consent' } });
    const without = await sendAll(s, { tracking: TRACKED }, [{ email: 'ann@example.com', fields: { Consent: 'yes' } }]);
    expectUntracked(without.message('ann@example.com'));
    const withField = await sendAll(s, { name: 'Second', tracking: { ...TRACKED, consentField: 'Consent' } }, [
      { email: 'bo@example.com', fields: { Consent: 'ja' } },
      { email: 'cy@example.com', fields: { Consent: 'nein' } },
    ]);
    expect(withField.message('bo@example.com').pixel).not.toBeNull();
    expectUntracked(withField.message('cy@example.com'));
  });

  it("prints the sender's postal address in both parts of every message and of a test message", async () => {
    const s = await scenario();
    expect((await s.agent.patch('/api/settings', { postalAddress: 'Acme Inc.\n1 Main Street\nSpringfield, IL 62701' })).status).toBe(200);
    const sent = await sendAll(s, {}, [{ email: 'ann@example.com' }]);
    const message = sent.message('ann@example.com');
    for (const part of [message.html, message.text]) {
      expect(part).toContain('1 Main Street');
      expect(part).toContain('Springfield, IL 62701');
    }
    const test = await s.agent.post(`/api/campaigns/${sent.id}/test`, { accountId: s.accountIds[0] });
    expect(test.status).toBe(200);
    const copies = await s.mailbox('sender@gmail.com');
    const testCopy = copies.find((copy) => copy.parsed.subject?.startsWith('[Test]'))!.parsed;
    expect(testCopy.text).toContain('1 Main Street');
    expect(testCopy.html).toContain('1 Main Street');
  });
});
