import type { AbDecision, AbTest, Variant } from '../../../shared/schemas/variants';
import type { Database } from '../db/database';
import { decideIfDue, heldJobsRemain } from './pick-winner';
import { releaseHeldJobs } from './release-held';
import { variantCountOf } from './variant-split';

type AbCampaign = { id: string; variants: Variant[]; abTest: AbTest | null; abDecision: AbDecision | null };

/**
 * The scheduler's part of A/B tests, once per tick (Node timer and Workers cron alike) for the
 * sending campaigns: a test whose wait is over is decided (written once), and the held first
 * messages of a decided one are released (finishing a release a crash cut short). Per campaign and
 * tick: a primary-key read of its test figures while it waits, one index step once decided.
 * Paused campaigns are not passed in: they decide once sending again. `campaign.abDecision` is set
 * on the row passed in when this tick decides. Answers the campaigns this tick decided (written by it).
 */
export async function advanceAbTests(db: Database, sending: AbCampaign[], now: Date): Promise<string[]> {
  const decided: string[] = [];
  for (const campaign of sending) {
    const variantCount = variantCountOf(campaign.variants);
    if (!campaign.abTest || variantCount < 2) continue;
    if (campaign.abDecision) {
      if (await heldJobsRemain(db, campaign.id)) await releaseHeldJobs(db, { id: campaign.id, variantCount }, campaign.abDecision);
      continue;
    }
    const decision = await decideIfDue(db, { id: campaign.id, abTest: campaign.abTest, variantCount }, now);
    if (!decision) continue;
    campaign.abDecision = decision;
    decided.push(campaign.id);
    await releaseHeldJobs(db, { id: campaign.id, variantCount }, decision);
  }
  return decided;
}
