import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { BoundStatement } from '../db/bound-statement';
import type { Database } from '../db/database';
import type { Logger } from '../lib/logger';
import { truncateIpAddress } from './truncate-ip';

// The port's types live beside `deps.ts` (the app's dependencies name the sink; tracking implements it).
import type { QueuedEvent, TrackingEventSink } from '../tracking-event-sink';
export type { QueuedEvent, TrackingEventSink } from '../tracking-event-sink';

export type EventWriterOptions = {
  /**
   * Node: flush this long after the first event of a batch arrives (100–250 ms keeps rows few and
   * dashboards fresh). null on Workers, where no timer runs between requests: the route flushes
   * through `executionCtx.waitUntil` instead.
   */
  flushAfterMs: number | null;
  /** Flush at once when this many events wait. */
  maxPending?: number;
  /** Most rows in one INSERT statement (a power of two at most 64: see `insertEvents`). */
  rowsPerInsert?: number;
  /** Events per transaction; a flush of more writes several, letting requests run in between. */
  rowsPerTransaction?: number;
  /**
   * While the database is unreachable events stay queued, up to this many; past it the oldest are
   * dropped with a warning rather than exhausting memory.
   */
  maxQueued?: number;
  logger: Logger;
};

type Relabel = { jobId: number; from: number; to: number };

const DEFAULTS = { maxPending: 1_000, rowsPerInsert: 64, rowsPerTransaction: 250, maxQueued: 200_000 };
/** The largest INSERT: 64 rows of 8 bound values (SQLite allows 32,766), a text of ~2.5 KB that the embedded client keeps compiled. */
const MAX_ROWS_PER_INSERT = 64;

/**
 * An in-memory queue of tracking events written as a few multi-row inserts: a pixel request costs
 * an array push, not a database write. A flush writes its events in a few INSERTs of fixed texts
 * (see `insertEvents`), kept compiled by the database.
 *
 * @example
 * const sink = createEventWriter(db, { flushAfterMs: 200, logger });
 * sink.enqueue(event);
 * await sink.close(); // at shutdown, before the database client closes
 */
export function createEventWriter(db: Database, options: EventWriterOptions): TrackingEventSink {
  const maxPending = options.maxPending ?? DEFAULTS.maxPending;
  const rowsPerInsert = largestPowerOfTwo(Math.min(options.rowsPerInsert ?? DEFAULTS.rowsPerInsert, MAX_ROWS_PER_INSERT));
  const rowsPerTransaction = options.rowsPerTransaction ?? DEFAULTS.rowsPerTransaction;
  const maxQueued = options.maxQueued ?? DEFAULTS.maxQueued;
  let queue: QueuedEvent[] = [];
  let relabels: Relabel[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** Flushes run one after another: two at once could write the same events twice. */
  let chain: Promise<void> = Promise.resolve();
  let closed = false;

  const background = () => {
    sink.flush().catch((error: unknown) => options.logger.error('tracking events not written yet', { error, pending: queue.length }));
  };

  const schedule = () => {
    if (queue.length >= maxPending) {
      background();
      return;
    }
    if (timer !== null || options.flushAfterMs === null || closed) return;
    timer = setTimeout(() => {
      timer = null;
      background();
    }, options.flushAfterMs);
    // Never the reason a process stays up: a clean stop calls close(), which flushes.
    if (typeof timer === 'object' && timer !== null && 'unref' in timer) timer.unref();
  };

  const writeAll = async () => {
    while (queue.length > 0 || relabels.length > 0) {
      // One transaction per few hundred events, then a turn of the event loop: on the embedded
      // database a write blocks the thread (~15-20 µs an event), and requests must not wait behind
      // a long one.
      const events = queue.slice(0, rowsPerTransaction);
      queue = queue.slice(events.length);
      const relabelled = relabels;
      relabels = [];
      try {
        await writeBatch(db, events, relabelled, rowsPerInsert);
      } catch (error) {
        // Put them back in front of anything queued meanwhile, for the next flush.
        queue = [...events, ...queue];
        relabels = [...relabelled, ...relabels];
        if (queue.length > maxQueued) {
          const dropped = queue.length - maxQueued;
          queue = queue.slice(dropped);
          options.logger.warn('tracking events dropped: the database has been unreachable too long', { dropped });
        }
        throw error;
      }
      if (queue.length > 0) await yieldToEventLoop();
    }
  };

  const sink: TrackingEventSink = {
    enqueue(event) {
      queue.push(event);
      schedule();
    },
    relabelClicksAsMachine(jobId, from, to) {
      relabels.push({ jobId, from, to });
      schedule();
    },
    flush() {
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
      const run = chain.then(writeAll);
      // The next flush waits for this one whatever its outcome.
      chain = run.catch(() => {});
      return run;
    },
    async close() {
      closed = true;
      await sink.flush();
    },
    get pending() {
      return queue.length;
    },
    flushesOnItsOwn: options.flushAfterMs !== null,
  };
  return sink;
}

async function writeBatch(
  db: Database,
  events: readonly QueuedEvent[],
  relabels: readonly Relabel[],
  rowsPerInsert: number,
): Promise<void> {
  const statements: BatchItem<'sqlite'>[] = [];
  if (events.length > 0) {
    const truncating = await usersTruncatingIps(db, events);
    for (let start = 0; start < events.length; ) {
      const rows = Math.min(rowsPerInsert, largestPowerOfTwo(events.length - start));
      statements.push(db.run(insertEvents(events.slice(start, start + rows), truncating)));
      start += rows;
    }
    // The recipient's "last activity" in the recipients list; primary-key lookups, one per recipient.
    // Our own integers only (ids and times), so one JSON parameter carries them safely.
    const latest = new Map<number, number>();
    for (const e of events) latest.set(e.recipientId, Math.max(latest.get(e.recipientId) ?? 0, e.occurredAt));
    statements.push(
      db.run(sql`
        UPDATE recipients SET last_event_at = max(coalesce(last_event_at, 0), latest.at)
        FROM (SELECT value->>0 AS id, value->>1 AS at FROM json_each(${JSON.stringify([...latest])})) AS latest
        WHERE recipients.id = latest.id`),
    );
  }
  for (const { jobId, from, to } of relabels) {
    // tracking_events has no index on job_id; the campaign is unknown here, so find the rows by recipient.
    statements.push(
      db.run(sql`
        UPDATE tracking_events SET machine = 1
        WHERE kind = 'click' AND job_id = ${jobId} AND occurred_at BETWEEN ${from} AND ${to}
          AND campaign_id = (SELECT campaign_id FROM send_jobs WHERE id = ${jobId})
          AND recipient_id = (SELECT recipient_id FROM send_jobs WHERE id = ${jobId})`),
    );
  }
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

/**
 * One multi-row INSERT of events, of a power-of-two number of rows (1, 2, 4 … 64), every value
 * bound: so the statement has one of seven texts, which the database keeps compiled. Compiling is
 * what an event cost most when each flush wrote a new text (our integers inlined): the INSERT and
 * the analytics triggers it fires, parsed again at every flush, ~15–35 µs an event instead of ~10–18
 * (issue 17's pixel). The rows:
 * - the campaign, recipient and step come from the event's job (`send_jobs`' primary key, one lookup
 *   a row), which is also the check: an event of a campaign deleted since the request (the foreign
 *   key would otherwise fail the whole statement, and the batch would be retried forever) or of a job
 *   no longer tracked (an opt-out since the request, or seen by another process whose job cache still
 *   says tracked) joins nothing and is not written;
 * - outside text (user agent, address, URL) is a bound parameter, never SQL text, and never passes
 *   through SQLite's JSON functions (a `\ud800` escape decoded there is invalid UTF-8 that the
 *   libsql binding panics reading back: issue 12); only our own integers and the kind otherwise.
 * Each row's position (in the text) orders the insert, so ids follow arrival order.
 */
function insertEvents(events: readonly QueuedEvent[], truncating: ReadonlySet<string>): BoundStatement {
  const values: unknown[] = [];
  for (const e of events) {
    const ip = e.ipAddress !== null && truncating.has(e.userId) ? truncateIpAddress(e.ipAddress) : e.ipAddress;
    values.push(integer(e.jobId), e.kind === 'click' ? 'click' : 'open', integer(e.linkIndex), wellFormed(e.url), e.machine ? 1 : 0, ip, wellFormed(e.userAgent), integer(e.occurredAt));
  }
  return new BoundStatement(insertEventsText(events.length), values);
}

const insertTexts = new Map<number, string>();

/** The INSERT for `rows` events, made once per size: (position, then 8 bound values) a row. */
function insertEventsText(rows: number): string {
  let text = insertTexts.get(rows);
  if (text === undefined) {
    const values = Array.from({ length: rows }, (_, position) => `(${position}, ?, ?, ?, ?, ?, ?, ?, ?)`).join(', ');
    text = `INSERT INTO tracking_events
       (campaign_id, recipient_id, job_id, step, kind, link_index, url, machine, ip_address, user_agent, occurred_at)
     SELECT job.campaign_id, job.recipient_id, job.id, job.step, e.column3, e.column4, e.column5, e.column6, e.column7, e.column8, e.column9
     FROM (VALUES ${values}) AS e
     JOIN send_jobs AS job ON job.id = e.column2 AND job.tracked = 1
     ORDER BY e.column1`;
    insertTexts.set(rows, text);
  }
  return text;
}

/** The largest power of two at most `n` (n ≥ 1). */
function largestPowerOfTwo(n: number): number {
  return 2 ** Math.floor(Math.log2(Math.max(1, n)));
}

/** One of our own integers (ids, indexes, epoch ms); anything else is NULL. */
function integer(value: number | null): number | null {
  return value !== null && Number.isSafeInteger(value) ? value : null;
}

/**
 * Outside text with any lone surrogate replaced by U+FFFD. The embedded driver does that when it
 * binds; over HTTP (Turso, a libsql server) the request's JSON cannot carry one and the server
 * refuses the whole batch, which would then be retried forever.
 */
function wellFormed(text: string | null): string | null {
  return text === null || text.isWellFormed() ? text : text.toWellFormed();
}

/** Lets pending I/O callbacks (requests) run: setImmediate on Node, a zero timeout elsewhere. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

/**
 * The users among these events' owners who keep only truncated addresses. Read at each flush, not
 * cached, so turning the setting on applies to the very next write.
 */
async function usersTruncatingIps(db: Database, events: readonly QueuedEvent[]): Promise<Set<string>> {
  const userIds = [...new Set(events.filter((e) => e.ipAddress !== null).map((e) => e.userId))];
  if (userIds.length === 0) return new Set();
  const rows = await db.all<{ id: string }>(
    sql`SELECT id FROM users WHERE truncate_ip_addresses = 1 AND id IN (SELECT value FROM json_each(${JSON.stringify(userIds)}))`,
  );
  return new Set(rows.map((row) => row.id));
}
