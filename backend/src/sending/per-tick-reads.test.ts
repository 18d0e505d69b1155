import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { gmailAccounts, recipients, users } from '../db/schema';
import { optOutOfTracking } from '../tracking/opt-out';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';

/**
 * What the engine reads once per tick instead of once per message (issue 17) must not make it act
 * on stale facts: an opt-out during the tick still counts, and an account still in its gap is
 * left alone yet reported as due.
 */
const scenarios: SendingScenario[] = [];
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

const ALWAYS = { timezone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };
const HTML = '<p>Hi, <a href="https://example.org/a">read</a>.</p>';

describe('the reads a tick shares between its messages', () => {
  it('sends untracked a message whose recipient stopped tracking while an earlier message of the same tick was on its way', async () => {
    const s = await sendingScenario();
    scenarios.push(s);
    await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 0, maxGapSeconds: 0 });
    await s.launch({ subject: 'Hello', html: HTML, schedule: ALWAYS }, [{ email: 'first@example.com' }, { email: 'later@example.com' }]);
    // The first message waits at Gmail: by then the tick has read this user's opt-outs (none).
    const gate = ((await s.t.control('POST', '/faults', { operation: 'send', hold: true, count: 1 })).body as { id: string }).id;
    const tick = s.tick();
    expect((await s.t.control('GET', `/faults/${gate}/held`)).body).toEqual({ held: 1 });
    const [later] = await s.t.db.select().from(recipients).where(eq(recipients.email, 'later@example.com'));
    await optOutOfTracking(s.t.db, s.t.config.authSecret, { userId: later!.userId, email: later!.email, emailKey: later!.emailKey }, s.t.clock.now());
    await s.t.control('POST', `/faults/${gate}/release`);
    const report = await tick;

    expect(report.attempts.map((attempt) => attempt.result.status)).toEqual(['sent', 'sent']);
    const html = (to: string) => s.mailbox('sender@gmail.com').then((all) => all.find((m) => m.parsed.to?.[0]?.address === to)!.parsed.html ?? '');
    expect(await html('first@example.com')).toMatch(/\/t\/o\//);
    expect(await html('later@example.com')).not.toContain('/t/');
    expect(await html('later@example.com')).toContain('href="https://example.org/a"');
  });

  it('tries no send slot for an account still in its gap, and says when it is due', async () => {
    const s = await sendingScenario();
    scenarios.push(s);
    await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 60, maxGapSeconds: 60 });
    await s.launch({ subject: 'Hello', html: HTML, schedule: ALWAYS }, [{ email: 'a@example.com' }, { email: 'b@example.com' }]);
    const first = await s.tick();
    expect(first.attempts).toHaveLength(1);
    const dueAt = first.nextDueAt!;
    expect(dueAt.getTime() - s.t.clock.now().getTime()).toBe(60_000);

    s.t.clock.advance(30_000);
    const early = await s.tick();
    expect(early.attempts).toEqual([]);
    expect(early.nextDueAt).toEqual(dueAt);
    // Its slot was left as the first tick set it: nothing claimed, nothing released.
    const [account] = await s.t.db.select({ nextSendAt: gmailAccounts.nextSendAt }).from(gmailAccounts).where(eq(gmailAccounts.id, s.accountIds[0]!));
    expect(account!.nextSendAt).toEqual(dueAt);

    s.t.clock.set(dueAt);
    expect((await s.tick()).attempts.map((attempt) => attempt.result.status)).toEqual(['sent']);
  });

  it('reads the postal address once per tick for the footer, and a change from the next tick on', async () => {
    const s = await sendingScenario();
    scenarios.push(s);
    await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 0, maxGapSeconds: 0 });
    const [user] = await s.t.db.select({ id: users.id }).from(users);
    await s.t.db.update(users).set({ postalAddress: '1 First Street' }).where(eq(users.id, user!.id));
    await s.launch({ subject: 'Hello', html: HTML, schedule: ALWAYS }, [{ email: 'a@example.com' }]);
    await s.tick();
    await s.t.db.update(users).set({ postalAddress: '2 Second Street' }).where(eq(users.id, user!.id));
    await s.launch({ name: 'Next', subject: 'Next', html: HTML, schedule: ALWAYS }, [{ email: 'b@example.com' }]);
    await s.tick();
    const text = (to: string) => s.mailbox('sender@gmail.com').then((all) => all.find((m) => m.parsed.to?.[0]?.address === to)!.parsed.text ?? '');
    expect(await text('a@example.com')).toContain('1 First Street');
    expect(await text('b@example.com')).toContain('2 Second Street');
  });
});
