import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AbDecision, AbMetric } from '../../../shared/schemas/variants';
import type { Database } from '../db/database';
import { analyticsVariants, campaigns } from '../db/schema';
import { AB_HELD_DUE_AT, variantCountOf } from './variant-split';

import { MIN_DECISION_EVENTS } from '../../../shared/schemas/variant-limits';

export { MIN_DECISION_EVENTS };

/** One variant's test figures, as analytics_variants counts them (step 0). */
export type VariantTally = { variant: number; sent: number; tracked: number; replied: number; humanClicks: number; lastSentAt: Date | null };

/**
 * The decision over the test's figures (shared/schemas/variants.ts): the rate of each variant is
 * replies per message sent (`replies`) or recipients who clicked as people per tracked message
 * (`clicks`). Fewer than MIN_DECISION_EVENTS events in all: 'too-few'; the best two rates equal:
 * 'tie'; else the best one is the winner.
 */
export function pickWinner(input: { tallies: readonly VariantTally[]; variantCount: number; metric: AbMetric; decidedAt: Date }): AbDecision {
  const variants = Array.from({ length: input.variantCount }, (_, index) => {
    const tally = input.tallies.find((row) => row.variant === index);
    const sent = tally?.sent ?? 0;
    const events = input.metric === 'replies' ? (tally?.replied ?? 0) : (tally?.humanClicks ?? 0);
    const base = input.metric === 'replies' ? sent : (tally?.tracked ?? 0);
    return { index, sent, events, base, rate: base > 0 ? events / base : 0 };
  });
  const total = variants.reduce((sum, variant) => sum + variant.events, 0);
  const ranked = [...variants].sort((a, b) => b.rate - a.rate || a.index - b.index);
  const outcome = total < MIN_DECISION_EVENTS ? 'too-few' : ranked[0]!.rate === ranked[1]?.rate ? 'tie' : 'winner';
  return {
    decidedAt: input.decidedAt.toISOString(),
    metric: input.metric,
    outcome,
    winner: outcome === 'winner' ? ranked[0]!.index : null,
    minimumEvents: MIN_DECISION_EVENTS,
    variants,
  };
}

/** The test's figures: analytics_variants rows of step 0 (its primary key: at most five rows). */
export async function testTallies(db: Database, campaignId: string): Promise<VariantTally[]> {
  return db
    .select({
      variant: analyticsVariants.variant,
      sent: analyticsVariants.sent,
      tracked: analyticsVariants.tracked,
      replied: analyticsVariants.replied,
      humanClicks: analyticsVariants.humanClicks,
      lastSentAt: analyticsVariants.lastSentAt,
    })
    .from(analyticsVariants)
    .where(and(eq(analyticsVariants.campaignId, campaignId), eq(analyticsVariants.step, 0)));
}

/** When the test's last message left (null: none has). */
export const lastTestSendAt = (tallies: readonly VariantTally[]) =>
  tallies.reduce<Date | null>((latest, row) => (row.lastSentAt && (!latest || row.lastSentAt > latest) ? row.lastSentAt : latest), null);

/**
 * Whether a test message (a first message with its variant) is still queued or being sent: then the
 * test is not over. send_jobs_due (status, campaign_id, due_at) serves it below AB_HELD_DUE_AT, so
 * the held jobs are never walked; what it reads are the campaign's queued messages other than held
 * ones (the test's own and its follow-ups), and it runs only once the wait has passed.
 */
export async function testStillSending(db: Database, campaignId: string): Promise<boolean> {
  const rows = await db.all(sql`SELECT 1 FROM send_jobs WHERE status IN ('queued', 'sending') AND campaign_id = ${campaignId}
    AND due_at < ${AB_HELD_DUE_AT} AND step = 0 AND variant IS NOT NULL LIMIT 1`);
  return rows.length > 0;
}

/** Whether any first message still waits for the decision (one step of send_jobs_due: held jobs share one due time). */
export async function heldJobsRemain(db: Database, campaignId: string): Promise<boolean> {
  const rows = await db.all(sql`SELECT 1 FROM send_jobs WHERE status = 'queued' AND campaign_id = ${campaignId} AND due_at = ${AB_HELD_DUE_AT} LIMIT 1`);
  return rows.length > 0;
}

/**
 * When the decision is due: `waitHours` after the test's last message, once none is left to send;
 * null while the test is still sending. No message of the test sent at all (every one skipped or
 * failed): now, there is nothing to wait for.
 */
export async function decisionDueAt(db: Database, campaign: { id: string; abTest: { waitHours: number } }, now: Date): Promise<Date | null> {
  if (await testStillSending(db, campaign.id)) return null;
  const last = lastTestSendAt(await testTallies(db, campaign.id));
  return last ? new Date(last.getTime() + campaign.abTest.waitHours * 3_600_000) : now;
}

/**
 * Decides the campaign's A/B test when it is due (see decisionDueAt), and writes the decision once:
 * `UPDATE … WHERE ab_decision IS NULL` while the campaign is sending, so of two schedulers only one
 * writes it. Answers the decision written, or null (not due yet, or another scheduler wrote it).
 * Per tick and campaign before the wait has passed: one primary-key read of at most five rows.
 */
export async function decideIfDue(
  db: Database,
  campaign: { id: string; abTest: { metric: AbMetric; waitHours: number }; variantCount: number },
  now: Date,
): Promise<AbDecision | null> {
  const waitOver = (tallies: readonly VariantTally[]) => {
    const last = lastTestSendAt(tallies);
    return !last || last.getTime() + campaign.abTest.waitHours * 3_600_000 <= now.getTime();
  };
  // The cheap read first (every tick while the wait runs), then whether the test still sends. The
  // figures are read again after that: a test message another scheduler sent between the two reads
  // has its own wait and its replies.
  if (!waitOver(await testTallies(db, campaign.id))) return null;
  if (await testStillSending(db, campaign.id)) return null;
  const tallies = await testTallies(db, campaign.id);
  if (!waitOver(tallies)) return null;
  const decision = pickWinner({ tallies, variantCount: campaign.variantCount, metric: campaign.abTest.metric, decidedAt: now });
  const written = await db
    .update(campaigns)
    .set({ abDecision: decision, updatedAt: now })
    .where(and(eq(campaigns.id, campaign.id), isNull(campaigns.abDecision), eq(campaigns.status, 'sending')))
    .returning({ id: campaigns.id });
  return written.length === 1 ? decision : null;
}

/**
 * Until when the rest of a campaign waits for its A/B test (the 'ab-test' waiting reason): first
 * messages are held, the test's own are all out, and the decision is due `waitHours` after the last
 * of them (or now, when it is due and the next tick takes it). null: no test, already decided,
 * nothing held, or the test is still sending (then the campaign is not waiting on the test).
 */
export async function abTestWaitsUntil(
  db: Database,
  campaign: { id: string; variants: readonly unknown[]; abTest: { waitHours: number } | null; abDecision: unknown },
  now: Date,
): Promise<Date | null> {
  if (!campaign.abTest || campaign.abDecision || variantCountOf(campaign.variants) < 2) return null;
  if (!(await heldJobsRemain(db, campaign.id))) return null;
  const due = await decisionDueAt(db, { id: campaign.id, abTest: campaign.abTest }, now);
  return due && (due > now ? due : now);
}
