import { afterEach, describe, expect, it } from 'vitest';
import { preflightSchema } from '../../../shared/schemas/launch';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';
import { primaryDomain } from './bulk-sender';

const scenarios: SendingScenario[] = [];
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

const ALWAYS_OPEN = { timezone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };
const people = (n: number, domain = 'gmail.com', prefix = 'p') => Array.from({ length: n }, (_, i) => ({ email: `${prefix}${i}@${domain}` }));

/** Two Workspace accounts of acme.example at 2,000 a day with no gaps: 4,000 messages in the next 24 hours at most. */
async function acme(accounts = ['ann@acme.example', 'bob@mail.acme.example']) {
  const s = await sendingScenario({ accounts });
  scenarios.push(s);
  for (const id of s.accountIds) {
    expect((await s.agent.patch(`/api/accounts/${id}`, { dailyLimit: 2000, minGapSeconds: 0, maxGapSeconds: 0 })).status).toBe(200);
  }
  return s;
}

/** A draft with `recipients` and one follow-up an hour later (both steps fall in the next 24 hours); its preflight warnings. */
async function warningsFor(s: SendingScenario, recipients: { email: string }[]) {
  const created = await s.agent.post('/api/campaigns', {
    name: 'Launch week',
    accountIds: s.accountIds,
    subject: 'Hi',
    html: '<p>Hi</p>',
    schedule: ALWAYS_OPEN,
    followUps: [{ delayHours: 1, html: '<p>Again</p>', condition: 'always' }],
  });
  const { id } = await created.json();
  expect((await s.agent.post(`/api/campaigns/${id}/recipients`, { recipients })).status).toBe(201);
  const response = await s.agent.get(`/api/campaigns/${id}/preflight`);
  expect(response.status).toBe(200);
  // This file's warning only (the preflight also warns about, say, a missing postal address).
  return (preflightSchema.parse(await response.json()).warnings ?? []).filter((warning) => warning.code === 'bulk-sender');
}

describe("the preflight's bulk-sender warning", () => {
  it('warns when the domain could send 4,000 messages to personal Gmail addresses in 24 hours, naming the rules', async () => {
    const s = await acme();
    const warnings = await warningsFor(s, people(2000));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'bulk-sender' });
    const { message } = warnings[0]!;
    // Both accounts are on acme.example (one through a subdomain): one domain, as Google counts it.
    expect(message).toMatch(/^acme\.example may reach 4,000 messages to personal Gmail addresses/);
    expect(message).toMatch(/bulk sender, for good/);
    expect(message).toMatch(/SPF, DKIM and DMARC/);
    expect(message).toMatch(/one-click unsubscribe/);
    expect(message).toMatch(/0\.3%/);
  });

  it('stays quiet one message below, and counts only Gmail recipients', async () => {
    const s = await acme();
    // 2,000 × 2 = 4,000 messages, of which 1,999 of 2,000 go to Gmail: 3,998.
    expect(await warningsFor(s, [...people(1999), ...people(1, 'partner.example', 'w')])).toEqual([]);
  });

  it('adds what the domain already sent to Gmail addresses in the last 24 hours', async () => {
    const s = await acme();
    const sent = await s.launch({ subject: 'Earlier', html: '<p>Earlier</p>', schedule: ALWAYS_OPEN }, people(2, 'gmail.com', 'earlier'));
    await s.untilCompleted(sent, { advanceMs: 1000, maxTicks: 20 });
    // 1,999 × 2 = 3,998 coming, 2 already sent: 4,000.
    const warnings = await warningsFor(s, people(1999));
    expect(warnings.map((warning) => warning.message)).toEqual([expect.stringContaining('(2 sent in the last 24 hours, up to 3,998 more from this campaign)')]);
  });

  it("counts a warming-up account at its ramp's figure, not its full daily limit", async () => {
    const s = await acme();
    // 20 a day, 20 more each day, switched on an hour ago: 20 today, 40 from tomorrow, so at most 40 in the next 24 hours.
    expect((await s.agent.patch(`/api/accounts/${s.accountIds[1]}`, { warmup: { startPerDay: 20, increasePerDay: 20, targetPerDay: 2000 } })).status).toBe(200);
    s.t.clock.advance(3_600_000);
    expect(await warningsFor(s, people(2000))).toEqual([]);
  });

  it('counts the ramp at the highest figure it reaches in the next 24 hours', async () => {
    const s = await acme();
    // 1,900 today, 2,000 from tomorrow (an hour short of 24 hours away): 2,000 each, 4,000 together.
    for (const id of s.accountIds) {
      expect((await s.agent.patch(`/api/accounts/${id}`, { warmup: { startPerDay: 1900, increasePerDay: 100, targetPerDay: 2000 } })).status).toBe(200);
    }
    s.t.clock.advance(3_600_000);
    expect((await warningsFor(s, people(2000))).map((warning) => warning.message)).toEqual([expect.stringMatching(/^acme\.example may reach 4,000 messages/)]);
  });

  it('says nothing for consumer Gmail senders: the rule is about your own domain', async () => {
    const s = await sendingScenario({ accounts: ['cat@gmail.com'] });
    scenarios.push(s);
    expect(await warningsFor(s, people(5000))).toEqual([]);
  });
});

describe('primaryDomain', () => {
  it.each([
    ['promotions.solarmora.com', 'solarmora.com'],
    ['solarmora.com', 'solarmora.com'],
    ['mail.shop.co.uk', 'shop.co.uk'],
  ])('%s counts toward %s', (domain, primary) => {
    expect(primaryDomain(domain)).toBe(primary);
  });
});
