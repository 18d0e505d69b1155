/**
 * Where the focus goes when a campaign opens (issue 14, Keyboard): after Create, the new campaign's
 * name field (the user is about to name and write it); after Open, the campaign's heading, so a
 * screen reader says which campaign is on screen and Tab goes on from there.
 *
 * The list asks before it opens the campaign; the campaign screen takes the answer once, when the
 * campaign is on screen. One pending request at most: a later open replaces it.
 */

export type OpenFocus = 'name' | 'heading';

let pending: { campaignId: string; target: OpenFocus } | null = null;

export function focusOnOpen(campaignId: string, target: OpenFocus): void {
  pending = { campaignId, target };
}

/** What was asked for `campaignId` (forgotten once taken); the heading when nothing was. */
export function takeOpenFocus(campaignId: string): OpenFocus {
  const asked = pending?.campaignId === campaignId ? pending.target : 'heading';
  pending = null;
  return asked;
}
