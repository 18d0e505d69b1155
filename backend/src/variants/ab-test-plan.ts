import { sql } from 'drizzle-orm';
import type { AbDecision, AbTest } from '../../../shared/schemas/variants';
import type { Database } from '../db/database';
import { decisionDueAt } from './pick-winner';
import { AB_HELD_DUE_AT, abTestShare, variantCountOf } from './variant-split';

type AbCampaign = { id: string; variants: readonly unknown[]; abTest: AbTest | null; abDecision: AbDecision | null };
/** The A/B part of the finish estimate's input (schedule/send-plan.ts `SendPlanInput`: firstMessages and abTest). */
export type AbTestPlan = { firstMessages: number; abTest?: { held: number; waitHours: number; decisionAtMs?: number | null } };

/**
 * Before launch (the preflight's estimate): of `sendable` first messages, the test's share goes
 * first and the rest waits for the decision. Without a test: all of them, as before.
 */
export function abTestPlanBeforeLaunch(campaign: Pick<AbCampaign, 'variants' | 'abTest'>, sendable: number): AbTestPlan {
  if (!campaign.abTest || variantCountOf(campaign.variants) < 2 || sendable <= 0) return { firstMessages: sendable };
  const test = abTestShare(sendable, campaign.abTest.testPercent);
  return { firstMessages: test, abTest: { held: sendable - test, waitHours: campaign.abTest.waitHours } };
}

/**
 * A launched campaign (progress): of the `firstLeft` first messages queued or in flight, those held
 * for the decision (counted on send_jobs_due: they share one due time), and when the decision is due
 * if the test is already out.
 */
export async function abTestPlanLaunched(db: Database, campaign: AbCampaign, now: Date, firstLeft: number): Promise<AbTestPlan> {
  if (!campaign.abTest || campaign.abDecision || variantCountOf(campaign.variants) < 2) return { firstMessages: firstLeft };
  const [row] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM send_jobs WHERE status = 'queued' AND campaign_id = ${campaign.id} AND due_at = ${AB_HELD_DUE_AT}`);
  const held = Math.min(row?.n ?? 0, firstLeft);
  if (held === 0) return { firstMessages: firstLeft };
  const testLeft = firstLeft - held;
  const decisionAt = testLeft > 0 ? null : await decisionDueAt(db, { id: campaign.id, abTest: campaign.abTest }, now);
  return { firstMessages: testLeft, abTest: { held, waitHours: campaign.abTest.waitHours, decisionAtMs: decisionAt?.getTime() ?? null } };
}
