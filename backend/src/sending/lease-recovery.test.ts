import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { sendJobs } from '../db/schema';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';
import { claimNextJob } from './claims';
import { DEFAULT_LEASE_MS } from './engine-deps';

const scenarios: SendingScenario[] = [];
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

const MAILBOX = 'sender@work.example';
const ALWAYS_OPEN = { days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };

/** A scheduler that claimed the campaign's first job and then died (no outcome recorded). */
async function crashedClaim(s: SendingScenario, id: string) {
  const now = s.t.clock.now();
  const job = await claimNextJob(s.t.db, { campaignId: id, accountId: s.accountIds[0]!, workerId: 'crashed', now, leaseUntil: new Date(now.getTime() + DEFAULT_LEASE_MS) });
  expect(job).not.toBeNull();
  return job!;
}

async function scenarioWithCampaign() {
  const s = await sendingScenario({ accounts: [MAILBOX] });
  scenarios.push(s);
  await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 0, maxGapSeconds: 0 });
  const id = await s.launch({ subject: 'Hi', html: '<p>Hi</p>', schedule: ALWAYS_OPEN }, [{ email: 'a@example.com' }, { email: 'b@example.com' }]);
  return { s, id };
}

describe('a scheduler that died holding a job', () => {
  it('leaves the job alone until its lease runs out, then records the copy Gmail already has without resending', async () => {
    const { s, id } = await scenarioWithCampaign();
    const job = await crashedClaim(s, id);
    // Gmail accepted the message just before the crash: it sits in the Sent folder with our Message-ID.
    const raw = `From: ${MAILBOX}\r\nTo: a@example.com\r\nSubject: Hi\r\nMessage-ID: ${job.messageId}\r\n\r\nHi\r\n`;
    expect((await s.t.control('POST', `/mailboxes/${MAILBOX}/messages`, { text: raw, labelIds: ['SENT'] })).status).toBe(201);

    const early = await s.tick();
    expect(early.recovered).toBe(0);
    expect(early.attempts.map((a) => a.jobId)).not.toContain(job.id);
    s.t.clock.advance(DEFAULT_LEASE_MS + 1);
    const late = await s.tick();
    expect(late.recovered).toBe(1);
    expect(late.attempts).toEqual([expect.objectContaining({ jobId: job.id, result: { status: 'sent' } })]);

    const [row] = await s.t.db.select().from(sendJobs).where(eq(sendJobs.id, job.id));
    expect(row).toMatchObject({ status: 'sent', attempts: 2, verifyBeforeSend: false });
    expect(row!.gmailMessageId).toBeTruthy();
    const copies = await s.sentCopies([MAILBOX]);
    expect(copies.get(job.messageId)).toBe(1);
    expect(copies.size).toBe(2);
    expect((await s.campaign(id)).status).toBe('completed');
  });

  it('sends the message once after the lease when Gmail never got it', async () => {
    const { s, id } = await scenarioWithCampaign();
    const job = await crashedClaim(s, id);
    s.t.clock.advance(DEFAULT_LEASE_MS + 1);
    const report = await s.tick();
    expect(report.recovered).toBe(1);
    expect(report.attempts.map((a) => a.result.status)).toEqual(['sent', 'sent']);
    const copies = await s.sentCopies([MAILBOX]);
    expect(copies.get(job.messageId)).toBe(1);
    expect(copies.size).toBe(2);
  });
});
