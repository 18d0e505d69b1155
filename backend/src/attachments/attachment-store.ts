import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Attachment } from '../../../shared/schemas/attachments';
import type { AppDeps } from '../deps';
import { campaignAttachments, campaigns } from '../db/schema';
import { noLaunchUnderWaySql } from './launch-mark';

type Db = Pick<AppDeps, 'db'>;

/** A campaign file without its bytes: what lists, the size rule and the per-recipient rule need. */
export type AttachmentMeta = Omit<typeof campaignAttachments.$inferSelect, 'data'>;
/** With its bytes: what a message carries. */
export type AttachmentFile = AttachmentMeta & { data: Uint8Array };

const META = {
  id: campaignAttachments.id,
  userId: campaignAttachments.userId,
  campaignId: campaignAttachments.campaignId,
  filename: campaignAttachments.filename,
  contentType: campaignAttachments.contentType,
  size: campaignAttachments.size,
  sha256: campaignAttachments.sha256,
  shared: campaignAttachments.shared,
  createdAt: campaignAttachments.createdAt,
};

/** A campaign's files in upload order, bytes left in the database (served by campaign_attachments_one_name). */
export async function listAttachments(deps: Db, campaignId: string): Promise<AttachmentMeta[]> {
  return deps.db.select(META).from(campaignAttachments).where(eq(campaignAttachments.campaignId, campaignId)).orderBy(asc(campaignAttachments.createdAt), sql`rowid`); // rowid: the order they were added, within a millisecond too
}

/** These files with their bytes (the ones a message carries). */
export async function loadAttachmentFiles(deps: Db, campaignId: string, ids: readonly string[]): Promise<AttachmentFile[]> {
  if (ids.length === 0) return [];
  const rows = await deps.db
    .select()
    .from(campaignAttachments)
    .where(and(eq(campaignAttachments.campaignId, campaignId), inArray(campaignAttachments.id, [...ids])));
  // Keep the caller's order: the message lists files as the campaign does.
  const files: AttachmentFile[] = [];
  for (const id of ids) {
    const row = rows.find((candidate) => candidate.id === id);
    if (row) files.push({ ...row, data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength) });
  }
  return files;
}

/**
 * While the campaign is a draft that no launch is writing: a launch keeps status 'draft' with
 * launched_at set while it writes its jobs in slices (campaigns/campaign-state-machine.ts), and the
 * messages must carry the files as they were when it began. A stale mark (a launch that crashed
 * between slices, launch-mark.ts) locks nothing.
 */
function editableCampaign(userId: string, campaignId: string, now: Date) {
  return sql`EXISTS (SELECT 1 FROM ${campaigns} WHERE ${campaigns.id} = ${campaignId} AND ${campaigns.userId} = ${userId} AND ${campaigns.status} = 'draft' AND ${noLaunchUnderWaySql(now)})`;
}

/**
 * Stores a file if its campaign is still editable (at the row's `createdAt`), checked in the same statement as the write:
 * the upload's body takes a while to read, and a launch may begin meanwhile. `duplicate`: the
 * campaign already has a file of that name (the unique index says so, race-free).
 */
export async function insertAttachment(deps: Db, row: AttachmentFile): Promise<'inserted' | 'duplicate' | 'not-editable'> {
  const data = Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength);
  try {
    // Columns in the table's order (drizzle's insert-select writes them so).
    const inserted = await deps.db
      .insert(campaignAttachments)
      .select(
        sql`SELECT ${row.id}, ${row.userId}, ${row.campaignId}, ${row.filename}, ${row.contentType}, ${row.size}, ${row.sha256}, ${row.shared ? 1 : 0}, ${data}, ${row.createdAt.getTime()} WHERE ${editableCampaign(row.userId, row.campaignId, row.createdAt)}`,
      )
      .returning({ id: campaignAttachments.id });
    return inserted.length > 0 ? 'inserted' : 'not-editable';
  } catch (error) {
    if (String((error as { cause?: unknown })?.cause ?? error).includes('UNIQUE constraint failed')) return 'duplicate';
    throw error;
  }
}

/** Removes one file of this user's campaign while the campaign is editable at `now` (see insertAttachment). */
export async function deleteAttachment(deps: Db, userId: string, campaignId: string, id: string, now: Date): Promise<'deleted' | 'not-found' | 'not-editable'> {
  const removed = await deps.db
    .delete(campaignAttachments)
    .where(and(eq(campaignAttachments.id, id), eq(campaignAttachments.campaignId, campaignId), eq(campaignAttachments.userId, userId), editableCampaign(userId, campaignId, now)))
    .returning({ id: campaignAttachments.id });
  if (removed.length > 0) return 'deleted';
  const [exists] = await deps.db
    .select({ id: campaignAttachments.id })
    .from(campaignAttachments)
    .where(and(eq(campaignAttachments.id, id), eq(campaignAttachments.campaignId, campaignId), eq(campaignAttachments.userId, userId)));
  return exists ? 'not-editable' : 'not-found';
}

/** The API's shape of a file. */
export function toAttachment(row: AttachmentMeta): Attachment {
  return { id: row.id, filename: row.filename, contentType: row.contentType, size: row.size, sha256: row.sha256, shared: row.shared, createdAt: row.createdAt.toISOString() };
}
