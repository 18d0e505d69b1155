import { describe, expect, it } from 'vitest';
import { campaignProgressSchema } from '../../../shared/schemas/campaigns';
import { sendingScenario } from '../testing/sending-scenario';
import { closedAfterEach } from '../testing/use-test-app';

const scenario = closedAfterEach(sendingScenario);

const recipients = (n: number, domain = 'example.com') =>
  Array.from({ length: n }, (_, i) => ({ email: `person${i}@${domain}`, fields: { 'First Name': `Person ${i}` } }));

describe('sending', () => {
  it('sends each recipient their rendered message through Gmail, then completes the campaign', async () => {
    const s = await scenario();
    await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 0, maxGapSeconds: 0, fromName: 'Ada Sender' });
    const id = await s.launch({ subject: 'Hi {{ first name }}', html: '<p>Hello {{First Name}}, <a href="https://example.org/x">read</a></p>' }, recipients(3));
    const report = await s.tick();
    expect(report.attempts.map((a) => a.result.status)).toEqual(['sent', 'sent', 'sent']);
    expect(report.completed).toEqual([id]);

    const sent = await s.mailbox('sender@gmail.com');
    expect(sent).toHaveLength(3);
    const first = sent[0]!.parsed;
    expect(first.subject).toBe('Hi Person 0');
    expect(first.from).toMatchObject({ name: 'Ada Sender', address: 'sender@gmail.com' });
    expect(first.to?.[0]?.address).toBe('person0@example.com');
    expect(first.messageId).toMatch(new RegExp(`^<${id}\\.\\d+\\.0@localhost>$`));
    expect(first.html).toContain('Hello Person 0');
    expect(first.html).toMatch(/href="http:\/\/localhost:8787\/t\/c\/[A-Za-z0-9_-]+"/);
    expect(first.html).toMatch(/src="http:\/\/localhost:8787\/t\/o\/[A-Za-z0-9_-]+\.gif"/);
    expect(first.text).toContain('Hello Person 0');
    expect(first.headers.find((h) => h.key === 'list-unsubscribe')?.value).toMatch(/^<http:\/\/localhost:8787\/u\/[A-Za-z0-9_-]+>$/);

    const campaign = await s.campaign(id);
    expect(campaign).toMatchObject({ status: 'completed', counts: { total: 3, sent: 3, pending: 0 } });
    const { accounts } = await (await s.agent.get('/api/accounts')).json();
    expect(accounts[0].sentLast24h).toBe(3);
  });

  it('keeps the gap between two messages of an account within its minimum and maximum', async () => {
    const s = await scenario();
    await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 60, maxGapSeconds: 180 });
    await s.launch({ subject: 'Hi', html: '<p>Hi</p>' }, recipients(5));
    const sentAt: number[] = [];
    for (let minute = 0; minute < 20 && sentAt.length < 5; minute++) {
      const report = await s.tick();
      for (const attempt of report.attempts) if (attempt.result.status === 'sent') sentAt.push(s.t.clock.now().getTime());
      s.t.clock.advance(5_000);
      // Ticks every 5 s, as the Node timer does by default.
      for (let i = 0; i < 11; i++) {
        const more = await s.tick();
        for (const attempt of more.attempts) if (attempt.result.status === 'sent') sentAt.push(s.t.clock.now().getTime());
        s.t.clock.advance(5_000);
      }
    }
    expect(sentAt).toHaveLength(5);
    const gaps = sentAt.slice(1).map((at, i) => (at - sentAt[i]!) / 1000);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(60);
      expect(gap).toBeLessThanOrEqual(185); // the maximum plus one 5-second tick
    }
  });

  it('never sends more than an account\'s daily limit in any 24 hours', async () => {
    const s = await scenario();
    await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { dailyLimit: 4, minGapSeconds: 0, maxGapSeconds: 0 });
    const id = await s.launch({ subject: 'Hi', html: '<p>Hi</p>', schedule: { days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } } }, recipients(10));
    expect((await s.tick()).attempts).toHaveLength(4);
    s.t.clock.advance(12 * 3_600_000);
    expect((await s.tick()).attempts).toHaveLength(0);
    s.t.clock.advance(12 * 3_600_000 + 1000);
    expect((await s.tick()).attempts).toHaveLength(4);
    expect((await s.campaign(id)).counts.sent).toBe(8);
  });

  it('rotates a campaign over several accounts', async () => {
    const s = await scenario({ accounts: ['one@gmail.com', 'two@gmail.com', 'three@work.example'] });
    const { accounts } = await (await s.agent.get('/api/accounts')).json();
    for (const account of accounts) {
      const dailyLimit = account.email === 'three@work.example' ? 2 : 5;
      await s.agent.patch(`/api/accounts/${account.id}`, { minGapSeconds: 0, maxGapSeconds: 0, dailyLimit });
    }
    await s.launch({ subject: 'Hi', html: '<p>Hi</p>' }, recipients(12));
    await s.tick();
    const counts = await Promise.all(['one@gmail.com', 'two@gmail.com', 'three@work.example'].map(async (mb) => (await s.mailbox(mb)).length));
    expect(counts).toEqual([5, 5, 2]);
  });

  it('says where a campaign stands: jobs by state, each account\'s share, the expected finish and the latest errors', async () => {
    const s = await scenario();
    await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 60, maxGapSeconds: 60, dailyLimit: 100 });
    const id = await s.launch({ subject: 'Hi', html: '<p>Hi</p>' }, [...recipients(9), { email: 'bad@invalid-address.example' }]);
    await s.t.control('POST', '/faults', { operation: 'send', status: 400, reason: 'invalidArgument', count: 1 });
    await s.tick();
    const progress = campaignProgressSchema.parse((await s.campaign(id)).progress);
    // A refused message needs no gap: the next one goes in the same tick.
    expect(progress.jobs).toMatchObject({ queued: 8, failed: 1, sent: 1 });
    expect(progress.lastErrors).toEqual([expect.objectContaining({ status: 'failed', reason: expect.stringMatching(/recipient address is not valid/) })]);
    s.t.clock.advance(61_000);
    await s.tick();
    const later = campaignProgressSchema.parse((await s.campaign(id)).progress);
    expect(later.jobs).toMatchObject({ queued: 7, sent: 2 });
    expect(later.accounts).toEqual([expect.objectContaining({ email: 'sender@gmail.com', sent: 2, sentLast24h: 2, dailyLimit: 100 })]);
    // 7 left at one a minute, inside the 09:00-17:00 window that is open now (10:01 UTC).
    const finish = new Date(later.expectedFinishAt!).getTime() - s.t.clock.now().getTime();
    expect(finish).toBeGreaterThanOrEqual(6 * 60_000);
    expect(finish).toBeLessThanOrEqual(8 * 60_000);
  });
});
