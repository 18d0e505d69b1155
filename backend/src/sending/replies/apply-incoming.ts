import { and, desc, eq, inArray } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import {
  hardBounceReason,
  outOfOfficeReason,
  SKIP_REASONS,
  softBounceReason,
  softBouncesAsHardReason,
} from '../../../../shared/schemas/skip-reasons';
import type { Database } from '../../db/database';
import { recipients, sendJobs, suppressions, trackingEvents } from '../../db/schema';
import { pauseWithReason } from '../../campaigns/campaign-state-machine';
import { deferFollowUps, resumeAfterOutOfOffice, SOFT_BOUNCE_WAIT_MS, SOFT_BOUNCES_AS_HARD } from '../follow-up-gate';
import type { BounceCategory } from './bounce-category';

type Job = Pick<typeof sendJobs.$inferSelect, 'id' | 'campaignId' | 'recipientId' | 'userId' | 'step'>;

/** What came back, with what its body said for the kinds that need it (incoming-details.ts). */
export type Incoming =
  | { kind: 'reply' }
  | { kind: 'auto_reply'; returnsOn: Date | null }
  | { kind: 'bounce'; bounce: BounceCategory };

/** What it did to the recipient's sequence: ended it, or holds their follow-ups until a time. */
export type IncomingEffect = { effect: 'stop'; reason: string } | { effect: 'wait'; until: Date; reason: string };

/** Bounces among a campaign's latest first messages that pause it ("several in a row"). */
const BOUNCE_WINDOW = 5;
const BOUNCES_TO_PAUSE = 3;

/** Whether this Gmail message was applied already (so callers need not read it again). */
export async function alreadyApplied(db: Database, job: Job, gmailMessageId: string): Promise<boolean> {
  const [seen] = await db
    .select({ id: trackingEvents.id })
    .from(trackingEvents)
    .where(and(eq(trackingEvents.campaignId, job.campaignId), eq(trackingEvents.recipientId, job.recipientId), eq(trackingEvents.url, markerOf(gmailMessageId))))
    .limit(1);
  return Boolean(seen);
}

// The Gmail message that told us, kept on the event so the same message is never counted twice.
const markerOf = (gmailMessageId: string) => `gmail:${gmailMessageId}`;

/**
 * Applies what came back in a thread we started. A reply marks the recipient `replied` and stops
 * their follow-ups. An automatic reply holds their next step until the return date it names
 * (follow-up-gate.ts). A hard bounce, or the third soft bounce in a row, marks them `bounced`, puts
 * the address on the suppression list and stops their follow-ups; a soft bounce holds them a day.
 * The recipient's `statusReason` says which, with the diagnostic in words. Applying the same
 * message twice changes nothing (returns null: the state moves only forward, the event is kept once).
 */
export async function applyIncoming(
  db: Database,
  input: { incoming: Incoming; job: Job; gmailMessageId: string; at: Date },
): Promise<IncomingEffect | null> {
  const { job, incoming, at } = input;
  if (await alreadyApplied(db, job, input.gmailMessageId)) return null;
  const eventOf = (kind: 'reply' | 'auto_reply' | 'bounce' | 'soft_bounce') =>
    db.insert(trackingEvents).values({ campaignId: job.campaignId, recipientId: job.recipientId, jobId: job.id, step: job.step, kind, url: markerOf(input.gmailMessageId), occurredAt: at });
  const stillOpen = and(eq(recipients.id, job.recipientId), inArray(recipients.status, ['pending', 'sent']));

  if (incoming.kind === 'auto_reply') {
    const until = resumeAfterOutOfOffice(incoming.returnsOn, at);
    const reason = outOfOfficeReason(incoming.returnsOn, until);
    await db.batch([eventOf('auto_reply'), deferFollowUps(db, job.recipientId, until, reason), db.update(recipients).set({ statusReason: reason }).where(stillOpen)]);
    return { effect: 'wait', until, reason };
  }
  let hardReason: string | null = null;
  if (incoming.kind === 'bounce') {
    const { bounce } = incoming;
    const inARow = bounce.category === 'soft' ? 1 + (await softBouncesInARow(db, job)) : 0;
    if (bounce.category === 'soft' && inARow < SOFT_BOUNCES_AS_HARD) {
      const until = new Date(at.getTime() + SOFT_BOUNCE_WAIT_MS);
      const reason = softBounceReason(bounce.diagnostic, inARow, SOFT_BOUNCES_AS_HARD, until);
      await db.batch([eventOf('soft_bounce'), deferFollowUps(db, job.recipientId, until, reason), db.update(recipients).set({ statusReason: reason }).where(stillOpen)]);
      return { effect: 'wait', until, reason };
    }
    hardReason = bounce.category === 'soft' ? softBouncesAsHardReason(inARow, bounce.diagnostic) : hardBounceReason(bounce.diagnostic);
  }
  const reason = incoming.kind === 'reply' ? SKIP_REASONS.replied : SKIP_REASONS.bounced;
  const [recipient] = await db.select().from(recipients).where(eq(recipients.id, job.recipientId));
  if (!recipient) return null;
  const statements: BatchItem<'sqlite'>[] = [
    eventOf(incoming.kind),
    db
      .update(recipients)
      .set({ status: incoming.kind === 'reply' ? 'replied' : 'bounced', statusReason: hardReason, lastEventAt: at })
      .where(stillOpen),
    db
      .update(sendJobs)
      .set({ status: 'skipped', statusReason: reason })
      .where(and(eq(sendJobs.recipientId, job.recipientId), eq(sendJobs.status, 'queued'))),
  ];
  if (incoming.kind === 'bounce') {
    statements.push(
      db
        .insert(suppressions)
        .values({ userId: job.userId, emailKey: recipient.emailKey, email: recipient.email, reason: 'bounced', sourceCampaignId: job.campaignId, createdAt: at })
        .onConflictDoNothing(),
    );
  }
  await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  if (incoming.kind === 'bounce') await pauseOnBounceRun(db, job.campaignId, at);
  return { effect: 'stop', reason };
}

/**
 * Soft bounces of this recipient since anything that proved their mailbox takes mail (a reply, an
 * automatic reply): "in a row" means nothing got through in between.
 */
async function softBouncesInARow(db: Database, job: Job): Promise<number> {
  const latest = await db
    .select({ kind: trackingEvents.kind })
    .from(trackingEvents)
    .where(and(eq(trackingEvents.campaignId, job.campaignId), eq(trackingEvents.recipientId, job.recipientId), inArray(trackingEvents.kind, ['soft_bounce', 'reply', 'auto_reply', 'bounce'])))
    .orderBy(desc(trackingEvents.occurredAt), desc(trackingEvents.id))
    .limit(SOFT_BOUNCES_AS_HARD);
  const firstOther = latest.findIndex((row) => row.kind !== 'soft_bounce');
  return firstOther === -1 ? latest.length : firstOther;
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

