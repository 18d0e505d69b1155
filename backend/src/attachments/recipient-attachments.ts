import { normaliseFields } from '../../../shared/merge';
import type { RecipientAttachment } from '../../../shared/schemas/attachments';
import type { AppDeps } from '../deps';
import { listAttachments, loadAttachmentFiles, type AttachmentFile } from './attachment-store';
import { filesFor } from './recipient-files';

type Campaign = { id: string; attachmentField: string | null };

/** What one recipient's message carries, for the preview: the files, or the name of the one missing. */
export async function recipientAttachments(
  deps: Pick<AppDeps, 'db'>,
  campaign: Campaign,
  fields: Record<string, string>,
): Promise<{ attachments: RecipientAttachment[]; missingFile: string | null }> {
  const result = filesFor(await listAttachments(deps, campaign.id), campaign.attachmentField, normaliseFields(fields));
  if (!result.ok) return { attachments: [], missingFile: result.filename };
  return { attachments: result.files.map((file) => ({ id: file.id, filename: file.filename, size: file.size, shared: file.shared })), missingFile: null };
}

/** The files with their bytes, for a test send of a draft (read fresh: a draft's files still change). */
export async function recipientFiles(
  deps: Pick<AppDeps, 'db'>,
  campaign: Campaign,
  fields: Record<string, string>,
): Promise<{ ok: true; files: AttachmentFile[] } | { ok: false; filename: string }> {
  const result = filesFor(await listAttachments(deps, campaign.id), campaign.attachmentField, normaliseFields(fields));
  if (!result.ok) return result;
  return { ok: true, files: await loadAttachmentFiles(deps, campaign.id, result.files.map((file) => file.id)) };
}
