import type { PreflightRecipientTimeZones, PreflightWarning } from '../../../shared/schemas/launch';
import { yieldToEventLoop } from '../lib/yield-to-event-loop';
import { recipientZone } from '../schedule';
import type { CampaignRow } from './campaign-store';

/** Recipients read between two yields to the event loop. */
const YIELD_EVERY = 2_000;

/**
 * The preflight's time zone part (issue 18), by the engine's own rule (schedule/recipient-zone.ts):
 * how many sendable recipients fall back to the campaign's zone, how many zones the list uses, and
 * each zone's count for the finish estimate (preflight-timing.ts). null without the field.
 */
export async function preflightZones(
  campaign: CampaignRow,
  sendable: readonly { fields: Readonly<Record<string, string>> }[],
): Promise<{ recipientTimeZones: PreflightRecipientTimeZones; byZone: Map<string, number>; warnings: PreflightWarning[] } | null> {
  const field = campaign.schedule.recipientTimeZoneField;
  if (!field) return null;
  const byZone = new Map<string, number>();
  let fallback = 0;
  for (const [index, recipient] of sendable.entries()) {
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
    const { zone, fellBack } = recipientZone(campaign.schedule, recipient.fields);
    if (fellBack) fallback++;
    byZone.set(zone, (byZone.get(zone) ?? 0) + 1);
  }
  const warnings: PreflightWarning[] = [];
  if (fallback > 0) {
    warnings.push({
      code: 'time-zone-fallback',
      message: `${fallback} recipient(s) have no valid time zone in “${field}” (an IANA zone such as Europe/Madrid, or an offset such as +02:00): they will get the message in the campaign's hours in ${campaign.schedule.timezone}.`,
    });
  }
  return { recipientTimeZones: { field, fallback, zones: byZone.size }, byZone, warnings };
}
