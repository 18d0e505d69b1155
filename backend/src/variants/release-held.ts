import { sql } from 'drizzle-orm';
import type { AbDecision } from '../../../shared/schemas/variants';
import type { Database } from '../db/database';
import { yieldToEventLoop } from '../lib/yield-to-event-loop';
import { AB_HELD_DUE_AT } from './variant-split';

/** Held jobs released per statement: a short write each, as the launch writes its slices. */
export const RELEASE_SLICE = 1000;

/**
 * Sends the held first messages of a decided A/B test: each gets the winner (or, after a tie or too
 * few events, its even share: split key mod the variant count) and is due at the decision. A slice
 * at a time, each statement picking still-held jobs only (send_jobs_due, due_at = AB_HELD_DUE_AT),
 * (the jobs then by their key: a condition on the outer UPDATE made SQLite walk every queued job instead),
 * so a crash between slices leaves the rest held and the next tick (heldJobsRemain) finishes them;
 * two schedulers releasing at once write the same values to different jobs, and a released job is
 * then claimed once like any other.
 *
 * @returns the number of jobs released.
 */
export async function releaseHeldJobs(db: Database, campaign: { id: string; variantCount: number }, decision: AbDecision): Promise<number> {
  const n = Math.max(1, Math.trunc(campaign.variantCount));
  const variant = decision.outcome === 'winner' && decision.winner !== null ? sql`${Math.trunc(decision.winner)}` : sql.raw(`coalesce(split_key, recipient_id) % ${n}`);
  const dueAt = new Date(decision.decidedAt).getTime();
  let released = 0;
  for (;;) {
    const result = await db.run(sql`UPDATE send_jobs SET variant = ${variant}, due_at = ${dueAt}
      WHERE id IN (SELECT id FROM send_jobs WHERE status = 'queued' AND campaign_id = ${campaign.id} AND due_at = ${AB_HELD_DUE_AT} LIMIT ${RELEASE_SLICE})`);
    released += result.rowsAffected;
    if (result.rowsAffected < RELEASE_SLICE) return released;
    await yieldToEventLoop();
  }
}
