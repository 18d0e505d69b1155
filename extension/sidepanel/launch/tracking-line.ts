import type { PreflightTracking } from '../../../shared/schemas/launch';
import { formatCount, formatPlural } from '../format';

/**
 * Who the launch would track, in one line (issue 16): "Opens and clicks tracked for 2 of 3
 * recipients (1 without consent in “Tracking consent”, 0 asked not to be tracked)". `counts` is
 * what the campaign counts; `sendable` the recipients the first message goes to.
 */
export function trackingLine(tracking: PreflightTracking, counts: { opens: boolean; clicks: boolean }, sendable: number): string {
  if (tracking.mode === 'off') return 'Tracking is off on this server: no pixel, links untouched';
  if (!counts.opens && !counts.clicks) return 'This campaign counts neither opens nor clicks: no pixel, links untouched';
  if (tracking.mode === 'consent' && tracking.consentField === null) {
    return 'No one will be tracked: this server needs a consent column (TRACKING=consent)';
  }
  const what = counts.opens && counts.clicks ? 'Opens and clicks' : counts.opens ? 'Opens' : 'Clicks';
  const why = [`${formatCount(tracking.optedOut)} asked not to be tracked`];
  if (tracking.consentField !== null) why.unshift(`${formatCount(tracking.withoutConsent)} without consent in “${tracking.consentField}”`);
  return `${what} tracked for ${formatCount(tracking.tracked)} of ${formatPlural(sendable, { one: 'recipient', other: 'recipients' })} (${why.join(', ')})`;
}
