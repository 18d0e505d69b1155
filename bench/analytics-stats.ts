/**
 * Analytics reads with 100,000 and 1,000,000 events in one campaign: `GET /stats`, `GET /timeline`
 * and `GET /api/stats/overview` through the real app on a file database, against a baseline measured
 * in the same run (a bare `SELECT count(*)` over the campaign's events, the least any stats read
 * over raw events must do). The reads come from counters kept by triggers (migration 0010), so they
 * should not grow with the events; what the triggers cost on write is printed too. The first message
 * has two A/B variants (issue 18), the jobs split between them, so the per-variant counters
 * (analytics_variants, migration 0012) are kept on write and read by `/stats` too.
 *
 *   node_modules/.bin/tsx bench/analytics-stats.ts [events=100000,1000000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createTestApp } from '../backend/src/testing/test-app';
import { signedInAgent } from '../backend/src/testing/browser-agent';

const SIZES = (process.argv[2] ?? '100000,1000000').split(',').map(Number);
const RECIPIENTS = 50_000;
const WRITE_SAMPLE = 10_000;

async function measure(label: string, run: () => Promise<unknown>, rounds = 5) {
  await run();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { label, median: times[Math.floor(times.length / 2)]!, best: times[0]! };
}

/** `count` events for the campaign, as the bench's workload: 70% opens, 20% clicks on 4 links, 10% replies, a third by machines. */
const insertEvents = (table: string, campaignId: string, from: number, count: number, now: number) => sql`
  WITH RECURSIVE n(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM n WHERE i < ${from + count - 1})
  INSERT INTO ${sql.raw(table)} (campaign_id, recipient_id, job_id, step, kind, link_index, machine, occurred_at)
  SELECT ${campaignId}, (i % ${RECIPIENTS}) + 1, (i % ${RECIPIENTS}) + 1, 0,
         CASE WHEN i % 10 < 7 THEN 'open' WHEN i % 10 < 9 THEN 'click' ELSE 'reply' END,
         CASE WHEN i % 10 BETWEEN 7 AND 8 THEN i % 4 END,
         (i % 3 = 0), ${now} + i * 2000 FROM n`;

for (const EVENTS of SIZES) {
  const dir = mkdtempSync(join(tmpdir(), 'iconnect-analytics-bench-'));
  const t = await createTestApp({ databaseUrl: `file:${join(dir, 'bench.db')}` });
  const { agent } = await signedInAgent(t, 'bench@example.com');
  const campaign = await (await agent.post('/api/campaigns', { name: 'Bench', subject: 'Hi', html: '<p>Hi</p>' })).json();
  await t.client.execute({
    sql: 'UPDATE campaigns SET variants = ? WHERE id = ?',
    args: [JSON.stringify([{ subject: 'Hi', html: '<p>Hi</p>' }, { subject: 'Hello', html: '<p>Hello</p>' }]), campaign.id],
  });

  console.log(`\nSeeding ${RECIPIENTS.toLocaleString()} recipients, ${RECIPIENTS.toLocaleString()} sent jobs and ${EVENTS.toLocaleString()} events…`);
  const seedStart = performance.now();
  const now = t.clock.now().getTime();
  const userId = (await t.client.execute('SELECT id FROM users')).rows[0]!.id as string;
  await t.db.run(sql`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${RECIPIENTS})
    INSERT INTO recipients (campaign_id, user_id, email, email_key, fields, status, created_at)
    SELECT ${campaign.id}, ${userId}, 'r' || i || '@example.com', 'r' || i || '@example.com', '{}', 'sent', ${now} FROM n`);
  await t.db.run(sql`
    INSERT INTO send_jobs (campaign_id, recipient_id, user_id, step, status, due_at, attempts, message_id, sent_at, created_at, account_id, variant, split_key)
    SELECT campaign_id, id, user_id, 0, 'sent', ${now}, 1, '<' || id || '@bench>', ${now} + id * 1000, ${now}, 'acc_bench', (id - 1) % 2, id - 1 FROM recipients`);
  await t.db.run(insertEvents('tracking_events', campaign.id, 1, EVENTS - WRITE_SAMPLE, now));
  console.log(`  seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  // What the counters cost on write: the last events into tracking_events (its triggers keep the
  // counters) against the same rows into a copy of the table, with its indexes, without triggers.
  await t.client.execute('CREATE TABLE bare_events AS SELECT * FROM tracking_events WHERE 0');
  await t.client.execute('CREATE INDEX bare_events_kind ON bare_events (campaign_id, kind, machine, step, recipient_id)');
  await t.client.execute('CREATE INDEX bare_events_time ON bare_events (campaign_id, occurred_at, kind, machine)');
  const from = EVENTS - WRITE_SAMPLE + 1;
  let start = performance.now();
  await t.db.run(insertEvents('bare_events', campaign.id, from, WRITE_SAMPLE, now));
  const bareWrite = performance.now() - start;
  start = performance.now();
  await t.db.run(insertEvents('tracking_events', campaign.id, from, WRITE_SAMPLE, now));
  const countedWrite = performance.now() - start;
  await t.client.execute('DROP TABLE bare_events');

  const results = [
    await measure('baseline: SELECT count(*) of the events', () => t.db.run(sql`SELECT count(*) FROM tracking_events WHERE campaign_id = ${campaign.id}`)),
    await measure('GET /api/campaigns/:id/stats', async () => {
      const response = await agent.get(`/api/campaigns/${campaign.id}/stats`);
      if (response.status !== 200) throw new Error(`stats answered ${response.status}`);
      if ((await response.json()).variants?.length !== 2) throw new Error('stats without the two variants');
    }),
    await measure('GET /api/campaigns/:id/timeline?bucket=day', async () => {
      const response = await agent.get(`/api/campaigns/${campaign.id}/timeline?bucket=day&tz=Europe/Paris`);
      if (response.status !== 200) throw new Error(`timeline answered ${response.status}`);
    }),
    await measure('GET /api/stats/overview', () => agent.get('/api/stats/overview')),
  ];
  const baseline = results[0]!.median;
  console.log(`\n| read (${EVENTS.toLocaleString()} events) | median ms | best ms | × baseline |`);
  console.log('|---|---:|---:|---:|');
  for (const r of results) console.log(`| ${r.label} | ${r.median.toFixed(1)} | ${r.best.toFixed(1)} | ${(r.median / baseline).toFixed(1)} |`);
  console.log(
    `\nwrite: ${WRITE_SAMPLE.toLocaleString()} events in one statement ${countedWrite.toFixed(0)} ms with the counters' triggers, ` +
      `${bareWrite.toFixed(0)} ms into the same table without them (${(countedWrite / bareWrite).toFixed(1)}×; ` +
      `${((1000 * (countedWrite - bareWrite)) / WRITE_SAMPLE).toFixed(1)} µs more per event)`,
  );
  t.close();
  rmSync(dir, { recursive: true, force: true });
}
