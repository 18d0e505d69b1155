import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import { SKIP_REASONS, suppressedReason } from '../../../shared/schemas/skip-reasons';
import type { Database } from '../db/database';
import { recipients, sendJobs, trackingEvents } from '../db/schema';
import type { CampaignRow } from '../campaigns/campaign-store';
import type { ClaimedJob } from './claims';

type Job = ClaimedJob;
/** The recipient's columns a send reads (fewer columns read back, less work per message). */
export type JobRecipient = Pick<typeof recipients.$inferSelect, 'id' | 'email' | 'emailKey' | 'fields' | 'status'>;
type Recipient = JobRecipient;

/**
 * Why a job does not go out. A reply, unsubscribe, bounce or suppression ends the recipient's
 * sequence; a step's own condition (they opened, they clicked) skips that step only, and the next
 * step (say, an `always` one) is still queued.
 */
export type SkipReason = { reason: string; endsSequence: boolean };

/**
 * Whether this job should still go out, checked right before sending (not at queue time: a reply,
 * bounce or unsubscribe may have come in since). Returns the reason to skip, or null to send.
 */
export async function reasonToSkip(
  db: Database,
  job: Job,
  campaign: CampaignRow,
  { recipient, suppressedBecause }: { recipient: Recipient; suppressedBecause: string | null },
): Promise<SkipReason | null> {
  const stop = (reason: string) => ({ reason, endsSequence: true });
  if (recipient.status === 'unsubscribed') return stop(SKIP_REASONS.unsubscribed);
  if (recipient.status === 'bounced') return stop(SKIP_REASONS.addressBounced);
  if (suppressedBecause !== null) return stop(suppressedReason(suppressedBecause));
  if (job.step === 0) return null;
  // Any reply stops the sequence: a follow-up to someone who answered reads as not listening.
  if (recipient.status === 'replied') return stop(SKIP_REASONS.replied);
  const condition = campaign.followUps[job.step - 1]?.condition ?? 'no_reply';
  if (condition === 'no_open' && (await hasHumanEvent(db, campaign.id, recipient.id, 'open'))) {
    return { reason: SKIP_REASONS.opened, endsSequence: false };
  }
  if (condition === 'no_click' && (await hasHumanEvent(db, campaign.id, recipient.id, 'click'))) {
    return { reason: SKIP_REASONS.clicked, endsSequence: false };
  }
  return null;
}

/** Machine opens (image proxies, privacy prefetch, link scanners) are not a person reading. */
async function hasHumanEvent(db: Database, campaignId: string, recipientId: number, kind: 'open' | 'click') {
  const [row] = await db
    .select({ id: trackingEvents.id })
    .from(trackingEvents)
    .where(
      and(
        eq(trackingEvents.campaignId, campaignId),
        eq(trackingEvents.kind, kind),
        eq(trackingEvents.recipientId, recipientId),
        eq(trackingEvents.machine, false),
      ),
    )
    .limit(1);
  return Boolean(row);
}

const DAY_MS = 86_400_000;
/** A soft bounce (a full mailbox, greylisting, a deferral) usually clears within a day: the follow-ups wait that long. */
export const SOFT_BOUNCE_WAIT_MS = DAY_MS;
/** Soft bounces in a row that count as a hard one: an address that never takes mail is as good as gone. */
export const SOFT_BOUNCES_AS_HARD = 3;
/** An out-of-office reply that names no date we can read: the next step waits three days (issue 15). */
export const OUT_OF_OFFICE_WAIT_MS = 3 * DAY_MS;

/**
 * When the next step may go after an out-of-office reply received `at`: the day after the named
 * return day (the day back is spent on the backlog), otherwise three days later.
 */
export function resumeAfterOutOfOffice(returnsOn: Date | null, at: Date): Date {
  const resume = returnsOn ? returnsOn.getTime() + DAY_MS : at.getTime() + OUT_OF_OFFICE_WAIT_MS;
  return new Date(Math.max(resume, at.getTime()));
}

/**
 * Holds a recipient's queued follow-ups until `until` at the earliest (one already due later keeps
 * its time), saying why. An automatic reply or a soft bounce never ends the sequence: it only waits.
 */
export function deferFollowUps(db: Database, recipientId: number, until: Date, reason: string) {
  return db
    .update(sendJobs)
    .set({ dueAt: sql`max(${sendJobs.dueAt}, ${until.getTime()})`, statusReason: reason })
    .where(and(eq(sendJobs.recipientId, recipientId), eq(sendJobs.status, 'queued'), gt(sendJobs.step, 0)));
}

/**
 * Earlier steps of this recipient's thread, for In-Reply-To, References and the Gmail threadId, and
 * the A/B variant their first message had (a follow-up's "Re:" subject is that variant's).
 */
export type ThreadContext = { threadId: string | null; messageIds: string[]; firstVariant?: number | null };

/** The recipient's earlier messages in this campaign: the Gmail thread and the Message-IDs to reply to. */
export async function threadContext(db: Database, job: Job): Promise<ThreadContext> {
  if (job.step === 0) return { threadId: null, messageIds: [], firstVariant: null };
  const earlier = await db
    .select({ messageId: sendJobs.messageId, threadId: sendJobs.gmailThreadId, status: sendJobs.status, step: sendJobs.step, variant: sendJobs.variant })
    .from(sendJobs)
    .where(and(eq(sendJobs.recipientId, job.recipientId), lt(sendJobs.step, job.step)))
    .orderBy(asc(sendJobs.step));
  const sent = earlier.filter((row) => row.status === 'sent');
  // The first message's A/B variant: a follow-up's "Re:" subject is that variant's (sending/variant-content.ts).
  const firstVariant = earlier.find((row) => row.step === 0)?.variant ?? null;
  return { threadId: sent[0]?.threadId ?? job.gmailThreadId ?? null, messageIds: sent.map((row) => row.messageId), firstVariant };
}
