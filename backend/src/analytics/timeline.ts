import { TZDate } from '@date-fns/tz';
import { and, eq, sql } from 'drizzle-orm';
import type { TimelineBucket, TimelinePoint } from '../../../shared/schemas/analytics';
import type { Database } from '../db/database';
import { sendJobs, trackingEvents } from '../db/schema';

/** The database groups by quarter hour (UTC); every time zone's hours and days are whole quarters. */
const QUARTER_MS = 15 * 60_000;

/**
 * Activity over time for charts, bucketed by hour or by day in the viewer's time zone (days follow
 * DST, so a day may have 23 or 25 hours). The heavy part, grouping up to a million events, happens in
 * SQL; only quarter-hour buckets come back to be folded into local hours or days. Buckets run without a
 * gap from the first event's to the last's, empty ones as zeros.
 */
export async function campaignTimeline(db: Database, campaignId: string, options: { bucket: TimelineBucket; timeZone: string }): Promise<TimelinePoint[]> {
  // The divisor is written into the SQL, not bound: SQLite matches a GROUP BY expression to the
  // selected one only when they are identical, and two bound parameters never are.
  const quarter = sql<number>`(${trackingEvents.occurredAt} / ${sql.raw(String(QUARTER_MS))})`;
  const events = await db
    .select({ quarter, kind: trackingEvents.kind, machine: trackingEvents.machine, n: sql<number>`count(*)` })
    .from(trackingEvents)
    .where(eq(trackingEvents.campaignId, campaignId))
    .groupBy(quarter, trackingEvents.kind, trackingEvents.machine);
  const sentQuarter = sql<number>`(${sendJobs.sentAt} / ${sql.raw(String(QUARTER_MS))})`;
  const sends = await db
    .select({ quarter: sentQuarter, n: sql<number>`count(*)` })
    .from(sendJobs)
    .where(and(eq(sendJobs.campaignId, campaignId), eq(sendJobs.status, 'sent')))
    .groupBy(sentQuarter);

  const points = new Map<number, TimelinePoint>();
  const pointFor = (quarterIndex: number) => {
    const start = bucketStart(quarterIndex * QUARTER_MS, options);
    let point = points.get(start);
    if (!point) {
      point = { start: new Date(start).toISOString(), sent: 0, humanOpens: 0, machineOpens: 0, humanClicks: 0, machineClicks: 0, replies: 0, bounces: 0, unsubscribes: 0 };
      points.set(start, point);
    }
    return point;
  };
  for (const row of sends) pointFor(Math.floor(row.quarter)).sent += row.n;
  for (const row of events) {
    const point = pointFor(Math.floor(row.quarter));
    if (row.kind === 'open') point[row.machine ? 'machineOpens' : 'humanOpens'] += row.n;
    else if (row.kind === 'click') point[row.machine ? 'machineClicks' : 'humanClicks'] += row.n;
    else if (row.kind === 'reply') point.replies += row.n;
    else if (row.kind === 'bounce') point.bounces += row.n;
    else if (row.kind === 'unsubscribe') point.unsubscribes += row.n;
  }
  return fillEmptyBuckets(points, options);
}

/** Beyond this many buckets (a year of hours), empty ones are left out rather than sent by the thousand. */
const MAX_FILLED_BUCKETS = 9_000;

/**
 * Every bucket from the first event to the last, empty ones as zeros, so a chart gives each hour or day
 * its own slot (bars as wide as a slot) and its axis runs from the first event to the last.
 */
function fillEmptyBuckets(points: Map<number, TimelinePoint>, options: { bucket: TimelineBucket; timeZone: string }): TimelinePoint[] {
  const starts = [...points.keys()].sort((a, b) => a - b);
  const first = starts[0];
  const last = starts.at(-1);
  const nominal = options.bucket === 'hour' ? 3_600_000 : 86_400_000;
  if (first === undefined || last === undefined || (last - first) / nominal > MAX_FILLED_BUCKETS) return starts.map((start) => points.get(start)!);
  const filled: TimelinePoint[] = [];
  // One and a half buckets on lands inside the next one whatever DST does (a day is 23 to 25 hours).
  for (let start = first; start <= last; start = bucketStart(start + nominal * 1.5, options)) {
    filled.push(
      points.get(start) ?? { start: new Date(start).toISOString(), sent: 0, humanOpens: 0, machineOpens: 0, humanClicks: 0, machineClicks: 0, replies: 0, bounces: 0, unsubscribes: 0 },
    );
  }
  return filled;
}

function bucketStart(ms: number, options: { bucket: TimelineBucket; timeZone: string }): number {
  const local = new TZDate(ms, options.timeZone);
  if (options.bucket === 'hour') {
    local.setMinutes(0, 0, 0);
  } else {
    local.setHours(0, 0, 0, 0);
  }
  return local.getTime();
}
