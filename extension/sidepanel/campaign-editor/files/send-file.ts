import type { Attachment } from '../../../../shared/schemas/attachments';
import { UPLOAD_PIECE_BYTES } from '../../../messages/upload-piece';
import { err, ok, type Result } from '../../../messages/result-envelope';
import { sendMessage } from '../../send-message';

/**
 * Sends one file to the campaign through the background (the token stays there), a piece at a time:
 * runtime messages are JSON, so each piece goes as base64 (messages/upload-piece.ts).
 * `onProgress(sent, toServer)` hears the bytes the background holds after each piece, then, as the
 * last piece goes, `toServer` true: its answer comes once the server has stored the whole file (a
 * service worker's fetch has no upload progress, and streaming a request body needs HTTP/2, which a
 * self-hosted server seldom speaks).
 */
export async function sendFile(
  campaignId: string,
  file: File,
  shared: boolean,
  onProgress: (sent: number, toServer: boolean) => void,
): Promise<Result<Attachment>> {
  const uploadId = crypto.randomUUID();
  for (let offset = 0; offset < file.size; offset += UPLOAD_PIECE_BYTES) {
    const end = Math.min(file.size, offset + UPLOAD_PIECE_BYTES);
    const last = end === file.size;
    const piece = await readBase64(file.slice(offset, end));
    if (piece === null) return err('invalid', `${file.name} could not be read. Is it still on this computer?`);
    if (last) onProgress(offset, true);
    const sent = await sendMessage({ type: 'attachments/upload', campaignId, uploadId, filename: file.name, size: file.size, shared, offset, piece, last });
    if (!sent.ok) return sent;
    if (sent.value.attachment) return ok(sent.value.attachment);
    onProgress(sent.value.received, false);
  }
  return err('internal', 'The extension did not confirm the upload. Close and reopen the side panel.');
}

/** A slice's bytes as base64, read natively (a data: URL) rather than byte by byte in script. */
function readBase64(blob: Blob): Promise<string | null> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result.slice(reader.result.indexOf(',') + 1) : null);
    reader.onerror = () => resolve(null);
    reader.readAsDataURL(blob);
  });
}
