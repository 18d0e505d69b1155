import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { campaigns, trackingEvents, users } from '../db/schema';
import { silentLogger } from '../lib/logger';
import { createTestApp, type TestApp } from '../testing/test-app';
import { createEventWriter } from './event-writer';
import { seededEvents, seedSentJobs } from '../testing/seed-sent-jobs';

const apps: TestApp[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const t of apps.splice(0)) t.close();
});

async function setup(count = 3) {
  const t = await createTestApp();
  apps.push(t);
  const seeded = await seedSentJobs(t.db, { now: t.clock.now(), count, links: ['https://example.org/a', 'https://example.org/b'] });
  const event = seededEvents(seeded, t.clock.now());
  const rows = () => t.db.select().from(trackingEvents).orderBy(trackingEvents.id);
  return { t, ...seeded, event, rows };
}

describe('tracking event writer', () => {
  it('writes nothing until flushed, then every event once, in order, with every field', async () => {
    const { t, event, rows, campaignId, jobs } = await setup();
    const sink = createEventWriter(t.db, { flushAfterMs: null, logger: silentLogger });
    sink.enqueue(event(0));
    sink.enqueue(event(1, { kind: 'click', linkIndex: 1, url: 'https://example.org/b', machine: true, ipAddress: null, userAgent: null }));
    expect(await rows()).toHaveLength(0);
    expect(sink.pending).toBe(2);
    await sink.flush();
    expect(sink.pending).toBe(0);
    expect(await rows()).toEqual([
      expect.objectContaining({ campaignId, recipientId: jobs[0]!.recipientId, jobId: jobs[0]!.jobId, step: 0, kind: 'open', linkIndex: null, url: null, machine: false, ipAddress: '203.0.113.77', userAgent: 'agent 0', occurredAt: t.clock.now() }),
      expect.objectContaining({ recipientId: jobs[1]!.recipientId, kind: 'click', linkIndex: 1, url: 'https://example.org/b', machine: true, ipAddress: null, userAgent: null }),
    ]);
    await sink.flush();
    expect(await rows()).toHaveLength(2);
  });

  it('loses no event on close(), however many are queued, and updates each recipient\'s last activity', async () => {
    const { t, event, rows, jobs } = await setup(50);
    const sink = createEventWriter(t.db, { flushAfterMs: 200, maxPending: 100_000, rowsPerInsert: 500, logger: silentLogger });
    for (let i = 0; i < 5_003; i++) sink.enqueue(event(i));
    await sink.close();
    const written = await rows();
    expect(written).toHaveLength(5_003);
    expect(written.map((row) => row.userAgent)).toEqual(Array.from({ length: 5_003 }, (_, i) => `agent ${i}`));
    const [last] = await t.db.all<{ last_event_at: number }>(sql`SELECT last_event_at FROM recipients WHERE id = ${jobs[2]!.recipientId}`);
    // Event 5002 is the latest for recipient 2 (5002 % 50 = 2).
    expect(Number(last!.last_event_at)).toBe(t.clock.now().getTime() + 5_002);
  });

  it('flushes on its own a short while after the first event (Node)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { t, event, rows } = await setup();
    const sink = createEventWriter(t.db, { flushAfterMs: 200, logger: silentLogger });
    sink.enqueue(event(0));
    await vi.advanceTimersByTimeAsync(150);
    expect(sink.pending).toBe(1);
    await vi.advanceTimersByTimeAsync(60);
    expect(sink.pending).toBe(0);
    await sink.flush(); // waits for the timer's write
    expect(await rows()).toHaveLength(1);
    await sink.close();
  });

  it('writes at once, without waiting for the timer, when many events wait', async () => {
    const { t, event, rows } = await setup();
    const sink = createEventWriter(t.db, { flushAfterMs: 60_000, maxPending: 10, logger: silentLogger });
    for (let i = 0; i < 9; i++) sink.enqueue(event(i));
    expect(sink.pending).toBe(9);
    sink.enqueue(event(9));
    await vi.waitFor(async () => expect(await rows()).toHaveLength(10));
    await sink.close();
  });

  it('keeps the events when the database refuses them, and writes them once it accepts', async () => {
    const { t, event, rows } = await setup();
    const sink = createEventWriter(t.db, { flushAfterMs: null, logger: silentLogger });
    await t.client.execute(`CREATE TRIGGER refuse BEFORE INSERT ON tracking_events BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    sink.enqueue(event(0));
    sink.enqueue(event(1));
    await expect(sink.flush()).rejects.toThrow();
    expect(sink.pending).toBe(2);
    sink.enqueue(event(2));
    await t.client.execute('DROP TRIGGER refuse');
    await sink.flush();
    expect((await rows()).map((row) => row.userAgent)).toEqual(['agent 0', 'agent 1', 'agent 2']);
  });

  it("skips the events of a campaign deleted since, without failing the others'", async () => {
    const { t, event, rows, userId, campaignId } = await setup();
    const other = await seedSentJobs(t.db, { now: t.clock.now(), count: 1 });
    const sink = createEventWriter(t.db, { flushAfterMs: null, logger: silentLogger });
    sink.enqueue(event(0));
    sink.enqueue({ ...event(1), userId: other.userId, campaignId: other.campaignId, recipientId: other.jobs[0]!.recipientId, jobId: other.jobs[0]!.jobId });
    await t.db.delete(campaigns).where(eq(campaigns.id, other.campaignId));
    await sink.flush();
    expect((await rows()).map((row) => row.campaignId)).toEqual([campaignId]);
    expect(userId).not.toBe(other.userId);
  });

  it("stores a truncated address for a user who asked for it, read at write time", async () => {
    const { t, event, rows, userId } = await setup();
    const sink = createEventWriter(t.db, { flushAfterMs: null, logger: silentLogger });
    sink.enqueue(event(0));
    await t.db.update(users).set({ truncateIpAddresses: true }).where(eq(users.id, userId));
    sink.enqueue(event(1, { ipAddress: '2001:db8:abcd:12::1' }));
    sink.enqueue(event(2, { ipAddress: 'not an address' }));
    await sink.flush();
    expect((await rows()).map((row) => row.ipAddress)).toEqual(['203.0.113.0', '2001:db8:abcd::', null]);
  });

  it('relabels the clicks of a job as machine after they were queued or written', async () => {
    const { t, event, rows, jobs } = await setup();
    const sink = createEventWriter(t.db, { flushAfterMs: null, logger: silentLogger });
    const at = t.clock.now().getTime();
    sink.enqueue(event(0, { kind: 'click', linkIndex: 0, occurredAt: at - 10_000 })); // before the burst
    sink.enqueue(event(0, { kind: 'click', linkIndex: 0, occurredAt: at }));
    await sink.flush();
    sink.enqueue(event(0, { kind: 'click', linkIndex: 1, occurredAt: at + 1_000 }));
    sink.enqueue(event(1, { kind: 'click', linkIndex: 0, occurredAt: at + 1_000 })); // another job
    sink.enqueue(event(0, { kind: 'click', linkIndex: 0, occurredAt: at + 60_000 })); // after the burst
    sink.relabelClicksAsMachine(jobs[0]!.jobId, at - 1_000, at + 1_000);
    await sink.flush();
    expect((await rows()).map((row) => [row.jobId, row.occurredAt.getTime() - at, row.machine])).toEqual([
      [jobs[0]!.jobId, -10_000, false],
      [jobs[0]!.jobId, 0, true],
      [jobs[0]!.jobId, 1_000, true],
      [jobs[1]!.jobId, 1_000, false],
      [jobs[0]!.jobId, 60_000, false],
    ]);
  });

  it('stores outside text as bound values: a broken user agent reads back with U+FFFD and the database keeps answering', async () => {
    // Decoded by SQLite's JSON functions, `\ud800` became invalid UTF-8, and reading it back ended the process (issue 12).
    const { t, event, rows } = await setup();
    const sink = createEventWriter(t.db, { flushAfterMs: null, logger: silentLogger });
    sink.enqueue(event(0, { userAgent: 'Mozilla/5.0 \ud800', kind: 'click', linkIndex: 0, url: 'https://example.org/\udc00' }));
    sink.enqueue(event(1, { userAgent: 'Tab\there, "quotes" and \\ backslash ✓' }));
    await sink.flush();
    expect((await rows()).map((row) => [row.userAgent, row.url])).toEqual([
      ['Mozilla/5.0 \uFFFD', 'https://example.org/\uFFFD'],
      ['Tab\there, "quotes" and \\ backslash ✓', null],
    ]);
  });

  it("binds a text repeated in the batch once, yet stores each event's own values, and skips a job no longer tracked", async () => {
    const { t, event, rows, jobs } = await setup(3);
    await t.db.run(sql`UPDATE send_jobs SET tracked = 0 WHERE id = ${jobs[2]!.jobId}`);
    const sink = createEventWriter(t.db, { flushAfterMs: null, logger: silentLogger });
    const proxy = 'Mozilla/5.0 (via ggpht.com GoogleImageProxy)';
    sink.enqueue(event(0, { userAgent: proxy, ipAddress: '198.51.100.1' }));
    sink.enqueue(event(1, { userAgent: 'a reader', ipAddress: '198.51.100.1', kind: 'click', linkIndex: 1, url: 'https://example.org/b' }));
    sink.enqueue(event(2, { userAgent: proxy }));
    sink.enqueue(event(3, { userAgent: proxy, ipAddress: '198.51.100.2', kind: 'click', linkIndex: 0, url: 'https://example.org/a' }));
    sink.enqueue(event(4, { userAgent: 'https://example.org/b', ipAddress: null, machine: true }));
    await sink.flush();
    expect((await rows()).map((row) => [row.jobId, row.kind, row.linkIndex, row.url, row.machine, row.ipAddress, row.userAgent])).toEqual([
      [jobs[0]!.jobId, 'open', null, null, false, '198.51.100.1', proxy],
      [jobs[1]!.jobId, 'click', 1, 'https://example.org/b', false, '198.51.100.1', 'a reader'],
      [jobs[0]!.jobId, 'click', 0, 'https://example.org/a', false, '198.51.100.2', proxy],
      [jobs[1]!.jobId, 'open', null, null, true, null, 'https://example.org/b'],
    ]);
  });
});
