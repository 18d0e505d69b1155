/**
 * Nothing blocks the event loop (issue 17): a 100,000-recipient `recipients.csv` export, `/api/export`
 * and the launch of a 100,000-recipient campaign, each run through the real app while a child process
 * asks `/health` every 20 ms over a real socket. Prints the time, the longest event-loop delay (max,
 * p99), the longest stretch of this process's own CPU between two turns (steady when the machine is
 * busy) and the worst /health answer of each, against baselines measured in the same run: the idle
 * loop, and the one-piece way each was done before (every row read and the whole body built at once;
 * all 100,000 jobs written by one statement; the finish estimate simulated in one go). The launch's
 * parts are measured one by one after it (the preflight it asks for blockers, the finish estimate, the
 * progress it answers with), to name where its longest stretch is. The import has its own bench:
 * bench/csv-import.ts.
 *
 *   node_modules/.bin/tsx bench/event-loop.ts
 *
 * Always exits 0: it reports, it does not gate.
 */
import { serve } from '@hono/node-server';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { campaigns, gmailAccounts, recipients, users } from '../backend/src/db/schema';
import { quotaSendIntervalMs } from '../backend/src/limits/quota-budget';
import { pacedAccounts, planSends } from '../backend/src/schedule';
import { findCampaign } from '../backend/src/campaigns/campaign-store';
import { preflight } from '../backend/src/campaigns/preflight';
import { preflightTiming } from '../backend/src/campaigns/preflight-timing';
import { campaignProgress } from '../backend/src/campaigns/progress';
import { exportUserData } from '../backend/src/privacy/export-data';
import { recipientsToCsv } from '../backend/src/recipients/recipients-csv-export';
import { signedInAgent } from '../backend/src/testing/browser-agent';
import { connectSandboxMailbox } from '../backend/src/testing/connect-gmail';
import { createSandboxedTestApp } from '../backend/src/testing/sandboxed-test-app';
import { figuresHeader, figuresLine, startHealthProbe } from './event-loop-probe';
import { generateRecipientsCsv } from './recipients-csv-fixture';

const ROWS = 100_000;
const GOAL_MS = 50;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'iconnect-bench-loop-'));
  const t = await createSandboxedTestApp({ databaseUrl: `file:${join(dir, 'bench.db')}` });
  const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const probe = await startHealthProbe(`http://127.0.0.1:${(server.address() as AddressInfo).port}/health`);
  try {
    const { agent } = await signedInAgent(t, 'bench@example.com');
    await connectSandboxMailbox(agent, 'sender@gmail.com', { query: 'timezone=UTC' });
    const accountId = (await (await agent.get('/api/accounts')).json()).accounts[0].id as string;
    const [user] = await t.db.select().from(users).where(eq(users.email, 'bench@example.com'));
    const draft = async (name: string, prefix: string) => {
      const { id } = await (await agent.post('/api/campaigns', { name, subject: 'Hi {{first name}}', html: '<p>Hi</p>', accountIds: [accountId] })).json();
      const imported = await agent.request('POST', `/api/campaigns/${id}/recipients/import`, { body: generateRecipientsCsv(ROWS, prefix), headers: { 'content-type': 'text/csv' } });
      if (imported.status !== 201) throw new Error(`import: ${imported.status} ${await imported.text()}`);
      return id as string;
    };
    const launched = await draft('Launched', '');
    const baselineCampaign = await draft('Baseline', 'b');
    console.log(`${ROWS.toLocaleString('en-US')} recipients per campaign, two campaigns; file database; goal: no stretch over ${GOAL_MS} ms\n`);

    const rows: [string, Awaited<ReturnType<typeof probe.measure>>][] = [];
    const run = async (label: string, work: () => Promise<unknown> | unknown) => {
      const figures = await probe.measure(work);
      rows.push([label, figures]);
      console.log(figuresLine(label, figures));
    };
    console.log(figuresHeader());
    await run('baseline: idle (500 ms, nothing running)', () => new Promise((resolve) => setTimeout(resolve, 500)));

    // The launch as it was: every job in one INSERT … SELECT (the status flip and the skip aside).
    await run('baseline: 100,000 jobs in one statement', () =>
      t.db.run(sql`INSERT OR IGNORE INTO send_jobs (campaign_id, recipient_id, user_id, step, status, due_at, attempts, message_id, created_at)
        SELECT r.campaign_id, r.id, r.user_id, 0, 'queued', 0, 0, '<' || r.campaign_id || '.' || r.id || '.0@bench>', 0
        FROM recipients r WHERE r.campaign_id = ${baselineCampaign} AND r.status = 'pending'`),
    );
    let launchStatus = 0;
    await run('POST /launch (jobs in slices)', async () => {
      launchStatus = (await agent.post(`/api/campaigns/${launched}/launch`, {})).status;
    });
    // Where the launch's longest stretch is: its parts one by one, on the campaign just launched (the
    // preflight it asks for blockers only, the finish estimate alone, the progress it answers with).
    const launchedRow = (await findCampaign(t.deps, user!.id, launched))!;
    const { dns: _warningsOnly, ...blockersOnly } = t.deps;
    await run('  part: preflight, blockers only (as the launch asks)', () => preflight(blockersOnly, { ...launchedRow, status: 'draft' }, { allowBlank: true, timing: false }));
    await run('  part: the finish estimate alone (preflightTiming)', () => preflightTiming(t.deps, launchedRow, ROWS));
    await run('  part: the progress the launch answers with', () => campaignProgress(t.deps, launchedRow));
    // The estimate as it was made before (issue 17): the whole simulation in one go, for the same campaign.
    const [accountRow] = await t.db.select().from(gmailAccounts).where(eq(gmailAccounts.id, accountId));
    await run('baseline: the finish estimate in one piece (planSends)', () =>
      planSends({
        schedule: launchedRow.schedule,
        now: t.clock.now(),
        firstMessages: ROWS,
        followUpDelayHours: [],
        accounts: pacedAccounts([accountRow!], new Map()),
        minSendIntervalMs: quotaSendIntervalMs(t.deps.quota?.unitsPerMinute ?? null),
      }),
    );
    // The streamed downloads first: the one-piece baselines leave 100 MB of garbage, whose collection
    // would otherwise land in the streamed runs' figures.
    let streamedCsv = { bytes: 0, sha256: '' };
    await run('GET recipients.csv (streamed)', async () => {
      streamedCsv = await readAsAClientWould(await agent.get(`/api/campaigns/${launched}/recipients.csv`));
    });
    let streamedJson = { bytes: 0, sha256: '' };
    await run('GET /api/export (streamed)', async () => {
      streamedJson = await readAsAClientWould(await agent.get('/api/export'));
    });
    let csv = { bytes: 0, sha256: '' };
    await run('baseline: recipients.csv in one piece (read all, build)', async () => {
      const all = await t.db.select().from(recipients).where(eq(recipients.campaignId, launched)).orderBy(recipients.id);
      const fields = (await t.db.select({ fields: campaigns.fields }).from(campaigns).where(eq(campaigns.id, launched)))[0]!.fields;
      csv = digest(new TextEncoder().encode(recipientsToCsv(all, fields)));
    });
    let json = { bytes: 0, sha256: '' };
    await run('baseline: /api/export in one piece (exportUserData)', async () => {
      json = digest(new TextEncoder().encode(JSON.stringify(await exportUserData(t, user!.id))));
    });
    console.log(`  the same bytes as the one-piece CSV: ${streamedCsv.sha256 === csv.sha256 ? 'yes' : `NO (${streamedCsv.bytes} vs ${csv.bytes})`}`);
    console.log(`  the same bytes as the one-piece export: ${streamedJson.sha256 === json.sha256 ? 'yes' : `NO (${streamedJson.bytes} vs ${json.bytes})`}`);

    const [jobs] = await t.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM send_jobs WHERE campaign_id = ${launched}`);
    console.log(`\nlaunch answered ${launchStatus}, ${jobs!.n.toLocaleString('en-US')} jobs queued; recipients.csv ${(csv.bytes / 1e6).toFixed(1)} MB, /api/export ${(json.bytes / 1e6).toFixed(1)} MB`);
    const figuresOf = (label: string) => rows.find(([seen]) => seen.startsWith(label))?.[1].cpuStretchMs.toFixed(0) ?? '?';
    console.log(
      `the launch's parts, longest stretch of own CPU: preflight (blockers only) ${figuresOf('  part: preflight')} ms; finish estimate ${figuresOf('  part: the finish')} ms ` +
        `in slices, ${figuresOf('baseline: the finish')} ms in one piece; progress ${figuresOf('  part: the progress')} ms`,
    );
    for (const [label, figures] of rows.filter(([label]) => !label.startsWith('baseline') && !label.startsWith('  part'))) {
      console.log(`${label}: longest delay ${figures.loopMaxMs.toFixed(0)} ms, under ${GOAL_MS} ms: ${figures.loopMaxMs < GOAL_MS ? 'yes' : 'NO'}; longest stretch of its own CPU ${figures.cpuStretchMs.toFixed(0)} ms`);
    }
  } finally {
    probe.close();
    server.close();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function digest(bytes: Uint8Array) {
  return { bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * A download as another process would take it: piece by piece as they come, never the whole body
 * joined in this process (`arrayBuffer()` would copy 90 MB in one go, a stretch of the bench's own).
 */
async function readAsAClientWould(response: Response) {
  const hash = createHash('sha256');
  let bytes = 0;
  const reader = response.body!.getReader();
  for (let piece = await reader.read(); !piece.done; piece = await reader.read()) {
    bytes += piece.value.byteLength;
    hash.update(piece.value);
  }
  return { bytes, sha256: hash.digest('hex') };
}

main()
  .catch((error: unknown) => console.error(error))
  .finally(() => process.exit(0));
