import { and, desc, eq } from 'drizzle-orm';
import type { PreflightBlocker } from '../../../shared/schemas/launch';
import type { Database } from '../db/database';
import { recipientImports } from '../db/schema';
import { IMPORT_STALE_MS } from './import-record';

/**
 * The preflight's blocker while an import into the campaign is running (issue 17 leftover): its
 * rows are not a finished list yet, and a launch would send to part of it. An import that died
 * midway blocks too, until abandoned-imports.ts has taken its rows back (within a few minutes);
 * the words say which. null: no import running, launch away.
 *
 * @example const blocker = await runningImportBlocker(deps.db, campaign.id, deps.clock.now()); if (blocker) blockers.push(blocker);
 */
export async function runningImportBlocker(db: Database, campaignId: string, now: Date): Promise<PreflightBlocker | null> {
  // recipient_imports_by_status (status, touched_at): the running imports are few.
  const [newest] = await db
    .select({ touchedAt: recipientImports.touchedAt })
    .from(recipientImports)
    .where(and(eq(recipientImports.status, 'running'), eq(recipientImports.campaignId, campaignId)))
    .orderBy(desc(recipientImports.touchedAt))
    .limit(1);
  if (!newest) return null;
  if (now.getTime() - newest.touchedAt.getTime() <= IMPORT_STALE_MS) {
    return { code: 'import-running', message: 'Recipients are still being imported into this campaign. Launch once the import has finished, so the whole list gets the message.' };
  }
  return {
    code: 'import-running',
    message: 'An import into this campaign stopped midway (the server restarted). Its recipients are being taken back, which takes a few minutes; then import the file again and launch.',
  };
}
