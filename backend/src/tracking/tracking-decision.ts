import { normaliseFieldName, type NormalisedFields } from '../../../shared/merge';
import { meansConsent } from '../../../shared/lib/tracking-consent';
import type { Config } from '../config/config';

/**
 * Who gets the open pixel and tracked links (issue 16; CNIL's 2026-04-14 recommendation asks for
 * the recipient's prior consent). The rule lives here, not in sending/, because the preflight
 * (campaigns/) counts with it too. Three layers, each able only to turn tracking off:
 * - the operator's TRACKING: `off` never tracks on this server, `consent` tracks only recipients
 *   whose campaign consent field says yes (a campaign without one tracks nobody), `on` follows the campaign;
 * - the campaign: what it counts (opens, clicks) and its consent field, if it names one;
 * - the person: an address that asked this user not to track it (tracking/opt-out.ts) never is.
 * An untracked recipient gets the same message with its links untouched and no pixel.
 */
export type CampaignTracking = {
  opens: boolean;
  clicks: boolean;
  /** The consent field's normalised name (as merge tags compare them); null: no consent needed. */
  consentField: string | null;
};

/** What this campaign may track at all on this server; null: nothing, for anyone. */
export function campaignTracking(
  mode: Config['tracking'],
  campaign: { trackOpens: boolean; trackClicks: boolean; trackingConsentField: string | null },
): CampaignTracking | null {
  if (mode === 'off' || (!campaign.trackOpens && !campaign.trackClicks)) return null;
  const field = campaign.trackingConsentField === null ? '' : normaliseFieldName(campaign.trackingConsentField);
  if (field === '') return mode === 'consent' ? null : { opens: campaign.trackOpens, clicks: campaign.trackClicks, consentField: null };
  return { opens: campaign.trackOpens, clicks: campaign.trackClicks, consentField: field };
}

/** Why a recipient is not tracked, or null when they are. `optedOut` is asked only when the rest allows tracking. */
export type UntrackedReason = 'campaign' | 'no-consent' | 'opted-out';

/**
 * Whether this recipient is tracked. `isOptedOut` costs a keyed hash and a lookup, so it runs last,
 * and only for someone who would otherwise be tracked.
 */
export async function recipientTracking(
  policy: CampaignTracking | null,
  fields: NormalisedFields,
  isOptedOut: () => Promise<boolean>,
): Promise<UntrackedReason | null> {
  if (policy === null) return 'campaign';
  if (!hasConsent(policy, fields)) return 'no-consent';
  if (await isOptedOut()) return 'opted-out';
  return null;
}

/** True when the campaign needs no consent, or this recipient's consent field means yes. */
export function hasConsent(policy: CampaignTracking, fields: NormalisedFields): boolean {
  return policy.consentField === null || meansConsent(fields.get(policy.consentField));
}
