import type { PreflightAttachments, RecipientAttachment } from '../../../../shared/schemas/attachments';
import { formatSize } from '../../../../shared/lib/format-size';
import { formatCount, formatPlural } from '../../format';

const list = (items: readonly string[]) => new Intl.ListFormat(undefined, { type: 'conjunction' }).format(items);

/**
 * The preview's files line: what this recipient's message carries, or that their own file is missing.
 *
 * @example previewFilesLine([{ filename: 'a.pdf', size: 2048, shared: true, id: 'att_1' }], null) // 'With a.pdf (2 kB).'
 */
export function previewFilesLine(files: readonly RecipientAttachment[] | undefined, missingFile: string | null | undefined): string | null {
  const carried = files && files.length > 0 ? `With ${list(files.map((file) => `${file.filename} (${formatSize(file.size)})`))}.` : null;
  const missing = missingFile ? `Their file ${missingFile} is not among the campaign's files: they would be skipped.` : null;
  return [carried, missing].filter(Boolean).join(' ') || null;
}

/**
 * The Launch tab's files line (issue 18): how many files, the largest message against Gmail's
 * limit, and how many recipients name a file the campaign does not have.
 */
export function preflightFilesLine(attachments: PreflightAttachments): string | null {
  if (attachments.files === 0 && attachments.perRecipientField === null) return null;
  const size = `the largest message is ${formatSize(attachments.largestMessageBytes)} of Gmail's ${formatSize(attachments.maxMessageBytes)}`;
  const files = `${formatPlural(attachments.files, { one: 'file', other: 'files' })}; ${size}`;
  if (attachments.perRecipientField === null) return `${files}.`;
  const missing =
    attachments.missing === 0
      ? `every recipient's “${attachments.perRecipientField}” names one of them`
      : `${formatCount(attachments.missing)} ${attachments.missing === 1 ? 'recipient’s' : 'recipients’'} “${attachments.perRecipientField}” ${attachments.missing === 1 ? 'names a file' : 'name files'} the campaign does not have`;
  return `${files}; ${missing}.`;
}
