import { base64urlToBytes, bytesToBinary } from './ids';
import type { StoredMessage } from './mailbox-store';
import { buildMetadataPayload, buildPayload } from './mime-payload';

/**
 * The Message resource in each `format`
 * (https://developers.google.com/gmail/api/reference/rest/v1/Format): `minimal` has no payload,
 * `metadata` has top-level headers, `full` the parsed MIME tree, `raw` the base64url message.
 * Ids are strings, and so are `historyId` and `internalDate` (int64 in JSON).
 */
export type MessageFormat = 'minimal' | 'full' | 'raw' | 'metadata';

export function parseFormat(value: string | undefined): MessageFormat | undefined {
  const format = (value ?? 'full').toLowerCase();
  return format === 'minimal' || format === 'full' || format === 'raw' || format === 'metadata' ? format : undefined;
}

export function messageResource(message: StoredMessage, format: MessageFormat, metadataHeaders: string[] = []) {
  const base = {
    id: message.id,
    threadId: message.threadId,
    labelIds: message.labelIds,
    snippet: message.snippet,
    sizeEstimate: message.sizeEstimate,
    historyId: String(message.historyId),
    internalDate: String(message.internalDate),
  };
  if (format === 'minimal') return base;
  if (format === 'raw') return { ...base, raw: message.raw };
  const binary = bytesToBinary(base64urlToBytes(message.raw) ?? new Uint8Array());
  if (format === 'metadata') return { ...base, payload: buildMetadataPayload(binary, metadataHeaders) };
  return { ...base, payload: buildPayload(binary) };
}
