import { afterEach, describe, expect, it } from 'vitest';
import { SKIP_REASONS } from '../../../../shared/schemas/skip-reasons';
import { deliveryStatusNotification, plainMessage as rawMessage } from '../../testing/incoming-mail';
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

async function deliver(s: SendingScenario, raw: string) {
  const response = await s.t.control('POST', `/mailboxes/${encodeURIComponent('sender@gmail.com')}/messages`, { raw });
  expect(response.status).toBeLessThan(300);
}

async function recipientsByEmail(s: SendingScenario, id: string) {
  return new Map([...(await recipientStates(s, id))].map(([email, r]) => [email, r.status]));
}

/** Each recipient's state and its reason in words, as the API gives them to the panel. */
async function recipientStates(s: SendingScenario, id: string) {
  const { recipients } = await (await s.agent.get(`/api/campaigns/${id}/recipients`)).json();
  return new Map((recipients as { email: string; status: string; statusReason: string | null }[]).map((r) => [r.email, r]));
}

/** The follow-ups that went out so far, by recipient. */
async function followUpsSent(s: SendingScenario) {
  const sent = (await s.mailbox('sender@gmail.com')).filter((m) => m.labelIds.includes('SENT') && m.parsed.subject === 'Re: Quick question');
  return sent.map((m) => m.parsed.to![0]!.address);
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

  it('an out-of-office answer without a date is not a reply: it holds the follow-up three days, then it goes', async () => {
    const { s, id, byRecipient } = await sentWithFollowUp(['ooo@example.com']);
    s.t.clock.advance(47 * HOUR);
    await deliver(s, rawMessage({ From: 'ooo@example.com', To: 'sender@gmail.com', Subject: 'Automatic reply: Quick question', 'Auto-Submitted': 'auto-replied', 'In-Reply-To': byRecipient.get('ooo@example.com')! }, 'I am away until Monday.'));
    s.t.clock.advance(61_000);
    expect((await s.tick()).incoming).toEqual({ reply: 0, auto_reply: 1, bounce: 0 });
    const state = (await recipientStates(s, id)).get('ooo@example.com')!;
    expect(state.status).toBe('sent');
    expect(state.statusReason).toMatch(/^Out of office \(no return date given\): the next follow-up waits until /);

    s.t.clock.advance(2 * HOUR); // the follow-up's own time (48 h) has come: it waits
    await s.tick();
    expect(await followUpsSent(s)).toEqual([]);
    s.t.clock.advance(3 * 24 * HOUR - 2 * HOUR);
    await s.tick();
    expect(await followUpsSent(s)).toEqual(['ooo@example.com']);
  });

  it('an out-of-office answer that says "back on <date>" moves the follow-up past that date', async () => {
    const { s, id, byRecipient } = await sentWithFollowUp(['away@example.com', 'here@example.com']);
    const back = new Date(s.t.clock.now().getTime() + 10 * 24 * HOUR);
    const backInWords = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(back);
    await deliver(s, rawMessage(
      { From: 'away@example.com', To: 'sender@gmail.com', Subject: 'Out of Office: Quick question', 'Auto-Submitted': 'auto-replied', 'In-Reply-To': byRecipient.get('away@example.com')! },
      `Thank you for your message. I am on leave and back on ${backInWords}.\nFor urgent matters call the front desk.`,
    ));
    s.t.clock.advance(61_000);
    await s.tick();
    const backDay = back.toISOString().slice(0, 10);
    expect((await recipientStates(s, id)).get('away@example.com')!.statusReason).toMatch(new RegExp(`^Out of office, back ${backDay}: the next follow-up waits until `));

    s.t.clock.advance(48 * HOUR);
    await s.tick();
    expect(await followUpsSent(s)).toEqual(['here@example.com']);
    s.t.clock.set(`${backDay}T23:00:00Z`); // their return day: still the backlog
    await s.tick();
    expect(await followUpsSent(s)).toEqual(['here@example.com']);
    s.t.clock.advance(HOUR + 60_000);
    await s.tick();
    expect(await followUpsSent(s)).toEqual(['here@example.com', 'away@example.com']);
    expect((await s.campaign(id)).counts).toMatchObject({ replied: 0 });
  });

  it('a reply from a colleague in the same thread stops the sequence; our own copy in the inbox does not', async () => {
    const { s, id, byRecipient } = await sentWithFollowUp(['ada@example.com', 'bob@example.com']);
    await deliver(s, rawMessage({ From: 'Cleo <cleo@example.com>', To: 'sender@gmail.com', Cc: 'ada@example.com', Subject: 'Re: Quick question', 'In-Reply-To': byRecipient.get('ada@example.com')! }, 'Ada is on leave; I can help.'));
    // A copy of our own message (Bcc to ourselves) lands in the inbox without the SENT label.
    await deliver(s, rawMessage({ From: 'Sender <sender@gmail.com>', To: 'bob@example.com', Subject: 'Re: Quick question', 'In-Reply-To': byRecipient.get('bob@example.com')! }, 'Just checking in.'));
    s.t.clock.advance(61_000);
    expect((await s.tick()).incoming).toEqual({ reply: 1, auto_reply: 0, bounce: 0 });
    const states = await recipientsByEmail(s, id);
    expect([states.get('ada@example.com'), states.get('bob@example.com')]).toEqual(['replied', 'sent']);
    s.t.clock.advance(48 * HOUR);
    await s.tick();
    expect(await followUpsSent(s)).toEqual(['bob@example.com']);
  });

  it('tells a hard bounce (Status 5.1.1) from a soft one (4.2.2): only the hard one suppresses; the soft one holds the follow-up a day', async () => {
    const { s, id, byRecipient } = await sentWithFollowUp(['gone@example.com', 'full@example.com']);
    s.t.clock.advance(47 * HOUR);
    await deliver(s, deliveryStatusNotification({ to: 'sender@gmail.com', failed: 'gone@example.com', status: '5.1.1', diagnostic: 'smtp; 550 5.1.1 user unknown', inReplyTo: byRecipient.get('gone@example.com')! }));
    await deliver(s, deliveryStatusNotification({ to: 'sender@gmail.com', failed: 'full@example.com', status: '4.2.2', diagnostic: 'smtp; 452 4.2.2 mailbox full', action: 'delayed', inReplyTo: byRecipient.get('full@example.com')! }));
    s.t.clock.advance(61_000);
    expect((await s.tick()).incoming).toEqual({ reply: 0, auto_reply: 0, bounce: 2 });

    const states = await recipientStates(s, id);
    expect(states.get('gone@example.com')).toMatchObject({ status: 'bounced', statusReason: 'Hard bounce: The address does not exist (550 5.1.1)' });
    expect(states.get('full@example.com')).toMatchObject({ status: 'sent' });
    expect(states.get('full@example.com')!.statusReason).toMatch(/^Soft bounce 1 of 3 in a row: The mailbox is full \(452 4\.2\.2\)\. Follow-ups wait until /);
    const { suppressions } = await (await s.agent.get('/api/suppressions')).json();
    expect(suppressions.map((row: { email: string }) => row.email)).toEqual(['gone@example.com']);

    s.t.clock.advance(2 * HOUR); // 48 h after the first message: the soft-bounced follow-up waits a day from the bounce
    await s.tick();
    expect(await followUpsSent(s)).toEqual([]);
    s.t.clock.advance(23 * HOUR);
    await s.tick();
    expect(await followUpsSent(s)).toEqual(['full@example.com']);
  });

  it('counts three soft bounces in a row (a Diagnostic-Code alone is enough) as a hard bounce', async () => {
    const { s, id, byRecipient } = await sentWithFollowUp(['full@example.com']);
    const inReplyTo = byRecipient.get('full@example.com')!;
    for (const n of [1, 2, 3]) {
      await deliver(s, deliveryStatusNotification({ to: 'sender@gmail.com', failed: 'full@example.com', diagnostic: 'smtp; 452 4.2.2 mailbox full', action: 'delayed', inReplyTo }));
      s.t.clock.advance(61_000);
      await s.tick();
      const state = (await recipientStates(s, id)).get('full@example.com')!;
      expect(state.status).toBe(n < 3 ? 'sent' : 'bounced');
      if (n < 3) expect(state.statusReason).toMatch(new RegExp(`^Soft bounce ${n} of 3 in a row`));
      else expect(state.statusReason).toBe('Hard bounce: 3 soft bounces in a row (last: The mailbox is full (452 4.2.2))');
    }
    const { suppressions } = await (await s.agent.get('/api/suppressions')).json();
    expect(suppressions).toEqual([expect.objectContaining({ email: 'full@example.com', reason: 'bounced' })]);
  });

  it('holds a follow-up when the thread shows an out-of-office reply that came in since the last mailbox check', async () => {
    const { s, byRecipient } = await sentWithFollowUp(['late@example.com']);
    s.t.clock.advance(48 * HOUR - 30_000);
    await s.tick(); // the mailbox check runs now, before the automatic reply arrives
    await deliver(s, rawMessage({ From: 'late@example.com', To: 'sender@gmail.com', Subject: 'Automatic reply: Quick question', 'X-Autoreply': 'yes', 'In-Reply-To': byRecipient.get('late@example.com')! }, 'Out of the office, no access to email.'));
    s.t.clock.advance(31_000); // the follow-up is due, the next mailbox check is not
    const report = await s.tick();
    expect(report.attempts.map((a) => a.result)).toEqual([{ status: 'retry', reason: expect.stringMatching(/^Out of office \(no return date given\)/) }]);
    expect(await followUpsSent(s)).toEqual([]);
    s.t.clock.advance(3 * 24 * HOUR);
    await s.tick();
    expect(await followUpsSent(s)).toEqual(['late@example.com']);
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
