import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { gmailAccounts, sendJobs } from '../db/schema';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';

const scenarios: SendingScenario[] = [];
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

const MAILBOXES = ['lost@work.example', 'kept@work.example'];
const ALWAYS_OPEN = { days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };

describe('an account whose authorisation Google stops accepting', () => {
  it('goes needs_reconnect; its unsent first messages move to the other account, its follow-ups wait', async () => {
    // Access tokens live 1 s: the Google client refreshes before every call (it renews 5 minutes early).
    const s = await sendingScenario({ accounts: MAILBOXES, accessTokenTtlMs: 1000 });
    scenarios.push(s);
    for (const id of s.accountIds) await s.agent.patch(`/api/accounts/${id}`, { minGapSeconds: 0, maxGapSeconds: 0 });
    const accountOf = async (email: string) => (await s.t.db.select().from(gmailAccounts).where(eq(gmailAccounts.email, email)))[0]!;
    const lost = await accountOf(MAILBOXES[0]!);
    const kept = await accountOf(MAILBOXES[1]!);
    const id = await s.launch(
      { subject: 'Hi', html: '<p>Hi</p>', schedule: ALWAYS_OPEN, followUps: [{ delayHours: 24, html: '<p>Again</p>', condition: 'always' }] },
      Array.from({ length: 10 }, (_, i) => ({ email: `person${i}@example.com` })),
    );
    expect((await s.tick(4)).attempts.map((a) => a.result.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    const fromLost = (await s.t.db.select().from(sendJobs).where(eq(sendJobs.accountId, lost.id))).filter((job) => job.step === 0).length;
    expect(fromLost).toBeGreaterThan(0);

    await s.t.control('POST', '/faults', { mailbox: lost.email, operation: 'token', status: 400, reason: 'invalid_grant' });
    s.t.clock.advance(60_000);
    await s.tick();
    const [after] = await s.t.db.select().from(gmailAccounts).where(eq(gmailAccounts.id, lost.id));
    expect(after).toMatchObject({ status: 'needs_reconnect' });

    const jobs = await s.t.db.select().from(sendJobs).where(eq(sendJobs.campaignId, id));
    const first = jobs.filter((job) => job.step === 0);
    expect(first.every((job) => job.status === 'sent')).toBe(true);
    // Everything not yet sent went out from the other account.
    expect(first.filter((job) => job.accountId === lost.id)).toHaveLength(fromLost);
    expect(first.filter((job) => job.accountId === kept.id)).toHaveLength(10 - fromLost);

    s.t.clock.advance(25 * 3_600_000);
    await s.tick();
    const later = await s.t.db.select().from(sendJobs).where(eq(sendJobs.campaignId, id));
    const followUps = later.filter((job) => job.step === 1);
    // A follow-up belongs in its thread's mailbox: the lost account's wait for it to be reconnected.
    expect(followUps.filter((job) => job.accountId === lost.id).map((job) => job.status)).toEqual(Array(fromLost).fill('queued'));
    expect(followUps.filter((job) => job.accountId === kept.id).map((job) => job.status)).toEqual(Array(10 - fromLost).fill('sent'));
    expect((await s.campaign(id)).status).toBe('sending');
    const copies = await s.sentCopies(MAILBOXES);
    expect([...copies.values()].every((n) => n === 1)).toBe(true);
  });
});
