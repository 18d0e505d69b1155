import type { gmail_v1 } from '@googleapis/gmail';
import type { Database } from '../../db/database';
import { applyIncoming } from './apply-incoming';
import { classifyIncoming, headerMap, INCOMING_HEADERS } from './classify-incoming';
import type { ClaimedJob } from '../claims';

type Job = ClaimedJob;

/**
 * Right before a follow-up goes out, the thread is read again: a reply that arrived since the last
 * mailbox check must still stop it. Returns what was found (already applied), or null.
 */
export async function replyInThread(
  db: Database,
  gmail: gmail_v1.Gmail,
  input: { job: Job; threadId: string; sender: string; at: Date },
): Promise<'reply' | 'bounce' | null> {
  const { data } = await gmail.users.threads.get({ userId: 'me', id: input.threadId, format: 'metadata', metadataHeaders: INCOMING_HEADERS });
  let found: 'reply' | 'bounce' | null = null;
  for (const message of data.messages ?? []) {
    if (!message.id || message.labelIds?.includes('SENT')) continue;
    const kind = classifyIncoming(headerMap(message.payload?.headers), input.sender);
    if (kind !== 'reply' && kind !== 'bounce') continue;
    await applyIncoming(db, { kind, job: input.job, gmailMessageId: message.id, at: input.at });
    found ??= kind;
  }
  return found;
}
