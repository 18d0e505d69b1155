import type * as z from 'zod';
import { JSON_BODY_LIMIT_BYTES } from '../../shared/lib/body-limits';
import { IMPORT_LIMITS } from '../../shared/recipients-csv/import-limits';
import { tooLargeMessage } from '../../shared/lib/format-size';
import { err, type MessageError } from '../messages/result';

/** What a message may weigh, as the server will take its body: a CSV import more, everything else the JSON limit. */
function limitFor(type: unknown): number {
  return type === 'recipients/import' ? IMPORT_LIMITS.maxBytes : JSON_BODY_LIMIT_BYTES;
}

/** UTF-8 bytes of the message as JSON (what the request body would be about), or null when it cannot be serialised. */
function sizeOf(raw: unknown): number | null {
  try {
    return new TextEncoder().encode(JSON.stringify(raw)).length;
  } catch {
    return null;
  }
}

/**
 * Why a message that does not parse was refused, in words the user can act on (issue 14): a message
 * over the size the server takes says its size and the limit ("The message is 5.2 MB; at most
 * 1 MB."), instead of "This message is not one iConnect understands."; other refusals of a known
 * message name what is wrong with it. Anything else stays the generic sentence: a page that sends
 * junk learns nothing.
 */
export function refusal(raw: unknown, error: z.ZodError, knownTypes: ReadonlySet<string>): { ok: false; error: MessageError } {
  const type = typeof raw === 'object' && raw !== null && 'type' in raw ? raw.type : undefined;
  if (typeof type !== 'string' || !knownTypes.has(type)) return err('bad-request', 'This message is not one iConnect understands.');

  const limit = limitFor(type);
  const size = sizeOf(raw);
  if (size !== null && size > limit) return err('bad-request', tooLargeMessage(size, limit));

  const reasons = error.issues
    .filter((issue) => issue.code !== 'invalid_union' && issue.code !== 'unrecognized_keys')
    .map((issue) => issue.message)
    .filter((message, index, all) => all.indexOf(message) === index);
  return err('bad-request', reasons.length > 0 ? `iConnect could not take this: ${reasons.slice(0, 3).join('; ')}.` : 'This message is not one iConnect understands.');
}
