import { binaryToBytes, bytesToBase64url, newGmailId, newRfc822MessageId } from './ids';
import type { StoredMessage } from './mailbox-store';
import { hasHeader, prependHeaders, rfc5322Date, summarise, type MessageSummary } from './raw-message';
import type { SandboxDeps } from './sandbox-deps';

export const DEFAULT_INCOMING_LABELS = ['INBOX', 'UNREAD'];

/**
 * Stores a message arriving in `address` (a reply, an auto-reply, a bounce, or a sandbox-to-sandbox
 * delivery): creates the mailbox if needed, adds a Message-ID if missing, and threads it by its
 * In-Reply-To/References against the mailbox's own messages. Call inside `deps.serial`.
 */
export async function storeIncoming(deps: SandboxDeps, address: string, binary: string, labelIds: string[]): Promise<StoredMessage> {
  const now = deps.clock.now();
  const mailbox = await deps.mailboxes.ensureMailbox(address, now);
  const summary = await summarise(binary);
  const added: Array<[string, string]> = [];
  const messageId = summary.messageId ?? newRfc822MessageId();
  if (!summary.messageId) added.push(['Message-ID', messageId]);
  if (!hasHeader(binary, 'Date')) added.push(['Date', rfc5322Date(now)]);
  const final = prependHeaders(binary, added);
  const id = newGmailId(now);
  const threadId = (await deps.mailboxes.threadOfReferenced(mailbox.address, summary.referencedIds)) ?? id;
  return deps.mailboxes.insertMessage(messageRecord(id, mailbox.address, threadId, labelIds, final, messageId, summary, now, false));
}

export function messageRecord(
  id: string, mailbox: string, threadId: string, labelIds: string[], binary: string, messageId: string,
  summary: MessageSummary, now: Date, sentViaApi: boolean,
): Omit<StoredMessage, 'historyId'> {
  return {
    id, mailbox, threadId, labelIds,
    raw: bytesToBase64url(binaryToBytes(binary)),
    rfc822MessageId: messageId,
    fromAddress: summary.from ?? '',
    recipients: [...new Set([...summary.to, ...summary.cc, ...summary.bcc])],
    subject: summary.subject,
    snippet: summary.snippet,
    sizeEstimate: binary.length,
    internalDate: now.getTime(),
    sentViaApi,
  };
}
