import type { gmail_v1 } from '@googleapis/gmail';
import type { Database } from '../../db/database';
import { alreadyApplied, applyIncoming, type IncomingEffect } from './apply-incoming';
import { classifyIncoming, headerMap, INCOMING_HEADERS } from './classify-incoming';
import { incomingOf } from './incoming-details';
import type { ClaimedJob } from '../claims';

type Job = ClaimedJob;

/**
 * Right before a follow-up goes out, the thread is read again: a reply (from the recipient or a
 * colleague in the same thread) or a bounce that arrived since the last mailbox check must still
 * stop it, and an out-of-office reply or a soft bounce must still hold it. Applies what it finds
 * and returns what it means for this follow-up: stop (wins over any wait), wait until, or null.
 * Messages applied before (earlier steps' automatic replies) are not read again.
 */
export async function replyInThread(
  db: Database,
  gmail: gmail_v1.Gmail,
  input: { job: Job; threadId: string; sender: string; at: Date },
): Promise<IncomingEffect | null> {
  const { data } = await gmail.users.threads.get({ userId: 'me', id: input.threadId, format: 'metadata', metadataHeaders: INCOMING_HEADERS });
  let stop: IncomingEffect | null = null;
  let wait: IncomingEffect | null = null;
  for (const message of data.messages ?? []) {
    // Our own sends carry SENT; a copy of ours without it (Bcc to self) is 'ignore' by its From.
    if (!message.id || message.labelIds?.includes('SENT')) continue;
    const kind = classifyIncoming(headerMap(message.payload?.headers), input.sender);
    if (kind === 'ignore' || (await alreadyApplied(db, input.job, message.id))) continue;
    const incoming = await incomingOf(gmail, { kind, messageId: message.id, received: input.at });
    const effect = await applyIncoming(db, { incoming, job: input.job, gmailMessageId: message.id, at: input.at });
    if (effect?.effect === 'stop') stop ??= effect;
    else if (effect?.effect === 'wait' && (wait?.effect !== 'wait' || effect.until > wait.until)) wait = effect;
  }
  return stop ?? wait;
}
