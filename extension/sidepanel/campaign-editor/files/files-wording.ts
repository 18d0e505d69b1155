import type { Attachment, AttachmentList } from '../../../../shared/schemas/attachments';
import { formatSize } from '../../../../shared/lib/format-size';
import type { MessageError } from '../../../messages/result';

/** "Largest message with these files: 3.2 MB of Gmail's 25 MB" (the list answer's figures, after encoding). */
export function sizeSummary(list: Pick<AttachmentList, 'largestMessageBytes' | 'maxMessageBytes'>, locale?: string): string {
  return `Largest message with these files: ${formatSize(list.largestMessageBytes, locale)} of Gmail's ${formatSize(list.maxMessageBytes, locale)}`;
}

/** Who gets a file: everyone, or the recipients whose file column names it. */
export function whoGetsIt(attachment: Pick<Attachment, 'shared' | 'filename'>, field: string | null): string {
  if (attachment.shared) return 'Every recipient';
  return field ? `Recipients whose “${field}” is ${attachment.filename}` : 'No one yet: choose the column that names each recipient’s file';
}

/**
 * What the user reads when an upload or removal fails: the server's sentence about the file itself
 * when it gave one (it carries the figures: "… would make each message 27.4 MB; Gmail's limit is 25 MB"),
 * else the whole message; out of reach, that files need the server (bytes are not queued on this device).
 */
export function fileErrorMessage(error: MessageError, filename?: string): string {
  if (error.code === 'unreachable' || error.code === 'not-connected') {
    return `Files go straight to your server, and it cannot be reached now${filename ? `: ${filename} was not added` : ''}. ${error.message}`;
  }
  const about = error.fields?.find((field) => field.field === 'file')?.message;
  const sentence = about ? `${about.replace(/\.$/, '')}.` : error.message;
  return filename && !sentence.includes(filename) ? `${filename}: ${sentence}` : sentence;
}

/** A file bigger than a whole message cannot go, whatever else the campaign has: said before any byte moves. */
export function tooBigBeforeSending(file: { name: string; size: number }, maxMessageBytes: number, locale?: string): string | null {
  if (file.size <= maxMessageBytes) return null;
  return `${file.name} is ${formatSize(file.size, locale)}; Gmail's limit is ${formatSize(maxMessageBytes, locale)} per message, this file included.`;
}

/** An empty file is refused by the server; say so before sending it. */
export function emptyFile(file: { name: string; size: number }): string | null {
  return file.size === 0 ? `${file.name} is empty.` : null;
}
