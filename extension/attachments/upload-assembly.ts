import { err, ok, type Result } from '../messages/result-envelope';

/** One `attachments/upload` message, as the router parsed it. */
export interface UploadPiece {
  campaignId: string;
  uploadId: string;
  filename: string;
  size: number;
  shared: boolean;
  offset: number;
  /** base64 */
  piece: string;
  last: boolean;
}

/** A whole file, ready for the POST. */
export interface AssembledFile {
  campaignId: string;
  filename: string;
  shared: boolean;
  bytes: Blob;
}

/**
 * Files arriving piece by piece from the panel (runtime messages are JSON, so a file cannot travel
 * whole as bytes: messages/upload-piece.ts), held in the background's memory until the last piece. Bounded:
 * each file is at most Gmail's 25 MB (the message schema), and at most `maxOpen` unfinished files are
 * kept (a panel closed mid-upload leaves one behind; the oldest goes first). Not in IndexedDB: an
 * upload needs the server, so one the service worker forgot is simply started again.
 *
 * @example
 * const uploads = createUploadAssembly();
 * uploads.add({ ...piece, offset: 0, last: true }) // ok({ received: 5, file: { … } })
 */
export function createUploadAssembly(maxOpen = 3) {
  const open = new Map<string, { head: Omit<UploadPiece, 'offset' | 'piece' | 'last'>; parts: Uint8Array[]; received: number }>();

  return {
    add(piece: UploadPiece): Result<{ received: number; file: AssembledFile | null }> {
      const { offset, last, ...head } = piece;
      if (offset === 0) {
        open.delete(head.uploadId);
        while (open.size >= maxOpen) open.delete(open.keys().next().value!);
        open.set(head.uploadId, { head: { campaignId: head.campaignId, uploadId: head.uploadId, filename: head.filename, size: head.size, shared: head.shared }, parts: [], received: 0 });
      }
      const upload = open.get(head.uploadId);
      const same = upload && upload.head.campaignId === head.campaignId && upload.head.filename === head.filename && upload.head.size === head.size && upload.head.shared === head.shared;
      if (!upload || !same || upload.received !== offset) {
        open.delete(head.uploadId);
        return err('invalid', `The upload of ${head.filename} was interrupted (the extension restarted, or its pieces arrived out of order). Add the file again.`);
      }
      const bytes = fromBase64(piece.piece);
      if (bytes === null || upload.received + bytes.length > upload.head.size || (bytes.length === 0 && !last)) {
        open.delete(head.uploadId);
        return err('invalid', `${head.filename} changed while it was being read. Add it again.`);
      }
      upload.parts.push(bytes);
      upload.received += bytes.length;
      if (!last) return ok({ received: upload.received, file: null });

      open.delete(head.uploadId);
      if (upload.received !== upload.head.size) return err('invalid', `${head.filename} changed while it was being read. Add it again.`);
      return ok({ received: upload.received, file: { campaignId: head.campaignId, filename: head.filename, shared: head.shared, bytes: new Blob(upload.parts as BlobPart[]) } });
    },
    /** Unfinished uploads held, for tests. */
    get openCount() {
      return open.size;
    },
  };
}

function fromBase64(text: string): Uint8Array | null {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
