import { sql } from 'drizzle-orm';
import { normaliseFieldName } from '../../../shared/merge';
import type { PreflightRecipientTimeZones, PreflightWarning } from '../../../shared/schemas/launch';
import type { Database } from '../db/database';
import { yieldToEventLoop } from '../lib/yield-to-event-loop';
import { recipientZone, type SendPlan } from '../schedule';
import type { CampaignRow } from './campaign-store';

/** Recipients read between two yields to the event loop. */
const YIELD_EVERY = 2_000;

/**
 * The finish estimate with per-recipient zones (issue 18), the preflight's (preflight-timing.ts)
 * and the progress's (progress.ts) alike: the plan is made once per zone as if every recipient
 * left were in it, and the estimate is the earliest first send and the latest ends among them. A
 * bound, not a forecast: the engine is never idle while some queued recipient's window is open, so
 * the last message, in zone Z, goes no later than the last of all messages sent in Z's windows
 * alone (accounts' limits and gaps as planned). It overstates when zones' windows overlap little.
 * The largest `ZONES_PLANNED` zones only: each plan costs a simulation of the whole list.
 */
export const ZONES_PLANNED = 8;

/**
 * The zones to plan in: the largest of `byZone` (recipients per zone), or the campaign's own.
 *
 * @example zonesToPlan(campaign.schedule, byZone).map((timezone) => planSends({ ...input, schedule: { ...campaign.schedule, timezone } }))
 */
export function zonesToPlan(schedule: Pick<CampaignRow['schedule'], 'timezone'>, byZone?: ReadonlyMap<string, number> | null): string[] {
  if (!byZone || byZone.size === 0) return [schedule.timezone];
  // Ties by name: the same list plans the same zones in the preflight and the progress.
  return [...byZone].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, ZONES_PLANNED).map(([zone]) => zone);
}

/** The earliest first send and the latest ends among the zones' plans; null when any zone's plan has no answer. */
export function boundOfZonePlans(plans: readonly (SendPlan | null)[]): SendPlan | null {
  if (plans.length === 0 || plans.some((plan) => plan === null)) return null;
  const known = plans as readonly SendPlan[];
  const latest = (dates: (Date | null)[]) => dates.reduce<Date | null>((max, date) => (date && (!max || date > max) ? date : max), null);
  return {
    firstSendAt: new Date(Math.min(...known.map((plan) => plan.firstSendAt.getTime()))),
    lastFirstMessageAt: latest(known.map((plan) => plan.lastFirstMessageAt)),
    lastMessageAt: latest(known.map((plan) => plan.lastMessageAt))!,
  };
}

/** Recipients grouped per statement (recipients_by_campaign finds each slice's end), with a pause between. */
const ZONE_SLICE_ROWS = 2_500;
/** More spellings of the column than this (a list imported with "Zone", "zone", "ZONE"...) are read row by row. */
const MAX_SPELLINGS = 4;

/**
 * How long a campaign's zone counts are reused while its version stays: the progress is asked every
 * few seconds while the panel is open, and the counts only rank the zones to plan (a minute late,
 * the ranking of a shrinking list is still the same list's).
 */
const ZONES_REUSED_MS = 60_000;
const ZONES_CACHED_MAX = 256;
const zoneCache = new Map<string, { version: number; at: number; byZone: Map<string, number> }>();

/**
 * {@link launchedCampaignZones}, reused for a minute per campaign version (this process only).
 *
 * @example const byZone = await recentCampaignZones(deps.db, campaign, deps.clock.now())
 */
export async function recentCampaignZones(db: Database, campaign: CampaignRow, now: Date): Promise<Map<string, number> | null> {
  if (!campaign.schedule.recipientTimeZoneField) return null;
  const hit = zoneCache.get(campaign.id);
  if (hit && hit.version === campaign.version && now.getTime() - hit.at < ZONES_REUSED_MS && now.getTime() >= hit.at) return hit.byZone;
  const byZone = (await launchedCampaignZones(db, campaign))!;
  zoneCache.delete(campaign.id);
  zoneCache.set(campaign.id, { version: campaign.version, at: now.getTime(), byZone });
  for (const id of zoneCache.keys()) {
    if (zoneCache.size <= ZONES_CACHED_MAX) break;
    zoneCache.delete(id);
  }
  return byZone;
}

/**
 * A launched campaign's recipients still to be written to, per zone by the engine's rule: those
 * waiting for the first message (`pending`) and, when it has follow-ups, those who had it (`sent`;
 * one who replied, bounced or unsubscribed gets nothing more). null without the field.
 *
 * The progress asks on every look at a campaign, so SQLite groups the rows by the column's values
 * (a list holds few distinct zones) a slice at a time, and only the groups go through the engine's
 * rule (`recipientZone`). The column is read under each spelling the campaign's imports used
 * (`campaign.fields`), as `recipientZone` matches names; values come back hex-encoded, so a stored
 * value that is not valid UTF-8 can never reach the driver (NOTES-TOOLING: libsql panics on one).
 *
 * @example const byZone = await launchedCampaignZones(deps.db, campaign)
 */
export async function launchedCampaignZones(db: Database, campaign: CampaignRow): Promise<Map<string, number> | null> {
  const field = campaign.schedule.recipientTimeZoneField;
  if (!field) return null;
  const wanted = normaliseFieldName(field);
  const spellings = [...new Set([field, ...campaign.fields.filter((name) => normaliseFieldName(name) === wanted)])];
  // A JSON path label cannot hold a double quote: such a name is read row by row.
  const grouped = spellings.length <= MAX_SPELLINGS && spellings.every((name) => !name.includes('"'));
  const statuses = campaign.followUps.length > 0 ? ['pending', 'sent'] : ['pending'];
  const byZone = new Map<string, number>();
  const count = (fields: Record<string, string>, n: number) => {
    const { zone } = recipientZone(campaign.schedule, fields);
    byZone.set(zone, (byZone.get(zone) ?? 0) + n);
  };
  const decoder = new TextDecoder();
  let after = 0;
  for (;;) {
    const [end] = await db.all<{ id: number }>(sql`SELECT id FROM recipients WHERE campaign_id = ${campaign.id} AND id > ${after} ORDER BY id LIMIT 1 OFFSET ${ZONE_SLICE_ROWS - 1}`);
    const inSlice = sql`campaign_id = ${campaign.id} AND id > ${after} ${end === undefined ? sql`` : sql`AND id <= ${end.id}`} AND status IN (${sql.join(statuses.map((status) => sql`${status}`), sql`, `)})`;
    if (grouped) {
      const names = spellings.map((_, i) => `v${i}`);
      const values = spellings.map((name, i) => sql`fields ->> ${`$."${name}"`} AS ${sql.raw(names[i]!)}`);
      // Grouped on the values themselves; hex() only on the few groups (NULL stays NULL: the name is absent).
      const groups = await db.all<Record<string, string | number | null>>(
        sql`SELECT ${sql.raw(names.map((v) => `CASE WHEN ${v} IS NULL THEN NULL ELSE hex(${v}) END AS ${v}`).join(', '))}, count(*) AS n
          FROM (SELECT ${sql.join(values, sql`, `)} FROM recipients WHERE ${inSlice}) GROUP BY ${sql.raw(names.join(', '))}`,
      );
      for (const group of groups) {
        const fields: Record<string, string> = {};
        spellings.forEach((name, i) => {
          const hex = group[`v${i}`];
          if (typeof hex === 'string') fields[name] = decoder.decode(Buffer.from(hex, 'hex'));
        });
        count(fields, Number(group.n));
      }
    } else {
      const rows = await db.all<{ fields: string }>(sql`SELECT fields FROM recipients WHERE ${inSlice}`);
      for (const row of rows) count(JSON.parse(row.fields) as Record<string, string>, 1);
    }
    if (end === undefined) return byZone;
    after = end.id;
    await yieldToEventLoop();
  }
}

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
