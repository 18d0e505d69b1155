import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaignStatsSchema } from '../../shared/schemas/analytics';
import { auditPageSchema } from '../../shared/schemas/audit';
import { campaignSchema } from '../../shared/schemas/campaigns';
import { resolvedMessageSchema, SKIPPED_AFTER_UNCERTAIN } from '../../shared/schemas/uncertain-messages';
import { campaigns, jobLinks, sendJobs } from '../../backend/src/db/schema';
import { signedInAgent } from '../../backend/src/testing/browser-agent';
import { sendingScenario, type SendingScenario } from '../../backend/src/testing/sending-scenario';
import { closedAfterEach } from '../../backend/src/testing/use-test-app';

/**
 * "Check the Sent folder, then resend or skip" (sending/deliver-job.ts) as something the user can do:
 * a send-only account loses Gmail's answer, the message ends uncertain, and the user answers
 * through the API. The real app, engine, Google client and sandbox.
 */
const scenario = closedAfterEach(sendingScenario);

const SENDER = 'sendonly@work.example';
const ALWAYS_OPEN = { days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };
const FOLLOW_UP = { delayHours: 1, html: '<p>Following up</p>', condition: 'always' };

/** A completed campaign whose one message is uncertain: Gmail stored it, and the answer was lost. */
async function uncertainCampaign(body: Record<string, unknown> = {}) {
  const s = await scenario({ accounts: [SENDER], accountQuery: 'timezone=UTC&detectReplies=false' });
  for (const id of s.accountIds) await s.agent.patch(`/api/accounts/${id}`, { minGapSeconds: 0, maxGapSeconds: 0 });
  await s.t.control('POST', '/faults', { operation: 'send', status: 500, afterSend: true, count: 1 });
  const id = await s.launch({ subject: 'Hi', html: '<p>Hi</p>', schedule: ALWAYS_OPEN, ...body }, [{ email: 'ana@example.com' }]);
  await s.untilCompleted(id, { advanceMs: 60_000, maxTicks: 20 });
  const campaign = campaignSchema.parse(await s.campaign(id));
  const [waiting] = campaign.progress?.uncertainMessages ?? [];
  if (!waiting) throw new Error('no uncertain message listed');
  return { s, id, jobId: waiting.jobId, campaign };
}

const resolve = (s: SendingScenario, id: string, jobId: number | string, body: unknown) => s.agent.post(`/api/campaigns/${id}/messages/${jobId}/resolve`, body);
const jobOf = async (s: SendingScenario, jobId: number) => (await s.t.db.select().from(sendJobs).where(eq(sendJobs.id, jobId)))[0]!;
const jobsOf = (s: SendingScenario, id: string) => s.t.db.select().from(sendJobs).where(eq(sendJobs.campaignId, id));
const statusOf = async (s: SendingScenario, id: string) => (await s.t.db.select({ status: campaigns.status }).from(campaigns).where(eq(campaigns.id, id)))[0]!.status;

describe('an uncertain message the user settles', () => {
  it('is listed in the progress with the words asking to check Sent; the campaign completes around it', async () => {
    const { campaign, s } = await uncertainCampaign();
    // What was found: an uncertain message does not keep the campaign sending.
    expect(campaign.status).toBe('completed');
    expect(campaign.progress?.jobs.uncertain).toBe(1);
    expect(campaign.progress?.uncertainMessages).toEqual([
      expect.objectContaining({ recipient: 'ana@example.com', step: 0, reason: expect.stringMatching(/Check the Sent folder/) }),
    ]);
    expect(await s.mailbox(SENDER)).toHaveLength(1);
  });

  it('"I found it in Sent" records it as sent and its follow-up goes out, without sending it again', async () => {
    const { s, id, jobId } = await uncertainCampaign({ html: '<p>Hi, <a href="https://example.org/offer">our offer</a></p>', followUps: [FOLLOW_UP] });
    const answer = await resolve(s, id, jobId, { outcome: 'was-sent' });
    expect(answer.status, await answer.clone().text()).toBe(200);
    expect(resolvedMessageSchema.parse(await answer.json())).toEqual({ jobId, status: 'sent' });
    expect(await jobOf(s, jobId)).toMatchObject({ status: 'sent', sentAt: s.t.clock.now(), gmailMessageId: null, tracked: true });
    // The copy in Sent carries tracked links: each still leads where it pointed.
    expect(await s.t.db.select({ url: jobLinks.url }).from(jobLinks).where(eq(jobLinks.jobId, jobId))).toEqual([{ url: 'https://example.org/offer' }]);
    const after = campaignSchema.parse(await s.campaign(id));
    expect(after.counts.sent).toBe(1);
    expect(after.progress?.uncertainMessages).toEqual([]);
    // The analytics counters count it as any sent first message.
    expect(campaignStatsSchema.parse(await (await s.agent.get(`/api/campaigns/${id}/stats`)).json())).toMatchObject({ sent: 1, tracked: 1 });
    // Its follow-up was queued, so the completed campaign is sending again, and completes once it went.
    expect(await statusOf(s, id)).toBe('sending');
    await s.untilCompleted(id, { advanceMs: 30 * 60_000, maxTicks: 10 });
    const copies = await s.sentCopies([SENDER]);
    const jobs = await jobsOf(s, id);
    expect(jobs.map((job) => [job.step, job.status]).sort()).toEqual([[0, 'sent'], [1, 'sent']]);
    // One copy each: the first message was not sent again.
    for (const job of jobs) expect(copies.get(job.messageId)).toBe(1);
    // Without the first message's Gmail thread id, the follow-up still answers it (In-Reply-To and
    // References), so the recipient's mail client keeps the two together.
    const first = jobs.find((job) => job.step === 0)!;
    const followUp = (await s.mailbox(SENDER)).find((message) => message.parsed.subject === 'Re: Hi')!;
    expect(followUp.parsed.inReplyTo).toBe(first.messageId);
    expect(followUp.parsed.references).toBe(first.messageId);
  });

  it('"Send it again" queues it at once without a mailbox check, and it goes a second time', async () => {
    const { s, id, jobId } = await uncertainCampaign();
    const before = await jobOf(s, jobId);
    const answer = await resolve(s, id, jobId, { outcome: 'send-again' });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ jobId, status: 'queued' });
    // A fresh round of attempts, from any of the campaign's accounts (the one that tried may be gone).
    expect(before.attempts).toBeGreaterThan(0);
    expect(await jobOf(s, jobId)).toMatchObject({ status: 'queued', verifyBeforeSend: false, attempts: 0, accountId: null, dueAt: s.t.clock.now() });
    expect(await statusOf(s, id)).toBe('sending');
    await s.untilCompleted(id, { maxTicks: 5 });
    expect(await jobOf(s, jobId)).toMatchObject({ status: 'sent' });
    // The user was warned: it was there after all, so there are two now.
    expect((await s.sentCopies([SENDER])).get(before.messageId)).toBe(2);
  });

  it('"I found it in Sent" from an account since disconnected is refused with what to do, and the message stays to settle', async () => {
    const { s, id, jobId } = await uncertainCampaign();
    expect((await s.agent.request('DELETE', `/api/accounts/${s.accountIds[0]}`)).status).toBeLessThan(300);
    const answer = await resolve(s, id, jobId, { outcome: 'was-sent' });
    expect(answer.status).toBe(409);
    expect((await answer.json()).detail).toMatch(/no longer connected.*Skip it, or send it again/);
    expect(await jobOf(s, jobId)).toMatchObject({ status: 'uncertain' });
    expect((await resolve(s, id, jobId, { outcome: 'skip' })).status).toBe(200);
  });

  it('"Skip" ends it with the reason, and its follow-ups never come', async () => {
    const { s, id, jobId } = await uncertainCampaign({ followUps: [FOLLOW_UP] });
    const answer = await resolve(s, id, jobId, { outcome: 'skip' });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ jobId, status: 'skipped' });
    expect(await jobOf(s, jobId)).toMatchObject({ status: 'skipped', statusReason: SKIPPED_AFTER_UNCERTAIN });
    s.t.clock.advance(2 * 3_600_000);
    await s.tick();
    expect((await jobsOf(s, id)).map((job) => job.step)).toEqual([0]);
    expect(await statusOf(s, id)).toBe('completed');
  });

  it('settles once when two answers come at once: one 200, one 409 naming the state', async () => {
    const { s, id, jobId } = await uncertainCampaign({ followUps: [FOLLOW_UP] });
    const answers = await Promise.all([resolve(s, id, jobId, { outcome: 'was-sent' }), resolve(s, id, jobId, { outcome: 'skip' })]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const refused = await answers.find((answer) => answer.status === 409)!.json();
    expect(refused.detail).toMatch(/only an uncertain message can be settled/);
    const again = await resolve(s, id, jobId, { outcome: 'send-again' });
    expect(again.status).toBe(409);
    expect((await again.json()).messageStatus).toBe((await jobOf(s, jobId)).status);
  });

  it('answers 404 for another user, an unknown message or a message id that is not one; 400 for a bad outcome', async () => {
    const { s, id, jobId } = await uncertainCampaign();
    const { agent: other } = await signedInAgent(s.t, `other-${crypto.randomUUID().slice(0, 6)}@example.com`);
    expect((await other.post(`/api/campaigns/${id}/messages/${jobId}/resolve`, { outcome: 'skip' })).status).toBe(404);
    for (const bad of [jobId + 1000, 'abc', '0', '-1', '1e3', '99999999999999999999']) expect((await resolve(s, id, bad, { outcome: 'skip' })).status).toBe(404);
    const invalid = await resolve(s, id, jobId, { outcome: 'resend' });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(await invalid.json())).toMatch(/outcome/);
    expect((await resolve(s, id, jobId, { outcome: 'skip', extra: 1 })).status).toBe(400);
    expect((await jobOf(s, jobId)).status).toBe('uncertain');
  });

  it('writes who settled which message, and how, to the audit log', async () => {
    const { s, id, jobId } = await uncertainCampaign();
    await resolve(s, id, jobId, { outcome: 'skip' });
    const { entries } = auditPageSchema.parse(await (await s.agent.get('/api/audit')).json());
    expect(entries.find((entry) => entry.action === 'campaign.message_resolved')).toMatchObject({ subject: id, detail: { jobId: String(jobId), outcome: 'skip' } });
  });
});
