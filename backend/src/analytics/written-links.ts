import { linkifyBareUrls } from '../../../shared/merge';
import type { CampaignRow } from '../campaigns/campaign-store';
import { findLinksAsWritten } from '../sending/message';
import { stepLinkBodies } from '../sending/variant-content';

type Campaign = Pick<CampaignRow, 'html' | 'followUps'> & Partial<Pick<CampaignRow, 'variants'>>;

/** A link as the author wrote it, and the A/B variant of its step it is written in (null: the step has no variants). */
export type WrittenLink = { url: string; variant: number | null };

/**
 * Each step's links as the author wrote them, merge tags kept (`https://x.test/offer?c={{company}}`),
 * by the index the click token carries. The step's template is the one its messages were built from:
 * bare URLs become links first, as compileStepTemplates does for sending, and a step's body cannot
 * change once it has started sending (shared/schemas/campaign-editability.ts), so index N of a click
 * is link N here. In a step with A/B variants the indexes run on through its variants (variant B's
 * first link comes after variant A's last, sending/variant-content.ts), so each index names one link
 * of one variant.
 *
 * @example linksWithVariants(campaign)(0)[3] // { url: 'https://x.test/b', variant: 1 }
 */
export function linksWithVariants(campaign: Campaign): (step: number) => readonly WrittenLink[] {
  const cache = new Map<number, readonly WrittenLink[]>();
  return (step) => {
    let links = cache.get(step);
    if (!links) {
      links = stepLinkBodies(campaign, step).flatMap(({ html, variant }) => findLinksAsWritten(linkifyBareUrls(html)).map((url) => ({ url, variant })));
      cache.set(step, links);
    }
    return links;
  };
}

/** The URLs alone, by index (see linksWithVariants). @example linksAsWritten(campaign)(1) // the first follow-up's links */
export function linksAsWritten(campaign: Campaign): (step: number) => readonly string[] {
  const withVariants = linksWithVariants(campaign);
  const cache = new Map<number, readonly string[]>();
  return (step) => {
    let urls = cache.get(step);
    if (!urls) cache.set(step, (urls = withVariants(step).map((link) => link.url)));
    return urls;
  };
}

/** The link a click of `step` with `linkIndex` went through, as written, and its variant; null: no such link in the template. */
export function writtenLinkAt(campaign: Campaign): (step: number, linkIndex: number) => WrittenLink | null {
  const withVariants = linksWithVariants(campaign);
  return (step, linkIndex) => withVariants(step)[linkIndex] ?? null;
}
