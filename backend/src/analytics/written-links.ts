import { linkifyBareUrls } from '../../../shared/merge';
import type { CampaignRow } from '../campaigns/campaign-store';
import { findLinksAsWritten } from '../sending/message';

/**
 * Each step's links as the author wrote them, merge tags kept (`https://x.test/offer?c={{company}}`),
 * by the index the click token carries. The step's template is the one its messages were built from:
 * bare URLs become links first, as compileStepTemplates does for sending, and a step's body cannot
 * change once it has started sending (shared/schemas/campaign-editability.ts), so index N of a click
 * is link N here.
 *
 * @example linksAsWritten(campaign)(1) // the first follow-up's links
 */
export function linksAsWritten(campaign: Pick<CampaignRow, 'html' | 'followUps'>): (step: number) => readonly string[] {
  const cache = new Map<number, readonly string[]>();
  return (step) => {
    let links = cache.get(step);
    if (!links) {
      const html = step === 0 ? campaign.html : campaign.followUps[step - 1]?.html;
      links = html === undefined ? [] : findLinksAsWritten(linkifyBareUrls(html));
      cache.set(step, links);
    }
    return links;
  };
}
