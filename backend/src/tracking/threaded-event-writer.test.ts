import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { trackingEvents } from '../db/schema';
import { createLogger } from '../lib/logger';
import { createTestApp, type TestApp } from '../testing/test-app';
import { seededEvents, seedSentJobs } from '../testing/seed-sent-jobs';
import { createEventWriter } from './event-writer';
import { createThreadedEventWriter } from './threaded-event-writer';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The thread needs a file both connections open: a fresh one per test. */
async function setup(count = 20) {
  const dir = mkdtempSync(join(tmpdir(), 'iconnect-threaded-writer-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const databaseUrl = `file:${join(dir, 'events.db')}`;
  const t: TestApp = await createTestApp({ databaseUrl });
  cleanups.push(() => t.close());
  const seeded = await seedSentJobs(t.db, { now: t.clock.now(), count, links: ['https://example.org/a'] });
  const event = seededEvents(seeded, t.clock.now());
  const logLines: string[] = [];
  const logger = createLogger((line) => logLines.push(line));
  const fallback = createEventWriter(t.db, { flushAfterMs: null, logger });
  const rows = () => t.db.select().from(trackingEvents).orderBy(trackingEvents.id);
  return { t, databaseUrl, event, rows, fallback, logger, logLines, ...seeded };
}

describe('tracking events written on a worker thread (Node, embedded file)', () => {
  it('writes every event once, in order, and counts it in the analytics, when flushed', async () => {
    const { databaseUrl, event, rows, fallback, logger, t, campaignId } = await setup();
    const sink = createThreadedEventWriter({ databaseUrl, flushAfterMs: 60_000, fallback, logger });
    cleanups.push(() => sink.close());
    for (let i = 0; i < 1_234; i++) sink.enqueue(event(i, i % 10 === 0 ? { kind: 'click', linkIndex: 0, url: 'https://example.org/a' } : {}));
    expect(sink.pending).toBe(1_234);
    await sink.flush();
    expect(sink.pending).toBe(0);
    const written = await rows();
    expect(written.map((row) => row.userAgent)).toEqual(Array.from({ length: 1_234 }, (_, i) => `agent ${i}`));
    const counted = await t.db.all<{ kind: string; events: number; recipients: number }>(
      sql`SELECT kind, events, recipients FROM analytics_events WHERE campaign_id = ${campaignId} AND who = 'any' ORDER BY kind`,
    );
    expect(counted.map((row) => ({ ...row, events: Number(row.events), recipients: Number(row.recipients) }))).toEqual([
      { kind: 'click', events: 124, recipients: 2 },
      { kind: 'open', events: 1_110, recipients: 18 },
    ]);
    expect(fallback.pending).toBe(0);
  });

  it('loses no event on close(), however many are still queued on either thread', async () => {
    const { databaseUrl, event, rows, fallback, logger } = await setup();
    const sink = createThreadedEventWriter({ databaseUrl, flushAfterMs: 60_000, maxPending: 300, fallback, logger });
    for (let i = 0; i < 5_003; i++) sink.enqueue(event(i));
    await sink.close();
    expect(await rows()).toHaveLength(5_003);
  });

  it('applies a relabel after the clicks it names, even those handed over in the same batch', async () => {
    const { databaseUrl, event, rows, fallback, logger, jobs, t } = await setup();
    const sink = createThreadedEventWriter({ databaseUrl, flushAfterMs: 60_000, fallback, logger });
    cleanups.push(() => sink.close());
    const at = t.clock.now().getTime();
    sink.enqueue(event(0, { kind: 'click', linkIndex: 0, url: 'https://example.org/a', occurredAt: at }));
    sink.relabelClicksAsMachine(jobs[0]!.jobId, at - 5_000, at);
    await sink.flush();
    expect((await rows()).map((row) => row.machine)).toEqual([true]);
  });

  it('reports a write the database refused, keeps the events, and writes them once it accepts', async () => {
    const { databaseUrl, event, rows, fallback, logger, logLines, t } = await setup();
    const sink = createThreadedEventWriter({ databaseUrl, flushAfterMs: 60_000, fallback, logger });
    cleanups.push(() => sink.close());
    await t.client.execute(`CREATE TRIGGER refuse BEFORE INSERT ON tracking_events BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    sink.enqueue(event(0));
    await expect(sink.flush()).rejects.toThrow(/not written yet/);
    expect(sink.pending).toBe(1);
    await t.client.execute('DROP TRIGGER refuse');
    sink.enqueue(event(1));
    await sink.flush();
    expect((await rows()).map((row) => row.userAgent)).toEqual(['agent 0', 'agent 1']);
    // The thread's log line reaches this logger, reduced to the driver's message (no SQL, no parameters).
    expect(logLines.some((line) => line.includes('"level":"error"') && line.includes('refused') && !line.includes('INSERT'))).toBe(true);
  });

  it('tries a refused write again by itself: written once the database accepts, with no new event or flush', async () => {
    const { databaseUrl, event, rows, fallback, logger, t } = await setup();
    const sink = createThreadedEventWriter({ databaseUrl, flushAfterMs: 60_000, retryAfterMs: 5, fallback, logger });
    cleanups.push(() => sink.close());
    await t.client.execute(`CREATE TRIGGER refuse BEFORE INSERT ON tracking_events BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    sink.enqueue(event(0));
    await expect(sink.flush()).rejects.toThrow(/not written yet/);
    await t.client.execute('DROP TRIGGER refuse');
    // Polls for the row itself (the positive signal); without a retry it never comes.
    await vi.waitFor(async () => expect((await rows()).map((row) => row.userAgent)).toEqual(['agent 0']), { timeout: 15_000, interval: 20 });
  });

  it('reports a refused write without its SQL or parameters, on flush and at shutdown', async () => {
    const { databaseUrl, event, fallback, logger, logLines, t, jobs } = await setup();
    const sink = createThreadedEventWriter({ databaseUrl, flushAfterMs: 60_000, fallback, logger });
    await t.client.execute(`CREATE TRIGGER refuse BEFORE INSERT ON tracking_events BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    sink.enqueue(event(0, { kind: 'click', linkIndex: 0, url: 'https://example.org/a?user=secret-user-7' }));
    const flushed = await sink.flush().then(() => null, (error: Error) => error.message);
    await sink.close();
    const shutdown = logLines.find((line) => line.includes('not written at shutdown'));
    expect(shutdown).toBeDefined();
    for (const text of [flushed!, shutdown!]) {
      expect(text).toContain('refused');
      for (const leak of ['INSERT', 'params', 'secret-user-7', 'agent 0', `${jobs[0]!.jobId},`]) expect(text).not.toContain(leak);
    }
  });
});
