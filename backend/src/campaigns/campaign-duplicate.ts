import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { AppDeps } from '../deps';
import { campaigns } from '../db/schema';
import { newId } from '../lib/random';
import { ERASED_KEY_PREFIX } from '../../../shared/lib/erased-recipient';
import { newDraftState } from './campaign-service';
import type { CampaignRow } from './campaign-store';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** Rows per INSERT…SELECT: each statement stays short, even for a 50,000-row campaign. */
export const DUPLICATE_BATCH_ROWS = 5000;

/**
 * A copy of `campaign` as a new draft. With `recipients`, its recipients come too, as new 'pending'
 * ones: address and fields only, never their send state, events or jobs, and never an address
 * that unsubscribed, bounced or is on the user's suppression list (issue 14: Duplicate offers both),
 * nor an erased person's placeholder.
 *
 * The rows are copied inside the database (INSERT…SELECT, nothing crosses the wire) in slices of
 * DUPLICATE_BATCH_ROWS by id, all in one batch with the campaign row: the copy appears whole or not
 * at all.
 */
export async function duplicateCampaign(deps: Deps, campaign: CampaignRow, options: { recipients: boolean }): Promise<CampaignRow> {
  const now = deps.clock.now();
  const copy: CampaignRow = {
    ...campaign,
    id: newId('cmp'),
    name: `${campaign.name} (copy)`.slice(0, 200),
    ...newDraftState(now),
    // Its A/B variants and test come along (the same messages); the test's decision belongs to the original's sending.
    abDecision: null,
    // The merge fields come with the recipients who carry them.
    ...(options.recipients ? { fields: campaign.fields } : {}),
  };
  const insertCampaign = deps.db.insert(campaigns).values(copy);
  // The files come too: the copy's attachment field names them, and its messages are the same.
  const files = (await fileIds(deps, campaign)).map((id) => copyFile(deps, id, copy.id));
  if (!options.recipients) {
    await deps.db.batch([insertCampaign, ...files]);
    return copy;
  }
  const slices = await idSlices(deps, campaign);
  const copies: BatchItem<'sqlite'>[] = slices.map(([after, upTo]) => copyRecipients(deps, campaign, copy.id, now, after, upTo));
  await deps.db.batch([insertCampaign, ...files, ...copies]);
  return copy;
}

async function fileIds(deps: Deps, campaign: CampaignRow): Promise<string[]> {
  const rows = await deps.db.all<{ id: string }>(sql`
    SELECT id FROM campaign_attachments WHERE campaign_id = ${campaign.id} AND user_id = ${campaign.userId} ORDER BY created_at, rowid`);
  return rows.map((row) => row.id);
}

/** One file, its bytes copied inside the database (up to 25 MB: nothing crosses the wire), in the list's order. */
function copyFile(deps: Deps, id: string, copyId: string) {
  return deps.db.run(sql`
    INSERT INTO campaign_attachments (id, user_id, campaign_id, filename, content_type, size, sha256, shared, data, created_at)
    SELECT ${newId('att')}, user_id, ${copyId}, filename, content_type, size, sha256, shared, data, created_at
    FROM campaign_attachments WHERE id = ${id}`);
}

/**
 * The id ranges (after, upTo] that cut the campaign's recipients into slices of
 * DUPLICATE_BATCH_ROWS rows: every Nth id by a window over the campaign's own rows.
 */
async function idSlices(deps: Deps, campaign: CampaignRow): Promise<[number, number | null][]> {
  const rows = await deps.db.all<{ id: number }>(sql`
    SELECT id FROM (
      SELECT id, row_number() OVER (ORDER BY id) AS n
      FROM recipients
      WHERE campaign_id = ${campaign.id} AND user_id = ${campaign.userId}
    )
    WHERE n % ${DUPLICATE_BATCH_ROWS} = 0
    ORDER BY id`);
  const bounds = rows.map((row) => Number(row.id));
  const starts = [0, ...bounds];
  return starts.map((after, i) => [after, bounds[i] ?? null]);
}

/** One slice: the same addresses and fields, as new unsent recipients of the copy. */
function copyRecipients(deps: Deps, source: CampaignRow, copyId: string, now: Date, after: number, upTo: number | null) {
  return deps.db.run(sql`
    INSERT INTO recipients (campaign_id, user_id, email, email_key, fields, status, status_reason, last_event_at, created_at)
    SELECT ${copyId}, r.user_id, r.email, r.email_key, r.fields, 'pending', NULL, NULL, ${now.getTime()}
    FROM recipients AS r
    WHERE r.campaign_id = ${source.id}
      AND r.user_id = ${source.userId}
      AND r.id > ${after} ${upTo === null ? sql`` : sql`AND r.id <= ${upTo}`}
      AND r.status NOT IN ('unsubscribed', 'bounced')
      -- An erased person's placeholder (shared/lib/erased-recipient.ts) holds no one to send to.
      AND r.email_key NOT LIKE ${`${ERASED_KEY_PREFIX}%`}
      -- suppressions_pk (user_id, email_key) answers this per row.
      AND NOT EXISTS (SELECT 1 FROM suppressions AS s WHERE s.user_id = r.user_id AND s.email_key = r.email_key)
    ORDER BY r.id`);
}
