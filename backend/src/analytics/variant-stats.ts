import type { VariantStats } from '../../../shared/schemas/analytics';
import { followUpSubject } from '../campaigns/follow-up-subject';
import type { CampaignRow } from '../campaigns/campaign-store';
import type { analyticsVariants } from '../db/schema';
import { rateOf } from './rate-of';

export type VariantCounterRow = Omit<typeof analyticsVariants.$inferSelect, 'campaignId' | 'lastSentAt'>;

/** Shown for a follow-up variant without its own subject when the first message had several: each recipient's differs. */
export const RE_FIRST_SUBJECTS = 'Re: (the subject of their first message)';

/**
 * The A/B variants of each step (issue 18) as `GET /api/campaigns/:id/stats` answers them, from the
 * analytics_variants counters (migration 0012): every variant the step is written with, in order,
 * zeros for one not sent yet, plus any the counters hold beyond them. A step without variants: [].
 * Rates as the campaign's: replies of `sent`, people's opens and clicks of `tracked`.
 *
 * @example variantStats(campaign, rows)(0) // [{ index: 0, subject: 'Hello', sent: 50, … winner: false }, …]
 */
export function variantStats(
  campaign: Pick<CampaignRow, 'subject' | 'variants' | 'followUps' | 'abDecision'>,
  rows: readonly VariantCounterRow[],
): (step: number) => VariantStats[] {
  const firstHasVariants = (campaign.variants ?? []).length > 0;
  const subjectOf = (step: number, index: number): string => {
    if (step === 0) return campaign.variants?.[index]?.subject ?? campaign.subject;
    const followUp = campaign.followUps[step - 1];
    const own = followUp?.variants?.[index]?.subject ?? (index === 0 ? followUp?.subject : null) ?? null;
    if (own !== null) return own;
    // The engine says "Re: " + the subject this recipient's first message had (A/B RULES), one per first variant.
    return firstHasVariants ? RE_FIRST_SUBJECTS : followUpSubject(campaign.subject, null);
  };
  const written = (step: number) => (step === 0 ? (campaign.variants ?? []).length : (campaign.followUps[step - 1]?.variants ?? []).length);
  const decision = campaign.abDecision;

  return (step) => {
    const counted = rows.filter((row) => row.step === step);
    const count = Math.max(written(step), ...counted.map((row) => row.variant + 1));
    return Array.from({ length: count }, (_, index) => {
      const row = counted.find((r) => r.variant === index);
      const n = { sent: 0, tracked: 0, replied: 0, humanOpens: 0, humanClicks: 0, bounced: 0, unsubscribed: 0, ...(row && stripKeys(row)) };
      return {
        index,
        subject: subjectOf(step, index),
        ...n,
        rates: { replied: rateOf(n.replied, n.sent), openedByPeople: rateOf(n.humanOpens, n.tracked), clickedByPeople: rateOf(n.humanClicks, n.tracked) },
        winner: step === 0 && decision?.outcome === 'winner' && decision.winner === index,
      };
    });
  };
}

const stripKeys = ({ step: _step, variant: _variant, ...counts }: VariantCounterRow) => counts;
