import { deliverableCopy } from './recipient-copy';
import { messageRecord, storeIncoming, DEFAULT_INCOMING_LABELS } from './deliver-message';
import { base64urlToBytes, bytesToBinary, newGmailId, newRfc822MessageId } from './ids';
import type { StoredMessage } from './mailbox-store';
import { hasHeader, prependHeaders, rfc5322Date, summarise } from './raw-message';
import type { SandboxDeps } from './sandbox-deps';
import { checkSendLimits } from './send-limits';

/** At most 100 recipients per message through the API (Gmail sending limits). */
export const MAX_RECIPIENTS = 100;

export type SendError = { status: number; reason: string; message: string; retryAfterSeconds?: number };

/**
 * users.messages.send: validates the raw message, enforces the sending limits, threads it, stores
 * it with SENT, then delivers a copy to every recipient that is also a sandbox mailbox.
 * https://developers.google.com/gmail/api/reference/rest/v1/users.messages/send
 */
export async function sendMessage(deps: SandboxDeps, address: string, raw: string | undefined, threadId: string | undefined): Promise<{ sent: StoredMessage } | { error: SendError }> {
  if (!raw) return { error: { status: 400, reason: 'invalidArgument', message: "'raw' RFC822 payload message string or uploading message via /upload/* URL required" } };
  const bytes = base64urlToBytes(raw);
  if (!bytes || bytes.length === 0) return { error: { status: 400, reason: 'invalidArgument', message: 'Invalid value for ByteString: raw' } };
  const binary = bytesToBinary(bytes);
  const summary = await summarise(binary);

  // Gmail only sends From the account or a verified send-as alias; the sandbox has no aliases.
  if (summary.from && summary.from !== address) {
    return { error: { status: 400, reason: 'invalidArgument', message: `Invalid From header: ${summary.from} is not ${address} or one of its send-as aliases` } };
  }
  const recipients = [...new Set([...summary.to, ...summary.cc, ...summary.bcc])];
  if (recipients.length === 0) return { error: { status: 400, reason: 'invalidArgument', message: 'Recipient address required' } };
  if (recipients.length > MAX_RECIPIENTS) {
    return { error: { status: 400, reason: 'invalidArgument', message: `Too many recipients: ${recipients.length} (at most ${MAX_RECIPIENTS} per message)` } };
  }

  return deps.serial(async () => {
    const now = deps.clock.now();
    const mailbox = await deps.mailboxes.ensureMailbox(address, now);
    const limit = await checkSendLimits(deps.mailboxes, mailbox, now);
    if (!limit.ok) {
      deps.quota.noteRefusal(mailbox.address);
      return { error: { status: 429, reason: 'rateLimitExceeded', message: limit.message, retryAfterSeconds: limit.retryAfterSeconds } };
    }

    let thread: string | undefined;
    if (threadId) {
      if ((await deps.mailboxes.threadMessages(mailbox.address, threadId)).length === 0) {
        return { error: { status: 404, reason: 'notFound', message: 'Requested entity was not found.' } };
      }
      thread = threadId;
    } else {
      thread = await deps.mailboxes.threadOfReferenced(mailbox.address, summary.referencedIds);
    }

    // Gmail completes what the client left out: From, Date and a Message-ID of its own.
    const messageId = summary.messageId ?? newRfc822MessageId();
    const added: Array<[string, string]> = [];
    if (!summary.from) added.push(['From', address]);
    if (!hasHeader(binary, 'Date')) added.push(['Date', rfc5322Date(now)]);
    if (!summary.messageId) added.push(['Message-ID', messageId]);
    const final = prependHeaders(binary, added);

    const id = newGmailId(now);
    // Mail to oneself lands in the same message: SENT plus INBOX and UNREAD, as in Gmail.
    const labels = recipients.includes(mailbox.address) ? ['SENT', ...DEFAULT_INCOMING_LABELS] : ['SENT'];
    const sent = await deps.mailboxes.insertMessage(
      messageRecord(id, mailbox.address, thread ?? id, labels, final, messageId, { ...summary, from: summary.from ?? address }, now, true),
    );

    const copy = deliverableCopy(final);
    for (const recipient of recipients) {
      if (recipient === mailbox.address || !(await deps.mailboxes.getMailbox(recipient))) continue;
      await storeIncoming(deps, recipient, copy, DEFAULT_INCOMING_LABELS);
    }
    return { sent };
  });
}
