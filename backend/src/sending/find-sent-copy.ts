import type { gmail_v1 } from '@googleapis/gmail';

/**
 * Looks in the sender's mailbox for a message with our Message-ID (Gmail search `rfc822msgid:`,
 * which needs the mailbox to be readable: gmail/scopes.ts `canReadMailbox`). Found means an earlier
 * attempt was delivered: record it, don't resend.
 */
export async function findSentCopy(gmail: gmail_v1.Gmail, messageId: string): Promise<{ id: string; threadId: string } | null> {
  const bare = messageId.replace(/^<|>$/g, '');
  const { data } = await gmail.users.messages.list({ userId: 'me', q: `rfc822msgid:${bare}`, maxResults: 1, includeSpamTrash: true });
  const found = data.messages?.[0];
  return found?.id && found.threadId ? { id: found.id, threadId: found.threadId } : null;
}
