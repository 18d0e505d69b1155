import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditPageSchema } from '../../../shared/schemas/audit';
import { campaignSchema } from '../../../shared/schemas/campaigns';
import { recipientPageSchema } from '../../../shared/schemas/recipients';
import { countersFromRawRows, storedCounters } from '../analytics/testing/counters-from-raw-rows';
import { whatHappened } from '../dashboard/audit/activity-words';
import { campaigns, recipientImports, recipients } from '../db/schema';
import { importRecipientsCsv } from '../recipients/add-recipients';
import { INSERTS_PER_BATCH, ROWS_PER_INSERT } from '../recipients/add-recipients/store-recipients';
import { signedInEach } from '../testing/use-test-app';
import { takeBackAbandonedImports, takeBackAbandonedImportsIfDue } from './abandoned-imports';
import { IMPORT_STALE_MS } from './import-record';
import { runningImportBlocker } from './running-import-blocker';
import { stopAfterBatches } from './testing/stopped-import';

const { t, agent, user } = signedInEach('importer@example.com');

const ROWS_PER_BATCH = ROWS_PER_INSERT * INSERTS_PER_BATCH;
/** Three batches: the first two hold 2,500 rows (4 + 1 INSERTs; the last batch always has the last 4). */
const ROWS = ROWS_PER_BATCH * 2 + 100;
const csvOf = (prefix: string, rows: number) => ['email,n', ...Array.from({ length: rows }, (_, i) => `${prefix}${i}@example.com,${i}`)].join('\n');

async function newCampaign(name: string): Promise<string> {
  return (await (await agent.post('/api/campaigns', { name })).json()).id;
}

const importCsv = (campaignId: string, csv: string, pause?: () => Promise<void>) =>
  importRecipientsCsv(t.deps, { userId: user.id, campaignId, body: new TextEncoder().encode(csv), pause });

/** An import of {@link ROWS} rows held after its second batch, as a killed process leaves it. */
async function stoppedImport(campaignId: string, prefix = 'row') {
  const gate = stopAfterBatches(2);
  const importing = importCsv(campaignId, csvOf(prefix, ROWS), gate.pause);
  await gate.stopped;
  const running = (await importsOf(campaignId)).find((row) => row.status === 'running')!;
  return { gate, importing, importId: running.id };
}

const importsOf = (campaignId: string) => t.db.select().from(recipientImports).where(eq(recipientImports.campaignId, campaignId));
const idsOf = async (campaignId: string, importId?: string) =>
  (
    await t.db
      .select({ id: recipients.id })
      .from(recipients)
      .where(and(eq(recipients.campaignId, campaignId), importId === undefined ? undefined : eq(recipients.importId, importId)))
      .orderBy(recipients.id)
  ).map((row) => row.id);

/** What the panel shows of the list: its length, and the campaign's counts. */
async function userSees(campaignId: string) {
  const page = recipientPageSchema.parse(await (await agent.get(`/api/campaigns/${campaignId}/recipients?limit=1`)).json());
  const campaign = campaignSchema.parse(await (await agent.get(`/api/campaigns/${campaignId}`)).json());
  return { listed: page.total, counted: campaign.counts.total, pending: campaign.counts.pending };
}

describe('an import that stopped midway (issue 17 leftover: no list cut silently)', () => {
  it('is taken back whole once stale, keeping an earlier import and hand-added recipients, with the counts and the audit log true', async () => {
    const campaignId = await newCampaign('Spring');
    // Added by hand through the API, and one from before imports were recorded (no import_id).
    expect((await agent.post(`/api/campaigns/${campaignId}/recipients`, { recipients: [{ email: 'ada@example.com', fields: {} }, { email: 'bob@example.com', fields: {} }] })).status).toBe(201);
    await t.client.execute({
      sql: "INSERT INTO recipients (campaign_id, user_id, email, email_key, fields, status, created_at) VALUES (?, ?, 'old@example.com', 'old@example.com', '{}', 'pending', 0)",
      args: [campaignId, user.id],
    });
    expect((await importCsv(campaignId, csvOf('early', 50))).imported).toBe(50);
    const kept = await idsOf(campaignId);
    expect(kept).toHaveLength(53);

    const { gate, importing, importId } = await stoppedImport(campaignId);
    const written = await idsOf(campaignId, importId);
    expect(written).toHaveLength(ROWS_PER_INSERT * (INSERTS_PER_BATCH + 1));
    expect(await importsOf(campaignId)).toContainEqual(expect.objectContaining({ id: importId, status: 'running', rows: written.length }));
    // Half a list is in the panel meanwhile, and the launch waits for the import.
    expect(await userSees(campaignId)).toEqual({ listed: 53 + written.length, counted: 53 + written.length, pending: 53 + written.length });
    expect(await runningImportBlocker(t.db, campaignId, t.clock.now())).toMatchObject({ code: 'import-running', message: expect.stringContaining('still being imported') });

    // Not stale yet (a live import touches its row every few ms): nothing is taken.
    t.clock.advance(IMPORT_STALE_MS);
    expect(await takeBackAbandonedImports(t.deps)).toEqual([]);
    expect(await idsOf(campaignId, importId)).toEqual(written);

    t.clock.advance(1);
    expect(await runningImportBlocker(t.db, campaignId, t.clock.now())).toMatchObject({ code: 'import-running', message: expect.stringContaining('stopped midway') });
    const versionBefore = (await t.db.select().from(campaigns).where(eq(campaigns.id, campaignId)))[0]!.version;
    expect(await takeBackAbandonedImports(t.deps)).toEqual([{ importId, campaignId, userId: user.id, rows: written.length }]);

    expect(await idsOf(campaignId)).toEqual(kept);
    expect(await importsOf(campaignId)).toContainEqual(expect.objectContaining({ id: importId, status: 'abandoned' }));
    expect(await runningImportBlocker(t.db, campaignId, t.clock.now())).toBeNull();
    expect(await userSees(campaignId)).toEqual({ listed: 53, counted: 53, pending: 53 });
    const counters = await storedCounters(t.client);
    expect(counters.analytics_recipients).toEqual((await countersFromRawRows(t.client)).analytics_recipients);
    expect(counters.analytics_recipients).toContainEqual(expect.objectContaining({ campaign_id: campaignId, status: 'pending', recipients: 53 }));
    // The version moves, so the panel's sync fetches the true counts.
    expect((await t.db.select().from(campaigns).where(eq(campaigns.id, campaignId)))[0]!.version).toBe(versionBefore + 1);

    const log = auditPageSchema.parse(await (await agent.get('/api/audit')).json()).entries;
    const entry = log.find((e) => e.action === 'recipients.import_taken_back');
    expect(entry).toMatchObject({ actor: 'system', subject: campaignId, detail: { rows: 2_500 } });
    expect(whatHappened(entry!)).toBe('An import stopped midway (server restart) and was taken back: 2,500 rows');

    // A second pass finds nothing more to do.
    t.clock.advance(IMPORT_STALE_MS * 2);
    expect(await takeBackAbandonedImports(t.deps)).toEqual([]);

    // The process was only frozen and wakes up: it stops at once, adds nothing back, finishes nothing.
    gate.wake();
    await expect(importing).rejects.toMatchObject({ status: 409, init: { extra: { reason: 'import-taken-back' } } });
    expect(await idsOf(campaignId)).toEqual(kept);
    expect(await importsOf(campaignId)).toContainEqual(expect.objectContaining({ id: importId, status: 'abandoned' }));
    const campaign = (await t.db.select().from(campaigns).where(eq(campaigns.id, campaignId)))[0]!;
    expect(campaign.fields).toEqual(['n']);
    expect(campaign.version).toBe(versionBefore + 1);
  });

  it('leaves a running import alone while it is fresh, and it finishes whole', async () => {
    const dead = await newCampaign('Dead');
    const live = await newCampaign('Live');
    const stopped = await stoppedImport(dead, 'dead');
    t.clock.advance(IMPORT_STALE_MS + 1);
    const gate = stopAfterBatches(1);
    const importing = importCsv(live, csvOf('live', ROWS), gate.pause);
    await gate.stopped;
    const liveRows = await idsOf(live);
    expect(liveRows.length).toBeGreaterThan(0);

    expect((await takeBackAbandonedImports(t.deps)).map((taken) => taken.importId)).toEqual([stopped.importId]);
    expect(await idsOf(dead)).toEqual([]);
    expect(await idsOf(live)).toEqual(liveRows);
    expect(await importsOf(live)).toEqual([expect.objectContaining({ status: 'running' })]);

    gate.wake();
    expect(await importing).toMatchObject({ imported: ROWS });
    expect(await importsOf(live)).toEqual([expect.objectContaining({ status: 'done', rows: ROWS })]);
    expect(await idsOf(live)).toHaveLength(ROWS);
    expect(await runningImportBlocker(t.db, live, t.clock.now())).toBeNull();
  });

  it('keeps a recipient the campaign already has a message for: their history stays', async () => {
    const campaignId = await newCampaign('Launched anyway');
    const { importId } = await stoppedImport(campaignId);
    const [first] = await idsOf(campaignId, importId);
    await t.client.execute({
      sql: "INSERT INTO send_jobs (campaign_id, recipient_id, user_id, step, status, due_at, message_id, created_at) VALUES (?, ?, ?, 0, 'queued', 0, '<x@example.com>', 0)",
      args: [campaignId, first!, user.id],
    });
    t.clock.advance(IMPORT_STALE_MS + 1);
    expect(await takeBackAbandonedImports(t.deps)).toEqual([expect.objectContaining({ importId, rows: 2_499 })]);
    expect(await idsOf(campaignId)).toEqual([first]);
  });

  it('looks at most every 30 seconds from the scheduler tick', async () => {
    const campaignId = await newCampaign('Ticked');
    await stoppedImport(campaignId);
    t.clock.advance(IMPORT_STALE_MS + 1);
    expect(await takeBackAbandonedImportsIfDue(t.deps)).toHaveLength(1);
    expect(await takeBackAbandonedImportsIfDue(t.deps)).toBeNull();
    expect(await idsOf(campaignId)).toEqual([]);
  });
});
