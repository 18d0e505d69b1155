import { and, desc, eq, inArray } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { SKIP_REASONS } from '../../../../shared/schemas/skip-reasons';
import type { Database } from '../../db/database';
import { recipients, sendJobs, suppressions, trackingEvents } from '../../db/schema';
import { pauseWithReason } from '../../campaigns/campaign-state-machine';
import type { IncomingKind } from './classify-incoming';

type Job = Pick<typeof sendJobs.$inferSelect, 'id' | 'campaignId' | 'recipientId' | 'userId' | 'step'>;

/** Bounces among a campaign's latest first messages that pause it ("several in a row"). */
const BOUNCE_WINDOW = 5;
const BOUNCES_TO_PAUSE = 3;

/**
 * Applies what came back in a thread we started. A reply marks the recipient `replied` and stops
 * their follow-ups; an automatic reply is only recorded; a bounce marks them `bounced`, puts the
 * address on the suppression list and stops their follow-ups. Applying the same message twice
 * changes nothing (the state moves only forward, and the event is kept once).
 */
export async function applyIncoming(
  db: Database,
  input: { kind: Exclude<IncomingKind, 'ignore'>; job: Job; gmailMessageId: string; at: Date },
): Promise<boolean> {
  const { job, kind, at } = input;
  const marker = `gmail:${input.gmailMessageId}`;
  const [seen] = await db
    .select({ id: trackingEvents.id })
    .from(trackingEvents)
    .where(and(eq(trackingEvents.campaignId, job.campaignId), eq(trackingEvents.recipientId, job.recipientId), eq(trackingEvents.url, marker)))
    .limit(1);
  if (seen) return false;

  const event = db.insert(trackingEvents).values({
    campaignId: job.campaignId,
    recipientId: job.recipientId,
    jobId: job.id,
    step: job.step,
    kind,
    // The Gmail message that told us, so the same message is never counted twice.
    url: marker,
    occurredAt: at,
  });
  if (kind === 'auto_reply') {
    await event;
    return true;
  }
  const reason = kind === 'reply' ? SKIP_REASONS.replied : SKIP_REASONS.bounced;
  const [recipient] = await db.select().from(recipients).where(eq(recipients.id, job.recipientId));
  if (!recipient) return false;
  const statements: BatchItem<'sqlite'>[] = [
    event,
    db
      .update(recipients)
      .set({ status: kind === 'reply' ? 'replied' : 'bounced', lastEventAt: at })
      .where(and(eq(recipients.id, job.recipientId), inArray(recipients.status, ['pending', 'sent']))),
    db
      .update(sendJobs)
      .set({ status: 'skipped', statusReason: reason })
      .where(and(eq(sendJobs.recipientId, job.recipientId), eq(sendJobs.status, 'queued'))),
  ];
  if (kind === 'bounce') {
    statements.push(
      db
        .insert(suppressions)
        .values({ userId: job.userId, emailKey: recipient.emailKey, email: recipient.email, reason: 'bounced', sourceCampaignId: job.campaignId, createdAt: at })
        .onConflictDoNothing(),
    );
  }
  await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  if (kind === 'bounce') await pauseOnBounceRun(db, job.campaignId, at);
  return true;
}

/** Several of the latest first messages bouncing means a bad list: pause before the sender's reputation suffers. */
async function pauseOnBounceRun(db: Database, campaignId: string, at: Date) {
  const latest = await db
    .select({ status: recipients.status })
    .from(sendJobs)
    .innerJoin(recipients, eq(recipients.id, sendJobs.recipientId))
    .where(and(eq(sendJobs.campaignId, campaignId), eq(sendJobs.step, 0), eq(sendJobs.status, 'sent')))
    .orderBy(desc(sendJobs.sentAt), desc(sendJobs.id))
    .limit(BOUNCE_WINDOW);
  const bounced = latest.filter((row) => row.status === 'bounced').length;
  if (bounced >= BOUNCES_TO_PAUSE) {
    await pauseWithReason(
      db,
      { id: campaignId },
      `Paused by iConnect: ${bounced} of the last ${latest.length} messages bounced. Check the list for old or mistyped addresses, then resume.`,
      at,
    );
  }
}

/** Our job that a Gmail message belongs to: by thread, or by the Message-IDs it answers. */
export async function jobForIncoming(
  db: Database,
  accountId: string,
  incoming: { threadId: string; inReplyTo: string[]; failedRecipients: string[] },
): Promise<Job | null> {
  const columns = { id: sendJobs.id, campaignId: sendJobs.campaignId, recipientId: sendJobs.recipientId, userId: sendJobs.userId, step: sendJobs.step };
  const [byThread] = await db
    .select(columns)
    .from(sendJobs)
    .where(and(eq(sendJobs.accountId, accountId), eq(sendJobs.gmailThreadId, incoming.threadId), eq(sendJobs.status, 'sent')))
    .orderBy(desc(sendJobs.step))
    .limit(1);
  if (byThread) return byThread;
  if (incoming.inReplyTo.length > 0) {
    const [byMessageId] = await db
      .select(columns)
      .from(sendJobs)
      .where(and(eq(sendJobs.accountId, accountId), inArray(sendJobs.messageId, incoming.inReplyTo)))
      .orderBy(desc(sendJobs.step))
      .limit(1);
    if (byMessageId) return byMessageId;
  }
  // A bounce in a thread of its own names the address that failed (X-Failed-Recipients).
  if (incoming.failedRecipients.length === 0) return null;
  const [byAddress] = await db
    .select(columns)
    .from(sendJobs)
    .innerJoin(recipients, eq(recipients.id, sendJobs.recipientId))
    .where(and(eq(sendJobs.accountId, accountId), eq(sendJobs.status, 'sent'), inArray(recipients.emailKey, incoming.failedRecipients)))
    .orderBy(desc(sendJobs.sentAt))
    .limit(1);
  return byAddress ?? null;
}

