import { and, asc, eq, exists, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { preparedStatement } from '../db/prepared-statement';
import { campaigns, gmailAccounts, recipients, sendJobs } from '../db/schema';
import { mayTakeJob } from './rotation';

/**
 * Two schedulers may share one database (several Node instances, or Workers cron overlapping).
 * Every claim is a conditional UPDATE that succeeds for exactly one of them: first the account's
 * send slot (so pacing holds across schedulers), then the job itself.
 */

/** Takes the account's next send slot if it is free at `now`; holds it until `holdUntil`. */
export async function claimAccountSlot(db: Database, accountId: string, now: Date, holdUntil: Date): Promise<boolean> {
  const result = await db
    .update(gmailAccounts)
    .set({ nextSendAt: holdUntil })
    .where(
      and(
        eq(gmailAccounts.id, accountId),
        eq(gmailAccounts.status, 'ok'),
        or(isNull(gmailAccounts.nextSendAt), lte(gmailAccounts.nextSendAt, now)),
        or(isNull(gmailAccounts.cooldownUntil), lte(gmailAccounts.cooldownUntil, now)),
      ),
    )
    .returning({ id: gmailAccounts.id });
  return result.length === 1;
}

/** Gives the slot back unused (no job could be claimed after all). */
export async function releaseAccountSlot(db: Database, accountId: string, at: Date): Promise<void> {
  await db.update(gmailAccounts).set({ nextSendAt: at }).where(eq(gmailAccounts.id, accountId));
}

/**
 * Extends the slot of an account sending a long run of messages without gaps, before its lease
 * runs out. If the account cannot go on (a 429 cooled it down, its authorisation was lost), the
 * slot is released at `releaseAt` instead and this answers false.
 */
export async function renewAccountSlot(db: Database, accountId: string, input: { now: Date; holdUntil: Date; releaseAt: Date }): Promise<boolean> {
  const mayGoOn = and(eq(gmailAccounts.status, 'ok'), or(isNull(gmailAccounts.cooldownUntil), lte(gmailAccounts.cooldownUntil, input.now)));
  const [row] = await db
    .update(gmailAccounts)
    .set({ nextSendAt: sql`CASE WHEN ${mayGoOn} THEN ${input.holdUntil.getTime()} ELSE ${input.releaseAt.getTime()} END` })
    .where(eq(gmailAccounts.id, accountId))
    .returning({ nextSendAt: gmailAccounts.nextSendAt });
  return row?.nextSendAt?.getTime() === input.holdUntil.getTime();
}

/**
 * The columns of a claimed job the engine reads. Only these come back from the claim: reading a
 * column back through libsql and drizzle costs more than the UPDATE's own work.
 */
export type ClaimedJob = Pick<
  typeof sendJobs.$inferSelect,
  | 'id' | 'campaignId' | 'recipientId' | 'userId' | 'step' | 'accountId' | 'attempts' | 'verifyBeforeSend' | 'messageId' | 'gmailThreadId' | 'tracked'
  | 'variant' | 'splitKey'
>;

/** The job's recipient as it is at the claim (the columns a send reads), and why their address is suppressed (null: it is not). */
export type RecipientAtClaim = {
  recipient: Pick<typeof recipients.$inferSelect, 'id' | 'email' | 'emailKey' | 'fields' | 'status'>;
  suppressedBecause: string | null;
};

/** A claimed job, with its recipient read in the same statement; `found` is null when the recipient was removed. */
export type Claim = ClaimedJob & { found: RecipientAtClaim | null };

/**
 * Claims the next due job of `campaignId` that `accountId` may send, in one conditional UPDATE: an
 * unassigned first message (any of the campaign's accounts may take it) or a follow-up in a
 * thread this account started (rotation.ts: `mayTakeJob`). Served by send_jobs_due (status, campaign_id, due_at)
 * (a partial index of queued jobs was tried: SQLite kept choosing this one, so it was dropped): the
 * subquery reads the campaign's queued jobs in claim order and stops at the first this account may take.
 * SQLite runs the statement under the write lock, so two schedulers never get the same job. The
 * campaign must still be sending and the account still able to send: a pause, a disconnect or a
 * 429 cool-down stops the very next claim, even in the middle of a tick.
 *
 * The same statement reads the job's recipient and their suppression (scalar subqueries in
 * RETURNING, primary-key and index lookups): one statement per claim instead of two.
 */
export async function claimNextJob(
  db: Database,
  claim: { campaignId: string; accountId: string; workerId: string; now: Date; leaseUntil: Date },
): Promise<Claim | null> {
  const [row] = await claimStatement(db).all({
    campaignId: claim.campaignId,
    accountId: claim.accountId,
    workerId: claim.workerId,
    now: claim.now.getTime(),
    leaseUntil: claim.leaseUntil.getTime(),
  });
  if (!row) return null;
  const { recipientNow, ...job } = row;
  return { ...job, found: recipientNow === null ? null : recipientAtClaim(job.recipientId, recipientNow) };
}

/**
 * The recipient's columns and suppression, read in the claim's RETURNING as one JSON array (one
 * subquery to compile and run, not one per column: SQLite allows scalar subqueries there). Written
 * out qualified: drizzle leaves column names bare inside RETURNING, where `id` would be ambiguous.
 * The recipient by its key, then suppressions_pk (user_id, email_key): two key lookups.
 */
const RECIPIENT_NOW = sql<string | null>`(SELECT json_array(r.email, r.email_key, r.fields, r.status,
  (SELECT s.reason FROM suppressions s WHERE s.user_id = send_jobs.user_id AND s.email_key = r.email_key))
  FROM recipients r WHERE r.id = send_jobs.recipient_id)`;

function recipientAtClaim(id: number, json: string): RecipientAtClaim {
  // Our own SELECT's shape: [email, email_key, fields (JSON text), status, suppression reason or null].
  const [email, emailKey, fields, status, suppressedBecause] = JSON.parse(json) as [string, string, string, RecipientAtClaim['recipient']['status'], string | null];
  return { recipient: { id, email, emailKey, fields: JSON.parse(fields) as Record<string, string>, status }, suppressedBecause };
}

const claimStatement = preparedStatement((db) => {
  const accountId = sql.placeholder('accountId');
  const campaignId = sql.placeholder('campaignId');
  const now = sql.placeholder('now');
  const mayTake = mayTakeJob(accountId);
  const next = db
    .select({ id: sendJobs.id })
    .from(sendJobs)
    // The status also as a literal: SQLite considers a partial index only for a WHERE it can read without bound values.
    .where(and(sql`${sendJobs.status} = 'queued'`, mayTake, eq(sendJobs.campaignId, campaignId), lte(sendJobs.dueAt, now)))
    .orderBy(asc(sendJobs.dueAt), asc(sendJobs.id))
    .limit(1);
  const campaignSending = db.select({ one: sql`1` }).from(campaigns).where(and(eq(campaigns.id, campaignId), eq(campaigns.status, 'sending')));
  const accountCanSend = db
    .select({ one: sql`1` })
    .from(gmailAccounts)
    .where(and(eq(gmailAccounts.id, accountId), eq(gmailAccounts.status, 'ok'), or(isNull(gmailAccounts.cooldownUntil), lte(gmailAccounts.cooldownUntil, now))));
  return db
    .update(sendJobs)
    .set({
      status: 'sending',
      // Inside sql``: set() takes placeholders only wrapped.
      accountId: sql`${accountId}`,
      claimedBy: sql`${sql.placeholder('workerId')}`,
      leaseUntil: sql`${sql.placeholder('leaseUntil')}`,
      attempts: sql`${sendJobs.attempts} + 1`,
    })
    // `id = (subquery)`, not `IN`: SQLite then looks the job up by its key instead of walking every queued job.
    .where(and(sql`${sendJobs.id} = (${next})`, mayTake, exists(campaignSending), exists(accountCanSend)))
    .returning({
      id: sendJobs.id,
      campaignId: sendJobs.campaignId,
      recipientId: sendJobs.recipientId,
      userId: sendJobs.userId,
      step: sendJobs.step,
      accountId: sendJobs.accountId,
      attempts: sendJobs.attempts,
      verifyBeforeSend: sendJobs.verifyBeforeSend,
      messageId: sendJobs.messageId,
      gmailThreadId: sendJobs.gmailThreadId,
      tracked: sendJobs.tracked,
      variant: sendJobs.variant,
      splitKey: sendJobs.splitKey,
      recipientNow: RECIPIENT_NOW,
    } satisfies { [K in keyof ClaimedJob]: unknown } & Record<string, unknown>)
    .prepare();
});
