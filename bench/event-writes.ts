/**
 * What writing an open or a click costs the tracking writer (backend/src/tracking/event-writer.ts),
 * in CPU per event, for flushes of 1, 10, 50 and 250 events: a quiet campaign flushes an event or
 * a few at a time, a busy pixel hundreds. The baseline, in the same run and on the same database:
 * the same rows written by one bare INSERT of a row, compiled once and run for each event, in the
 * same transactions (what SQLite itself charges for the row, its indexes and the analytics triggers),
 * without the writer's job lookup, recipient activity and batching.
 *
 *   node_modules/.bin/tsx bench/event-writes.ts [events per size=5000]
 *
 * Always exits 0: it reports, it does not gate.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { openDatabase } from '../backend/src/db/open-database';
import { silentLogger } from '../backend/src/lib/logger';
import { seedSentJobs } from '../backend/src/testing/seed-sent-jobs';
import { createEventWriter, type QueuedEvent } from '../backend/src/tracking/event-writer';

const EVENTS = Number(process.argv[2] ?? 5_000);
const FLUSH_SIZES = [1, 10, 50, 250];
const USER_AGENT = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'iconnect-bench-events-'));
  const path = join(dir, 'iconnect.db');
  const { db, client } = await openDatabase({ url: `file:${path}` });
  // A second connection for the baseline, set up as the app's (WAL, synchronous=NORMAL, secure_delete).
  const bare = new Database(path);
  bare.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA secure_delete = ON; PRAGMA foreign_keys = ON');
  try {
    const now = Date.now();
    const { userId, campaignId, jobs } = await seedSentJobs(db, { now: new Date(now - 3_600_000), count: 5_000, links: ['https://example.org/a'] });
    const event = (i: number): QueuedEvent => {
      const job = jobs[i % jobs.length]!;
      const click = i % 3 === 0;
      return {
        userId, campaignId, recipientId: job.recipientId, jobId: job.jobId, step: 0,
        kind: click ? 'click' : 'open', linkIndex: click ? 0 : null, url: click ? 'https://example.org/a' : null,
        machine: false, ipAddress: `203.0.113.${i % 250}`, userAgent: USER_AGENT, occurredAt: now + i,
      };
    };
    const insertOne = bare.prepare(
      `INSERT INTO tracking_events (campaign_id, recipient_id, job_id, step, kind, link_index, url, machine, ip_address, user_agent, occurred_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let next = 0;
    console.log(`event writes: ${EVENTS} events for each flush size, 5,000 sent jobs, file database (WAL), analytics triggers on`);
    for (const size of FLUSH_SIZES) {
      // Writer: enqueue a flush's worth, flush; the same as the worker thread does per batch.
      const writer = createEventWriter(db, { flushAfterMs: null, maxPending: Number.MAX_SAFE_INTEGER, logger: silentLogger });
      const writerCpu = await cpuOf(async () => {
        for (let done = 0; done < EVENTS; done += size) {
          for (let i = 0; i < size; i++) writer.enqueue(event(next++));
          await writer.flush();
        }
      });
      // Baseline: one compiled single-row INSERT per event, a transaction per flush.
      const bareCpu = await cpuOf(async () => {
        for (let done = 0; done < EVENTS; done += size) {
          bare.exec('BEGIN');
          for (let i = 0; i < size; i++) {
            const e = event(next++);
            insertOne.run([e.campaignId, e.recipientId, e.jobId, e.step, e.kind, e.linkIndex, e.url, e.machine ? 1 : 0, e.ipAddress, e.userAgent, e.occurredAt]);
          }
          bare.exec('COMMIT');
        }
      });
      const perWriter = writerCpu / EVENTS;
      const perBare = bareCpu / EVENTS;
      console.log(
        `  flushes of ${String(size).padStart(3)}: writer ${perWriter.toFixed(1).padStart(5)} µs CPU an event   bare INSERT ${perBare.toFixed(1).padStart(5)} µs   ×${(perWriter / perBare).toFixed(2)}`,
      );
    }
    const [count] = (await client.execute('SELECT count(*) AS n FROM tracking_events')).rows;
    console.log(`  rows written: ${count!.n} (expected ${EVENTS * FLUSH_SIZES.length * 2})`);
  } finally {
    bare.close();
    client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** This process's CPU time (µs, all threads) spent in `work`. */
async function cpuOf(work: () => Promise<void>): Promise<number> {
  const before = process.cpuUsage();
  await work();
  const used = process.cpuUsage(before);
  return used.user + used.system;
}

await main();
