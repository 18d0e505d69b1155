import { afterEach, describe, expect, it } from 'vitest';
import { SKIP_REASONS } from '../../../../shared/schemas/skip-reasons';
import { sendingScenario, type SendingScenario } from '../../testing/sending-scenario';

const scenarios: SendingScenario[] = [];
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

const HOUR = 3_600_000;

/** A campaign with one follow-up two days later, its first message sent to each recipient. */
async function sentWithFollowUp(emails: string[]) {
  const s = await sendingScenario();
  scenarios.push(s);
  await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 0, maxGapSeconds: 0 });
  const id = await s.launch(
    {
      subject: 'Quick question',
      html: '<p>Hello</p>',
      schedule: { days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } },
      followUps: [{ delayHours: 48, html: '<p>Following up</p>' }],
    },
    emails.map((email) => ({ email })),
  );
  await s.tick();
  const sent = await s.mailbox('sender@gmail.com');
  const byRecipient = new Map(sent.map((m) => [m.parsed.to![0]!.address!, m.parsed.messageId!]));
  return { s, id, byRecipient };
}

function rawMessage(headers: Record<string, string>, body = 'Thanks, sounds good!') {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return Buffer.from([...lines, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n')).toString('base64url');
}

async function deliver(s: SendingScenario, raw: string) {
  const response = await s.t.control('POST', `/mailboxes/${encodeURIComponent('sender@gmail.com')}/messages`, { raw });
  expect(response.status).toBeLessThan(300);
}

async function recipientsByEmail(s: SendingScenario, id: string) {
  const { recipients } = await (await s.agent.get(`/api/campaigns/${id}/recipients`)).json();
  return new Map((recipients as { email: string; status: string }[]).map((r) => [r.email, r.status]));
}

describe('replies, automatic replies and bounces', () => {
  it('a reply marks the recipient replied and stops their follow-up; the others still get theirs', async () => {
    const { s, id, byRecipient } = await sentWithFollowUp(['ada@example.com', 'bob@example.com']);
    await deliver(s, rawMessage({ From: 'Ada <ada@example.com>', To: 'sender@gmail.com', Subject: 'Re: Quick question', 'In-Reply-To': byRecipient.get('ada@example.com')!, References: byRecipient.get('ada@example.com')! }));
    s.t.clock.advance(61_000);
    const report = await s.tick();
    expect(report.incoming).toEqual({ reply: 1, auto_reply: 0, bounce: 0 });
    expect((await recipientsByEmail(s, id)).get('ada@example.com')).toBe('replied');

    s.t.clock.advance(48 * HOUR);
    await s.tick();
    const followUps = (await s.mailbox('sender@gmail.com')).filter((m) => m.labelIds.includes('SENT') && m.parsed.subject === 'Re: Quick question');
    expect(followUps.map((m) => m.parsed.to![0]!.address)).toEqual(['bob@example.com']);
    const campaign = await s.campaign(id);
    expect(campaign.counts).toMatchObject({ replied: 1, sent: 1 });
  });

  it('an out-of-office answer is recorded but is not a reply: the follow-up still goes', async () => {
    const { s, id, byRecipient } = await sentWithFollowUp(['ooo@example.com']);
    await deliver(s, rawMessage({ From: 'ooo@example.com', To: 'sender@gmail.com', Subject: 'Automatic reply: Quick question', 'Auto-Submitted': 'auto-replied', 'In-Reply-To': byRecipient.get('ooo@example.com')! }, 'I am away until Monday.'));
    s.t.clock.advance(61_000);
    expect((await s.tick()).incoming).toEqual({ reply: 0, auto_reply: 1, bounce: 0 });
    expect((await recipientsByEmail(s, id)).get('ooo@example.com')).toBe('sent');
    s.t.clock.advance(48 * HOUR);
    await s.tick();
    const sent = (await s.mailbox('sender@gmail.com')).filter((m) => m.labelIds.includes('SENT'));
    expect(sent).toHaveLength(2);
  });

  it('a bounce marks the recipient bounced, suppresses the address and stops the follow-up', async () => {
    const { s, id } = await sentWithFollowUp(['gone@example.com', 'fine@example.com']);
    await deliver(s, rawMessage({
      From: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
      To: 'sender@gmail.com',
      Subject: 'Delivery Status Notification (Failure)',
      'X-Failed-Recipients': 'gone@example.com',
    }, "Address not found: Your message wasn't delivered to gone@example.com"));
    s.t.clock.advance(61_000);
    expect((await s.tick()).incoming).toEqual({ reply: 0, auto_reply: 0, bounce: 1 });
    expect((await recipientsByEmail(s, id)).get('gone@example.com')).toBe('bounced');
    const { suppressions } = await (await s.agent.get('/api/suppressions')).json();
    expect(suppressions).toEqual([expect.objectContaining({ email: 'gone@example.com', reason: 'bounced', source: id })]);
    s.t.clock.advance(48 * HOUR);
    await s.tick();
    const followUps = (await s.mailbox('sender@gmail.com')).filter((m) => m.labelIds.includes('SENT') && m.parsed.subject?.startsWith('Re:'));
    expect(followUps.map((m) => m.parsed.to![0]!.address)).toEqual(['fine@example.com']);
  });

  it('looks at the thread again right before a follow-up, even between mailbox checks', async () => {
    const { s, id, byRecipient } = await sentWithFollowUp(['late@example.com']);
    s.t.clock.advance(48 * HOUR - 30_000);
    await s.tick(); // the mailbox check runs now, before the reply arrives
    await deliver(s, rawMessage({ From: 'late@example.com', To: 'sender@gmail.com', Subject: 'Re: Quick question', 'In-Reply-To': byRecipient.get('late@example.com')! }));
    s.t.clock.advance(31_000); // the follow-up is due, the next mailbox check is not
    const report = await s.tick();
    expect(report.incoming.reply).toBe(0);
    expect(report.attempts.map((a) => a.result)).toEqual([{ status: 'skipped', reason: SKIP_REASONS.replied }]);
    expect((await recipientsByEmail(s, id)).get('late@example.com')).toBe('replied');
  });

  it('pauses a campaign when several messages in a row bounce', async () => {
    const { s, id } = await sentWithFollowUp(['b1@example.com', 'b2@example.com', 'b3@example.com', 'ok@example.com']);
    for (const address of ['b1@example.com', 'b2@example.com', 'b3@example.com']) {
      await deliver(s, rawMessage({ From: 'mailer-daemon@googlemail.com', To: 'sender@gmail.com', Subject: 'Undeliverable', 'X-Failed-Recipients': address }));
    }
    s.t.clock.advance(61_000);
    await s.tick();
    const campaign = await s.campaign(id);
    expect(campaign.status).toBe('paused');
    expect(campaign.statusReason).toMatch(/3 of the last 4 messages bounced/);
  });
});
