import { linkifyBareUrls } from '../../../shared/merge';
import type { CampaignRow } from '../campaigns/campaign-store';
import { firstMessageSubject, stepVariant } from '../campaigns/step-variant';
import { followUpVariant, variantCountOf } from '../variants/variant-split';
import { findLinksAsWritten } from './message';

/** What a step's message is built from for one variant: the templates' source and where its links' indexes start. */
export type VariantContent = {
  /** The variant sent (stored on the job when it is marked sent); null: the step has no variants. */
  variant: number | null;
  subject: string;
  html: string;
  /** The first message's own plain text (variant A only); null: derived from the HTML. */
  text: string | null;
  /** A follow-up without its own subject goes in the thread of the first message. */
  inThread: boolean;
  /** Index of this variant's first link: a step's links run on through its variants (variant-split rules). */
  linkOffset: number;
};

type Campaign = Pick<CampaignRow, 'subject' | 'html' | 'text' | 'variants' | 'followUps'>;
type Job = { step: number; variant: number | null; splitKey: number | null; recipientId: number };

/**
 * The content a job sends (issue 18). The first message: the variant stored at launch (or at the
 * test's decision); a follow-up with variants: split key mod its variant count, decided now, so an
 * edit of a follow-up that has not started counts. A follow-up without its own subject is
 * "Re: " + the subject of the variant this recipient's first message had (`firstVariant`).
 * Variant A is always the step's own subject and body; variant A of the first message keeps its
 * own plain text, the others derive theirs from the HTML.
 */
export function variantContent(campaign: Campaign, job: Job, firstVariant: number | null): VariantContent {
  const step = job.step === 0 ? null : campaign.followUps[job.step - 1]!;
  const variants = (step ? step.variants : campaign.variants) ?? [];
  const count = variantCountOf(variants);
  // The first message's was stored at launch (or at the test's decision); a follow-up's is decided now.
  // Jobs queued before variants existed carry no split key: the recipient's id spreads them as evenly.
  const wanted = count < 2 ? null : step ? followUpVariant(job.splitKey ?? job.recipientId, count) : (job.variant ?? 0);
  // The templates as the preview and the test send show them (campaigns/step-variant.ts); a variant
  // out of range (never written so) is sent as A.
  const firstSubject = firstMessageSubject(campaign, firstVariant);
  let chosen = stepVariant(campaign, job.step, wanted ?? 0, firstSubject);
  let variant = wanted;
  if (!chosen.ok) {
    chosen = stepVariant(campaign, job.step, 0, firstSubject);
    variant = 0;
  }
  if (!chosen.ok) throw new Error(`Step ${job.step} of the campaign is gone`);
  // A variant's own subject, null included (null: "Re: …" in the thread), never A's in its place.
  const ownSubject = step ? (((variant ? variants[variant] : undefined) ?? step).subject ?? null) : null;
  return {
    variant,
    ...chosen.templates,
    inThread: step !== null && ownSubject === null,
    linkOffset: variant ? cachedLinkOffset(variants, () => stepLinkBodies(campaign, job.step).map((body) => body.html), variant) : 0,
  };
}

/**
 * A step's bodies in link order: variant A (the step's own body), then B, C…; one body (variant
 * null) without variants. The one order for both sides of a click: the indexes sending gives a
 * variant's links start after the links of the bodies before it, and analytics/written-links.ts
 * reads an index back through the same list.
 */
export function stepLinkBodies(
  campaign: Pick<CampaignRow, 'html' | 'followUps'> & Partial<Pick<CampaignRow, 'variants'>>,
  step: number,
): { html: string; variant: number | null }[] {
  const own = step === 0 ? campaign.html : campaign.followUps[step - 1]?.html;
  if (own === undefined) return [];
  const variants = (step === 0 ? campaign.variants : campaign.followUps[step - 1]?.variants) ?? [];
  if (variants.length < 2) return [{ html: own, variant: null }];
  return [{ html: own, variant: 0 }, ...variants.slice(1).map((variant, index) => ({ html: variant.html, variant: index + 1 }))];
}

/**
 * How many links the variants before `variant` hold, as the author wrote them (bare URLs linked
 * first, as compileStepTemplates does): analytics/written-links.ts reads clicks back the same way.
 */
export function linkOffset(htmls: readonly string[], variant: number): number {
  let offset = 0;
  for (let index = 0; index < variant && index < htmls.length; index++) offset += findLinksAsWritten(linkifyBareUrls(htmls[index]!)).length;
  return offset;
}

/** Offsets per variants list: the campaign row is read anew each tick, so this lasts a tick (no scan per message). */
const offsetsByList = new WeakMap<object, Map<number, number>>();

function cachedLinkOffset(list: object, htmls: () => readonly string[], variant: number): number {
  let offsets = offsetsByList.get(list);
  if (!offsets) offsetsByList.set(list, (offsets = new Map()));
  let offset = offsets.get(variant);
  if (offset === undefined) offsets.set(variant, (offset = linkOffset(htmls(), variant)));
  return offset;
}
