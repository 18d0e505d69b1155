/**
 * Jumping deep into a 50,000-row recipient list (issue 14: "Loading…" for 4.5 s). Seeds a real SQLite
 * file through the app, then times, in the same run, medians of N:
 *  - the panel's old way to show row 45,000: every 200-row cursor page before it, one request each;
 *  - the new way: one request for the page at `?offset=45000`;
 *  - page 1 and the page at row 45,000 with the old query plan (recipients_by_campaign_status, rows
 *    sorted in a temporary b-tree) against recipients_by_campaign (migration 0005), read in order.
 *
 *   node_modules/.bin/tsx bench/recipient-page.ts [recipients=50000] [rounds=5]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { recipientPageSchema } from '../shared/schemas/recipients';
import { signedInAgent } from '../backend/src/testing/browser-agent';
import { createTestApp } from '../backend/src/testing/test-app';

const RECIPIENTS = Number(process.argv[2] ?? 50_000);
const ROUNDS = Number(process.argv[3] ?? 5);
const PAGE = 200;
const DEEP = Math.floor(RECIPIENTS * 0.9);

const dir = mkdtempSync(join(tmpdir(), 'iconnect-recipient-page-bench-'));
const t = await createTestApp({ databaseUrl: `file:${join(dir, 'bench.db')}` });
const { agent } = await signedInAgent(t, 'bench@example.com');
const campaign = (await (await agent.post('/api/campaigns', { name: 'Bench' })).json()) as { id: string };
const other = (await (await agent.post('/api/campaigns', { name: 'Other' })).json()) as { id: string };
const userId = (await t.client.execute('SELECT id FROM users')).rows[0]!.id as string;
// Two campaigns' rows interleaved, as imports into several campaigns leave them.
await t.db.run(sql`
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${RECIPIENTS * 2})
  INSERT INTO recipients (campaign_id, user_id, email, email_key, fields, status, created_at)
  SELECT CASE WHEN i % 2 = 0 THEN ${campaign.id} ELSE ${other.id} END, ${userId},
         'person' || i || '@big.example.com', 'person' || i || '@big.example.com',
         json_object('company', 'Company ' || i, 'first name', 'P' || i), 'pending', 0 FROM n`);
await t.client.execute('ANALYZE');

async function median(run: () => Promise<unknown>, rounds = ROUNDS) {
  await run();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

async function get(query: string) {
  const response = await agent.get(`/api/campaigns/${campaign.id}/recipients?${query}`);
  if (response.status !== 200) throw new Error(`recipients answered ${response.status}`);
  return recipientPageSchema.parse(await response.json());
}

const oldPanel = await median(async () => {
  let cursor: string | null = null;
  for (let read = 0; read <= DEEP; read += PAGE) cursor = (await get(`limit=${PAGE}${cursor ? `&cursor=${cursor}` : ''}`)).nextCursor;
}, Math.min(ROUNDS, 3));
const firstPage = await median(() => get(`limit=${PAGE}`));
const jump = await median(async () => {
  const page = await get(`limit=${PAGE}&offset=${DEEP}`);
  if (page.recipients.length !== PAGE) throw new Error('the deep page is short');
});

// The queries alone: the old plan forced with INDEXED BY, against the plan SQLite picks now.
const deepId = Number((await t.client.execute({ sql: 'SELECT id FROM recipients WHERE campaign_id = ? ORDER BY id LIMIT 1 OFFSET ?', args: [campaign.id, DEEP] })).rows[0]!.id);
const pageSql = (index: string) => `SELECT * FROM recipients ${index} WHERE campaign_id = ? AND id > ? ORDER BY id LIMIT ${PAGE + 1}`;
const query = (index: string, after: number) => median(() => t.client.execute({ sql: pageSql(index), args: [campaign.id, after] }));
const rows = [
  ['query, page 1', await query('INDEXED BY recipients_by_campaign_status', 0), await query('', 0)],
  [`query, page at row ${DEEP.toLocaleString('en-US')} (cursor)`, await query('INDEXED BY recipients_by_campaign_status', deepId - 1), await query('', deepId - 1)],
] as const;
const plan = (await t.client.execute({ sql: `EXPLAIN QUERY PLAN ${pageSql('')}`, args: [campaign.id, 0] })).rows.map((row) => row.detail).join('; ');

console.log(`\n${RECIPIENTS.toLocaleString('en-US')} recipients (and as many in another campaign), median of ${ROUNDS}; new plan: ${plan}\n`);
console.log('| what | before ms | after ms | × faster |');
console.log('|---|---:|---:|---:|');
console.log(`| panel shows row ${DEEP.toLocaleString('en-US')}: every cursor page before it → one ?offset= page | ${oldPanel.toFixed(1)} | ${jump.toFixed(1)} | ${(oldPanel / jump).toFixed(0)} |`);
console.log(`| API, page 1 | | ${firstPage.toFixed(1)} | |`);
for (const [label, before, after] of rows) console.log(`| ${label} | ${before.toFixed(2)} | ${after.toFixed(2)} | ${(before / after).toFixed(1)} |`);
t.close();
rmSync(dir, { recursive: true, force: true });
