import { normaliseFieldName, type NormalisedFields } from '../../../shared/merge';
import type { AttachmentMeta } from './attachment-store';

export type RecipientFiles<F extends Pick<AttachmentMeta, 'filename' | 'shared'> = AttachmentMeta> =
  | { ok: true; files: F[] }
  /** The recipient's field names a file the campaign does not have. */
  | { ok: false; filename: string };

/**
 * The per-recipient rule: which files one recipient's message carries. Every shared file, plus the
 * file the campaign's attachment field names for this recipient: by its file name as written
 * (values are trimmed; case counts, as file names on most systems are case-sensitive and the user
 * sees the name in both places). An empty or absent value names no file: nothing extra, nothing
 * missing. A name with no such file is `ok: false`: the preflight lists it and blocks the launch, and
 * the engine skips such a recipient rather than send without the file.
 *
 * @example filesFor(files, 'Invoice', normaliseFields({ Invoice: ' inv-0042.pdf ' }))
 */
export function filesFor<F extends Pick<AttachmentMeta, 'filename' | 'shared'>>(
  files: readonly F[],
  attachmentField: string | null,
  fields: NormalisedFields,
): RecipientFiles<F> {
  const shared = files.filter((file) => file.shared);
  const named = attachmentField === null ? undefined : fields.get(normaliseFieldName(attachmentField));
  if (named === undefined || named === '') return { ok: true, files: shared };
  const own = files.find((file) => file.filename === named.normalize('NFC'));
  if (!own) return { ok: false, filename: named };
  return { ok: true, files: own.shared ? shared : [...shared, own] };
}
