import { ERASED_KEY_PREFIX, ERASED_REASON } from '../../../shared/lib/erased-recipient';
import { and, eq, sql } from 'drizzle-orm';
import { BoundStatement } from '../db/bound-statement';
import type { Database } from '../db/database';
import { recipients, sendJobs } from '../db/schema';
import { campaignMessageId } from '../campaigns/campaign-message-id';
import type { CampaignRow } from '../campaigns/campaign-store';
import type { ClaimedJob } from './claims';
import { staysWithAccount } from './rotation';
import { OUTSIDE_RECIPIENT_HOURS } from '../schedule';

type Job = ClaimedJob;

/**
 * Records a delivered message in one batch: the job, the recipient, the account's send log (daily
 * limits), the links for click redirects, and the recipient's next follow-up job when the campaign
 * has one. Writing it all at once means a crash leaves either everything or nothing, and "nothing"
 * is caught by the Message-ID check before any retry.
 */
export async function recordDelivered(
  db: Database,
  input: {
    job: Job;
    campaign: CampaignRow;
    accountId: string;
    sentAt: Date;
    /** null: the user found it in Sent after an uncertain attempt (campaigns/uncertain-messages.ts); Gmail never told us its ids. */
    gmailMessageId: string | null;
    gmailThreadId: string | null;
    links: string[];
    /** The index of `links[0]`: an A/B variant's links are numbered on after the step's earlier variants'. */
    linkOffset?: number;
    /** Whether the message carries tracking (tracking/tracking-decision.ts). */
    tracked: boolean;
    /** The A/B variant sent (null: the step has none); a follow-up's is decided at send, so stored here. */
    variant?: number | null;
    messageIdHost: string;
  },
): Promise<void> {
  const { job, campaign, sentAt } = input;
  const nextStep = campaign.followUps[job.step];
  // The person may have been erased while this message was on its way (people/erase-person.ts leaves
  // a job being sent as it is): then each statement below does what the erasure did to the others
  // (no Gmail ids, a Message-ID no reply can match, no tracking, no links: they may hold the address
  // merged in; a follow-up cancelled), decided inside the statements, so in the same transaction.
  const statements = [
    // `erased` evaluated once, in the FROM (SQLite's UPDATE … FROM): a one-row table, whatever became of the recipient.
    // `tracked` is only ever turned off here: an opt-out that came in while this message was on its
    // way has already set 0, and its opens must stay unrecorded.
    db.run(
      new BoundStatement(MARK_SENT, [
        sentAt.getTime(), input.gmailMessageId, input.gmailThreadId, ERASED_KEY_PREFIX, input.tracked ? 1 : 0, job.id, job.recipientId,
        input.variant === undefined ? job.variant : input.variant,
      ]),
    ),
    db.run(new BoundStatement(LOG_ACCOUNT_SEND, [input.accountId, sentAt.getTime(), job.id])),
    // The first message makes a pending recipient "sent"; later states (replied, bounced…) are never undone here.
    db.run(new BoundStatement(RECIPIENT_SENT, [sentAt.getTime(), job.recipientId])),
  ] as const;
  const extra = [];
  if (input.links.length > 0) {
    // One multi-row insert, none of it for an erased person.
    const values: unknown[] = [];
    const offset = input.linkOffset ?? 0;
    input.links.forEach((url, linkIndex) => values.push(job.id, offset + linkIndex, url));
    values.push(job.recipientId);
    extra.push(db.run(new BoundStatement(storeLinksText(input.links.length), values)));
  }
  if (nextStep) {
    extra.push(queueNextStep(db, { job, campaign, accountId: input.accountId, gmailThreadId: input.gmailThreadId, from: sentAt, messageIdHost: input.messageIdHost }));
  }
  await db.batch([...statements, ...extra]);
}

/*
 * The record's statements as fixed texts with bound values: built once, not by drizzle for every
 * message (its query building cost more CPU than SQLite running them), and the same text each time,
 * so the database keeps each compiled (db/embedded-client.ts). Columns as in db/schema.ts.
 */

/**
 * Whether an address key is an erased person's placeholder, as SQL on `recipients.email_key`. The
 * pattern is a literal, never a bound value: SQLite recompiles a statement whose LIKE pattern is a
 * parameter each time it is bound (the pattern might allow an index), and recompiling MARK_SENT
 * recompiled the analytics triggers it fires: ~80 µs of its ~100 (bench/sending-engine.ts, issue 17).
 */
const IS_ERASED_KEY = `recipients.email_key LIKE '${erasedKeyPattern()}'`;

function erasedKeyPattern(): string {
  if (/[%_'\\]/.test(ERASED_KEY_PREFIX)) throw new Error(`ERASED_KEY_PREFIX must be a plain LIKE prefix: ${ERASED_KEY_PREFIX}`);
  return `${ERASED_KEY_PREFIX}%`;
}

/** True when the job's recipient (?7) has been erased since the job was claimed (their address key replaced). */
const ERASED = `EXISTS (SELECT 1 FROM recipients WHERE recipients.id = ?7 AND ${IS_ERASED_KEY})`;

const MARK_SENT = `
  UPDATE send_jobs SET status = 'sent', status_reason = NULL, sent_at = ?1, lease_until = NULL, verify_before_send = 0,
    gmail_message_id = CASE WHEN person.erased THEN NULL ELSE ?2 END,
    gmail_thread_id = CASE WHEN person.erased THEN NULL ELSE ?3 END,
    message_id = CASE WHEN person.erased THEN ?4 || send_jobs.id ELSE send_jobs.message_id END,
    tracked = CASE WHEN ?5 THEN CASE WHEN person.erased THEN 0 ELSE send_jobs.tracked END ELSE 0 END,
    variant = ?8
  FROM (SELECT ${ERASED} AS erased) AS person
  WHERE send_jobs.id = ?6 AND send_jobs.status = 'sending'`;

const LOG_ACCOUNT_SEND = 'INSERT INTO account_sends (account_id, sent_at, job_id) VALUES (?, ?, ?)';

const RECIPIENT_SENT = "UPDATE recipients SET status = CASE WHEN status = 'pending' THEN 'sent' ELSE status END, last_event_at = ? WHERE id = ?";

const linksTexts = new Map<number, string>();

/** The job_links insert for `count` links: (job, index, url) triples, then the recipient. */
function storeLinksText(count: number): string {
  let text = linksTexts.get(count);
  if (text === undefined) {
    const rows = Array.from({ length: count }, () => '(?, ?, ?)').join(', ');
    const recipient = count * 3 + 1;
    text = `INSERT INTO job_links (job_id, link_index, url) SELECT column1, column2, column3 FROM (VALUES ${rows})
      WHERE NOT EXISTS (SELECT 1 FROM recipients WHERE recipients.id = ?${recipient} AND ${IS_ERASED_KEY}) ON CONFLICT DO NOTHING`;
    linksTexts.set(count, text);
  }
  return text;
}

/**
 * Skips a follow-up whose own condition is not met (they opened, they clicked) and queues the step
 * after it, in the same thread, as if this one had gone out now.
 */
export async function skipStep(
  db: Database,
  input: { job: Job; campaign: CampaignRow; reason: string; at: Date; messageIdHost: string },
): Promise<void> {
  const { job, campaign } = input;
  const finish = db
    .update(sendJobs)
    .set({ status: 'skipped', statusReason: input.reason, leaseUntil: null })
    .where(and(eq(sendJobs.id, job.id), eq(sendJobs.status, 'sending')));
  if (!campaign.followUps[job.step]) {
    await finish;
    return;
  }
  await db.batch([
    finish,
    queueNextStep(db, { job, campaign, accountId: job.accountId, gmailThreadId: job.gmailThreadId, from: input.at, messageIdHost: input.messageIdHost }),
  ]);
}

/**
 * The recipient's next step, due its delay after `from`, in the same account and thread. Not for
 * a cancelled campaign: a message in flight when the user cancelled must not queue another.
 */
function queueNextStep(
  db: Database,
  input: { job: Job; campaign: CampaignRow; accountId: string | null; gmailThreadId: string | null; from: Date; messageIdHost: string },
) {
  const { job } = input;
  const step = job.step + 1;
  const dueAt = input.from.getTime() + input.campaign.followUps[job.step]!.delayHours * 3_600_000;
  const messageId = campaignMessageId({ campaignId: job.campaignId, recipientId: job.recipientId, step }, input.messageIdHost);
  // A person erased while the previous step was on its way gets it cancelled, as the erasure cancelled their other jobs.
  return db.run(
    new BoundStatement(QUEUE_NEXT_STEP, [
      job.campaignId, job.recipientId, job.userId, step, input.accountId, ERASED_REASON, dueAt, messageId, input.gmailThreadId, input.from.getTime(),
      job.splitKey,
    ]),
  );
}

/**
 * ?1 campaign, ?2 recipient, ?3 user, ?4 step, ?5 account, ?6 erased reason, ?7 due, ?8 Message-ID, ?9 thread, ?10 now, ?11 the
 * recipient's split key (the A/B split of every step is read from it).
 */
const QUEUE_NEXT_STEP = `
  INSERT OR IGNORE INTO send_jobs (campaign_id, recipient_id, user_id, step, account_id, status, status_reason, due_at, attempts, verify_before_send, message_id, gmail_thread_id, tracked, created_at, split_key)
  SELECT ?1, ?2, ?3, ?4, ?5,
    CASE WHEN person.erased THEN 'cancelled' ELSE 'queued' END, CASE WHEN person.erased THEN ?6 ELSE NULL END,
    ?7, 0, 0, ?8, CASE WHEN person.erased THEN NULL ELSE ?9 END, NOT person.erased, ?10, ?11
  FROM (SELECT EXISTS (SELECT 1 FROM recipients WHERE recipients.id = ?2 AND ${IS_ERASED_KEY}) AS erased) AS person
  WHERE EXISTS (SELECT 1 FROM campaigns WHERE id = ?1 AND status <> 'cancelled')`;

/** Puts a job back in the queue for a later attempt, flagged for a mailbox check when the last one may have landed. */
export async function requeueJob(
  db: Database,
  job: Job,
  input: { dueAt: Date; reason: string; verifyBeforeSend: boolean; keepAccount: boolean; notAnAttempt?: boolean },
): Promise<void> {
  await db
    .update(sendJobs)
    .set({
      status: 'queued',
      // The claim counted an attempt; a call that never tried the message (429, no authorisation) gives it back.
      ...(input.notAnAttempt ? { attempts: sql`max(${sendJobs.attempts} - 1, 0)` } : {}),
      statusReason: input.reason,
      dueAt: input.dueAt,
      leaseUntil: null,
      claimedBy: null,
      verifyBeforeSend: input.verifyBeforeSend || job.verifyBeforeSend,
      // Whether it may move to another account is rotation's rule (rotation.ts: staysWithAccount).
      ...(input.keepAccount ? {} : { accountId: null }),
    })
    .where(and(eq(sendJobs.id, job.id), eq(sendJobs.status, 'sending')));
}

/**
 * Gives a claimed job back, due at its recipient's next window opening (per-recipient zones, issue
 * 18): nothing was tried, so not an attempt; the account it may go from is rotation's rule, as for
 * any job put back.
 */
export async function deferToRecipientWindow(db: Database, job: Job, opening: Date): Promise<void> {
  await requeueJob(db, job, { dueAt: opening, reason: OUTSIDE_RECIPIENT_HOURS, verifyBeforeSend: false, keepAccount: staysWithAccount(job), notAnAttempt: true });
}

/** Ends a job without sending: `failed` (Gmail refused it), `skipped` (no longer wanted) or `uncertain`. */
export async function finishJobUnsent(
  db: Database,
  job: Job,
  status: 'failed' | 'skipped' | 'uncertain' | 'cancelled',
  reason: string,
  recipientStatus?: 'failed',
): Promise<void> {
  const finishJob = db
    .update(sendJobs)
    .set({ status, statusReason: reason, leaseUntil: null })
    .where(and(eq(sendJobs.id, job.id), eq(sendJobs.status, 'sending')));
  if (!recipientStatus) {
    await finishJob;
    return;
  }
  await db.batch([
    finishJob,
    db
      .update(recipients)
      .set({ status: recipientStatus, statusReason: reason })
      .where(and(eq(recipients.id, job.recipientId), eq(recipients.status, 'pending'))),
  ]);
}
