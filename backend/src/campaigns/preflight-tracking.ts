import { normaliseFieldName, normaliseFields } from '../../../shared/merge';
import type { PreflightTracking, PreflightWarning } from '../../../shared/schemas/launch';
import type { AppDeps } from '../deps';
import { hashAddresses } from '../lib/address-hash';
import { trackingOptOutHashes } from '../tracking/opt-out';
import { campaignTracking, hasConsent } from '../tracking/tracking-decision';
import type { CampaignRow } from './campaign-store';
import { postalAddressOf } from './sender-postal-address';
import { yieldToEventLoop } from '../lib/yield-to-event-loop';

/** Recipients judged between two yields to the event loop. */
const YIELD_EVERY = 2_000;

type SendableRecipient = { email: string; fields: Readonly<Record<string, string>> };

/**
 * The preflight's tracking part: of the recipients who will get the message, how many will be
 * tracked, how many lack consent and how many opted out, by the engine's own rule
 * (tracking/tracking-decision.ts); and the warnings that go with it, including a missing postal address.
 */
export async function preflightTracking(
  deps: Pick<AppDeps, 'db' | 'config'>,
  campaign: CampaignRow,
  sendable: readonly SendableRecipient[],
): Promise<{ tracking: PreflightTracking; warnings: PreflightWarning[] }> {
  const mode = deps.config.tracking;
  const countsAnything = mode !== 'off' && (campaign.trackOpens || campaign.trackClicks);
  const policy = campaignTracking(mode, campaign);
  const tracking: PreflightTracking = { mode, consentField: campaign.trackingConsentField, tracked: 0, withoutConsent: 0, optedOut: 0 };
  if (policy) {
    const consenting: SendableRecipient[] = [];
    for (const [index, recipient] of sendable.entries()) {
      // Over 100,000 recipients: let other requests in between (issue 17, nothing blocks the event loop).
      if (index % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
      if (hasConsent(policy, normaliseFields(recipient.fields))) consenting.push(recipient);
    }
    tracking.withoutConsent = sendable.length - consenting.length;
    const optedOut = await trackingOptOutHashes(deps.db, campaign.userId);
    // Hashing a whole list costs a little: only when this user has opt-outs at all.
    if (optedOut.size > 0 && consenting.length > 0) {
      const hashes = await hashAddresses(deps.config.authSecret, campaign.userId, consenting.map((recipient) => recipient.email));
      tracking.optedOut = hashes.filter((hash) => optedOut.has(hash)).length;
    }
    tracking.tracked = consenting.length - tracking.optedOut;
  } else if (countsAnything) {
    // TRACKING=consent and no consent field: nobody said yes.
    tracking.withoutConsent = sendable.length;
  }

  const warnings: PreflightWarning[] = [];
  if (countsAnything && mode === 'consent' && campaign.trackingConsentField === null) {
    warnings.push({
      code: 'tracking-consent-required',
      message: 'This server tracks only recipients who said yes to tracking (TRACKING=consent), and this campaign names no consent column: nobody will be tracked. Pick the column that records consent.',
    });
  }
  const field = campaign.trackingConsentField;
  if (countsAnything && field !== null && !campaign.fields.some((name) => normaliseFieldName(name) === normaliseFieldName(field))) {
    warnings.push({
      code: 'consent-field-unknown',
      message: `No imported column is named “${field}”, so nobody will be tracked. Pick the consent column again, or none.`,
    });
  }
  if (sendable.length > 0 && (await postalAddressOf(deps.db, campaign.userId)) === null) {
    warnings.push({ code: 'postal-address-missing', message: "Add your postal address under Privacy settings on the dashboard’s Account page: commercial mail must show it (CAN-SPAM)." });
  }
  return { tracking, warnings };
}
