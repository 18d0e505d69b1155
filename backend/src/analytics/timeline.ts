import { TZDate } from '@date-fns/tz';
import { eq, sql } from 'drizzle-orm';
import type { TimelineBucket, TimelinePoint } from '../../../shared/schemas/analytics';
import type { Database } from '../db/database';
import { analyticsQuarters } from '../db/schema';

/** The database groups by quarter hour (UTC); every time zone's hours and days are whole quarters. */
const QUARTER_MS = 15 * 60_000;

/**
 * Activity over time for charts, bucketed by hour or by day in the viewer's time zone (days follow
 * DST, so a day may have 23 or 25 hours). Triggers count events and sends per UTC quarter hour as they
 * are written (analytics_quarters, migration 0010); only those rows are read and folded into local
 * hours or days. Buckets run without a gap from the first event's to the last's, empty ones as zeros.
 */
export async function campaignTimeline(db: Database, campaignId: string, options: { bucket: TimelineBucket; timeZone: string }): Promise<TimelinePoint[]> {
  const [range] = await db
    .select({ first: sql<number | null>`min(${analyticsQuarters.quarter})`, last: sql<number | null>`max(${analyticsQuarters.quarter})` })
    .from(analyticsQuarters)
    .where(eq(analyticsQuarters.campaignId, campaignId));
  if (range?.first == null || range.last == null) return [];
  const buckets = localBuckets(range.first * QUARTER_MS, range.last * QUARTER_MS, options);
  const rows = buckets ? await sumsByBucket(db, campaignId, buckets) : await sumsByQuarter(db, campaignId, options);

  const points = new Map<number, TimelinePoint>();
  for (const { start, ...counts } of rows) {
    // A quarter whose counts all went back to zero (its messages deleted with their recipients) is no activity.
    if (Object.values(counts).some((n) => n > 0)) points.set(start, { start: new Date(start).toISOString(), ...counts });
  }
  return fillEmptyBuckets(points, options);
}

type Sums = Omit<TimelinePoint, 'start'> & { start: number };

const SUMS = `sum(q.sent) AS sent, sum(q.human_opens) AS humanOpens, sum(q.machine_opens) AS machineOpens,
  sum(q.human_clicks) AS humanClicks, sum(q.machine_clicks) AS machineClicks, sum(q.replies) AS replies,
  sum(q.bounces) AS bounces, sum(q.unsubscribes) AS unsubscribes`;

/**
 * The local hours or days from `firstMs` to `lastMs` as [first quarter, quarter after the last,
 * start in ms]; undefined when there would be more than MAX_FILLED_BUCKETS.
 */
function localBuckets(firstMs: number, lastMs: number, options: { bucket: TimelineBucket; timeZone: string }): [number, number, number][] | undefined {
  const nominal = options.bucket === 'hour' ? 3_600_000 : 86_400_000;
  if ((lastMs - firstMs) / nominal > MAX_FILLED_BUCKETS) return undefined;
  const buckets: [number, number, number][] = [];
  for (let start = bucketStart(firstMs, options); start <= lastMs; ) {
    // One and a half buckets on lands inside the next one whatever DST does (a day is 23 to 25 hours).
    const next = bucketStart(start + nominal * 1.5, options);
    buckets.push([Math.ceil(start / QUARTER_MS), Math.ceil(next / QUARTER_MS), start]);
    start = next;
  }
  return buckets;
}

/**
 * The quarters summed into local buckets by SQLite: one row per bucket comes back, however long the
 * campaign has run. CROSS JOIN keeps the buckets outside, so each is a range of analytics_quarters_pk.
 */
function sumsByBucket(db: Database, campaignId: string, buckets: [number, number, number][]): Promise<Sums[]> {
  return db.all<Sums>(sql`
    SELECT b.value->>2 AS start, ${sql.raw(SUMS)}
    FROM json_each(${JSON.stringify(buckets)}) AS b
    CROSS JOIN analytics_quarters AS q
    WHERE q.campaign_id = ${campaignId} AND q.quarter >= b.value->>0 AND q.quarter < b.value->>1
    GROUP BY b.key`);
}

/** Quarters folded into local buckets here: for a timeline too long to give every bucket a slot. */
async function sumsByQuarter(db: Database, campaignId: string, options: { bucket: TimelineBucket; timeZone: string }): Promise<Sums[]> {
  const quarters = await db.all<Omit<Sums, 'start'> & { quarter: number }>(sql`
    SELECT q.quarter, ${sql.raw(SUMS)} FROM analytics_quarters AS q WHERE q.campaign_id = ${campaignId} GROUP BY q.quarter ORDER BY q.quarter`);
  const sums = new Map<number, Sums>();
  for (const { quarter, ...counts } of quarters) {
    const start = bucketStart(quarter * QUARTER_MS, options);
    const into = sums.get(start) ?? { start, sent: 0, humanOpens: 0, machineOpens: 0, humanClicks: 0, machineClicks: 0, replies: 0, bounces: 0, unsubscribes: 0 };
    for (const key of Object.keys(counts) as (keyof typeof counts)[]) into[key] += counts[key];
    sums.set(start, into);
  }
  return [...sums.values()];
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
