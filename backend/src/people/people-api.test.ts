import { afterEach, describe, expect, it } from 'vitest';
import { personSchema } from '../../../shared/schemas/people';
import { trackingOptOuts } from '../db/schema';
import { hashAddress } from '../lib/address-hash';
import { signedInAgent } from '../testing/browser-agent';
import { HUMAN_AGENT } from '../testing/sent-campaign-scenario';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';

let s: SendingScenario | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

/** A campaign sent to Ann (and Bob) through the sandbox, Ann's message opened and its link clicked. */
async function annWasSentAndClicked() {
  s = await sendingScenario();
  const { agent, t } = s;
  await agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 0, maxGapSeconds: 0 });
  const campaignId = await s.launch({ name: 'Spring offer', subject: 'Hello', html: '<p>Hi {{Name}}, <a href="https://shop.example/spring">offer</a></p>' }, [
    { email: 'Ann@Example.com', fields: { Name: 'Ann', Company: 'AE' } },
    { email: 'bob@example.com', fields: { Name: 'Bob', Company: 'BE' } },
  ]);
  await s.tick();
  const sent = await s.mailbox('sender@gmail.com');
  const html = sent.find((m) => m.parsed.to?.[0]?.address?.toLowerCase() === 'ann@example.com')!.parsed.html ?? '';
  const visit = { headers: { 'user-agent': HUMAN_AGENT, 'x-test-client-address': '198.51.100.23' } };
  // Read a few minutes later, as a person would (an instant click reads as a link scanner's).
  t.clock.advance(5 * 60_000);
  await t.app.request(/src="(http:\/\/localhost:8787\/t\/o\/[^"]+)"/.exec(html)![1]!, visit);
  await t.app.request(/href="(http:\/\/localhost:8787\/t\/c\/[^"]+)"/.exec(html)![1]!, visit);
  await t.deps.trackingEvents.flush();
  return { campaignId };
}

describe('GET /api/people/:email', () => {
  it('lists every campaign the address is in, with its fields, messages and events, and its suppression', async () => {
    const { campaignId } = await annWasSentAndClicked();
    const { agent } = s!;
    await agent.post('/api/suppressions', { email: 'ann@example.com' });

    const response = await agent.get(`/api/people/${encodeURIComponent('ANN@example.com')}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const person = personSchema.parse(await response.json());
    expect(person).toMatchObject({
      email: 'ann@example.com',
      suppression: { reason: 'manual', source: null },
      trackingOptOutAt: null,
      erasedAt: null,
      campaigns: [
        {
          campaignId,
          campaignName: 'Spring offer',
          email: 'Ann@Example.com',
          fields: { Name: 'Ann', Company: 'AE' },
          status: 'sent',
          messages: [{ step: 0, status: 'sent', sentAt: '2026-03-02T10:00:00.000Z' }],
        },
      ],
    });
    const events = person.campaigns[0]!.events;
    expect(events.map((e) => e.kind).sort()).toEqual(['click', 'open']);
    expect(events.find((e) => e.kind === 'click')).toMatchObject({ url: 'https://shop.example/spring', ipAddress: '198.51.100.23', userAgent: HUMAN_AGENT, machine: false });
    // Bob's data is not Ann's.
    expect(JSON.stringify(person)).not.toMatch(/bob|BE"/i);
  });

  it('answers an address held nowhere with empty lists, and says when tracking was refused', async () => {
    s = await sendingScenario();
    const { agent, t } = s;
    const me = (await (await agent.get('/api/me')).json()).user;
    await t.db.insert(trackingOptOuts).values({ userId: me.id, addressHash: await hashAddress(t.config.authSecret, me.id, 'quiet@example.com'), createdAt: new Date('2026-02-01T00:00:00Z') });

    const person = await (await agent.get('/api/people/nobody@example.com')).json();
    expect(person).toEqual({ email: 'nobody@example.com', campaigns: [], suppression: null, trackingOptOutAt: null, erasedAt: null, generatedAt: '2026-03-02T10:00:00.000Z' });
    expect((await (await agent.get('/api/people/Quiet@Example.com')).json()).trackingOptOutAt).toBe('2026-02-01T00:00:00.000Z');
  });

  it("never shows another user's data about the same address", async () => {
    await annWasSentAndClicked();
    const { agent: stranger } = await signedInAgent(s!.t, 'stranger@example.com');
    const person = await (await stranger.get('/api/people/ann@example.com')).json();
    expect(person).toMatchObject({ campaigns: [], suppression: null });
  });

  it('answers 400 naming email for an address that is not one', async () => {
    s = await sendingScenario();
    for (const email of ['not-an-address', 'a%40b', '%20']) {
      const response = await s.agent.get(`/api/people/${email}`);
      expect(response.status).toBe(400);
      expect((await response.json()).errors).toEqual([expect.objectContaining({ field: 'email' })]);
    }
  });

  it('audits views and erasures with a hash of the address, never the address', async () => {
    s = await sendingScenario();
    const { agent, t } = s;
    await agent.get('/api/people/audited@example.com');
    await agent.post('/api/people/erase', { email: 'Audited@Example.com' });
    const rows = (await t.client.execute("SELECT action, subject, detail FROM audit_log WHERE action LIKE 'person.%' ORDER BY id")).rows;
    expect(rows.map((row) => row.action)).toEqual(['person.viewed', 'person.erased']);
    expect(rows[0]!.subject).toBe(rows[1]!.subject);
    expect(JSON.parse(String(rows[1]!.detail))).toEqual({ campaigns: 0, events: 0 });
    const everything = JSON.stringify((await t.client.execute('SELECT * FROM audit_log')).rows);
    expect(everything).not.toMatch(/audited/i);
  });
});
