import type { gmail_v1 } from '@googleapis/gmail';
import { googleErrorOf } from '../../gmail/google-clients';
import { decodeBase64 } from '../../lib/base64';
import type { Incoming } from './apply-incoming';
import { bounceCategory, readDeliveryStatus } from './bounce-category';
import { returnDateOf, TEXT_LIMIT } from './return-date';

/**
 * What came in, with what it means. A person's reply is judged by its headers alone and never read
 * further; of a bounce or an out-of-office reply we read the one piece its headers do not carry:
 * the RFC 3464 delivery status (hard or soft, and why) or the writer's return date.
 *
 * Privacy (the privacy policy, /work/shared/seed/000_78440b5e86b8559a.txt): it lists "send job
 * status, errors, and delivery-related logs" among what iConnect keeps, and message bodies not at
 * all. Gmail has no call for a single part, so `format: 'full'` brings the message into memory; of
 * it we read only the message/delivery-status part (or, for a notice without one, the first KB of
 * its text) and the first KB of an out-of-office text, and keep only what we derive: the category
 * and the diagnostic in words (a delivery-related log) and the date the follow-up waits for (the
 * job's status). No body text is stored or logged. Cost: one more messages.get (20 units, a read).
 */
export async function incomingOf(gmail: gmail_v1.Gmail, input: { kind: Incoming['kind']; messageId: string; received: Date }): Promise<Incoming> {
  if (input.kind === 'reply') return { kind: 'reply' };
  let payload: gmail_v1.Schema$MessagePart | undefined;
  try {
    ({ data: { payload } } = await gmail.users.messages.get({ userId: 'me', id: input.messageId, format: 'full' }));
  } catch (error) {
    // A metadata-only grant cannot read parts (403): judge by the headers alone, as before.
    if (googleErrorOf(error).status !== 403) throw error;
  }
  if (input.kind === 'bounce') {
    const status = payload ? partText(findPart(payload, 'message/delivery-status'), STATUS_LIMIT) : '';
    const notice = status ? '' : payload ? partText(findPart(payload, 'text/plain'), TEXT_LIMIT) : '';
    return { kind: 'bounce', bounce: bounceCategory(readDeliveryStatus(status), notice) };
  }
  const text = payload ? (partText(findPart(payload, 'text/plain'), TEXT_LIMIT) || textOfHtml(partText(findPart(payload, 'text/html'), 4 * TEXT_LIMIT))) : '';
  return { kind: 'auto_reply', returnsOn: returnDateOf(text, input.received) };
}

/** A delivery-status part is a few short fields per recipient; more than this is not one we sent. */
const STATUS_LIMIT = 4096;

function findPart(part: gmail_v1.Schema$MessagePart, mimeType: string): gmail_v1.Schema$MessagePart | null {
  if (part.mimeType?.toLowerCase() === mimeType && part.body?.data) return part;
  for (const child of part.parts ?? []) {
    const found = findPart(child, mimeType);
    if (found) return found;
  }
  return null;
}

/** At most the first `limit` characters of a part, decoded only as far as needed. */
function partText(part: gmail_v1.Schema$MessagePart | null, limit: number): string {
  const data = part?.body?.data;
  if (!data) return '';
  // UTF-8 takes up to 4 bytes a character, and base64 4 characters per 3 bytes.
  const bytes = decodeBase64(data.slice(0, Math.ceil((limit * 4) / 3) * 4));
  return bytes ? new TextDecoder().decode(bytes).slice(0, limit) : '';
}

function textOfHtml(html: string): string {
  return html.replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').slice(0, TEXT_LIMIT);
}
