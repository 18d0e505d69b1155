import { variantLetter } from '../../../shared/schemas/variants';
import type { Preflight, PreflightBlocker, PreflightTracking, PreflightWarning } from '../../../shared/schemas/launch';
import { abTestShare, variantCountOf } from '../variants/variant-split';
import { compileStepTemplates } from './campaign-templates';
import type { CampaignRow } from './campaign-store';

/** Under this many test recipients per variant, a reply or two picks the winner: the preflight says so. */
export const AB_TEST_SMALL = 5;

type Campaign = Pick<CampaignRow, 'subject' | 'html' | 'text' | 'variants' | 'abTest' | 'followUps' | 'trackClicks'>;

/**
 * The merge fields the first message needs, over every one of its A/B variants (issue 18): which
 * variant a recipient gets is decided at launch (and, with a test, only with the winner), so a
 * field any of them needs is needed.
 */
export function firstMessageRequiredFields(campaign: Campaign): string[] {
  const variants = campaign.variants.slice(1).map((variant) => ({ subject: variant.subject, html: variant.html, text: null }));
  return [...new Set([campaign, ...variants].flatMap((templates) => compileStepTemplates(templates).requiredFields))];
}

/**
 * Every message the campaign can send, variants included, as steps: for the largest-message check
 * (backend/src/attachments/campaign-size.ts), so the largest variant is the one measured.
 */
export function everyVariantAsSteps<C extends Campaign>(campaign: C): C {
  const firstVariants = campaign.variants.slice(1).map((variant) => ({ delayHours: 0, condition: 'always' as const, subject: variant.subject, html: variant.html, variants: [] }));
  const followUpVariants = campaign.followUps.flatMap((step) => (step.variants ?? []).slice(1).map((variant) => ({ ...step, subject: variant.subject, html: variant.html, variants: [] })));
  return { ...campaign, followUps: [...campaign.followUps, ...firstVariants, ...followUpVariants] };
}

/**
 * The preflight's A/B part: a variant without subject or body blocks (`variant-empty`); a test
 * judged by clicks when clicks are not tracked blocks (`ab-clicks-untracked`: it could only ever
 * say 'too-few'); a test giving a variant fewer than AB_TEST_SMALL recipients warns (`ab-test-small`).
 * `variants`: how many the first message has, and how many of the `sendable` recipients the test
 * splits and how many wait for its winner (backend/src/variants/variant-split.ts's rule).
 */
export function preflightVariants(
  campaign: Campaign,
  sendable: number,
  tracking: PreflightTracking,
): { blockers: PreflightBlocker[]; warnings: PreflightWarning[]; variants: Preflight['variants'] } {
  const blockers = emptyVariants(campaign);
  const warnings: PreflightWarning[] = [];
  const count = variantCountOf(campaign.variants);
  if (count === 0) return { blockers, warnings, variants: undefined };
  const abTest = campaign.abTest;
  const testRecipients = abTest ? abTestShare(sendable, abTest.testPercent) : sendable;
  if (abTest?.metric === 'clicks' && (!campaign.trackClicks || tracking.mode === 'off' || (sendable > 0 && tracking.tracked === 0))) {
    blockers.push({
      code: 'ab-clicks-untracked',
      message: 'The A/B test picks its winner by clicks, but no clicks will be tracked. Track clicks, or pick the winner by replies.',
    });
  }
  // The test's j-th recipient gets variant j mod count: the smallest share is floor(test / count).
  const smallest = Math.floor(testRecipients / count);
  if (abTest && sendable > 0 && smallest < AB_TEST_SMALL) {
    warnings.push({
      code: 'ab-test-small',
      message: `The A/B test sends to ${recipientsWord(testRecipients)} of ${sendable}, as few as ${smallest} per variant: with fewer than ${AB_TEST_SMALL} a reply or two decides the winner. Raise the test share or add recipients.`,
    });
  }
  return { blockers, warnings, variants: { count, testRecipients, waitingForWinner: sendable - testRecipients } };
}

/** Each variant with an empty subject or body, named by its letter (variant A of the first message is `no-subject`/`no-body`). */
function emptyVariants(campaign: Campaign): PreflightBlocker[] {
  const blockers: PreflightBlocker[] = [];
  campaign.variants.forEach((variant, index) => {
    if (index === 0) return;
    const empty = [...(variant.subject.trim() ? [] : ['subject']), ...(variant.html.trim() ? [] : ['message'])];
    if (empty.length > 0) blockers.push({ code: 'variant-empty', message: `Variant ${variantLetter(index)} has no ${empty.join(' and no ')}: write it, or remove the variant.` });
  });
  campaign.followUps.forEach((step, stepIndex) => {
    (step.variants ?? []).forEach((variant, index) => {
      if (!variant.html.trim()) {
        blockers.push({ code: 'variant-empty', message: `Follow-up ${stepIndex + 1}, variant ${variantLetter(index)} has no message: write it, or remove the variant.` });
      }
    });
  });
  return blockers;
}

function recipientsWord(count: number): string {
  return new Intl.PluralRules('en').select(count) === 'one' ? `${count} recipient` : `${count} recipients`;
}
