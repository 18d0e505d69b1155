import { describe, expect, it } from 'vitest';
import { newId } from '../lib/random';
import { seedCampaign } from '../testing/seed-campaign';
import { useTestApp } from '../testing/use-test-app';
import { IMPORT_STALE_MS, importRecord } from './import-record';
import { runningImportBlocker } from './running-import-blocker';

const t = useTestApp();

async function campaignWithImport(status: 'running' | 'done' | 'abandoned' | null) {
  const ids = await seedCampaign(t.db, t.clock.now());
  if (status !== null) {
    const id = newId('imp');
    await importRecord.start(t.db, { id, ...ids, now: t.clock.now() });
    await t.client.execute({ sql: 'UPDATE recipient_imports SET status = ? WHERE id = ?', args: [status, id] });
  }
  return ids.campaignId;
}

describe('the launch waits for a running import', () => {
  it('blocks while an import into the campaign runs, in plain words', async () => {
    const campaignId = await campaignWithImport('running');
    expect(await runningImportBlocker(t.db, campaignId, t.clock.now())).toEqual({
      code: 'import-running',
      message: 'Recipients are still being imported into this campaign. Launch once the import has finished, so the whole list gets the message.',
    });
  });

  it('still blocks once the import died, saying its recipients are being taken back', async () => {
    const campaignId = await campaignWithImport('running');
    t.clock.advance(IMPORT_STALE_MS + 1);
    expect(await runningImportBlocker(t.db, campaignId, t.clock.now())).toMatchObject({ code: 'import-running', message: expect.stringMatching(/stopped midway.*taken back/) });
  });

  it('does not block for a finished or taken-back import, none at all, or another campaign’s running import', async () => {
    await campaignWithImport('running');
    for (const status of ['done', 'abandoned', null] as const) {
      expect(await runningImportBlocker(t.db, await campaignWithImport(status), t.clock.now())).toBeNull();
    }
  });
});
