import type { gmail_v1 } from '@googleapis/gmail';
import { eq } from 'drizzle-orm';
import { withAccountClient, type AccountClientDeps } from '../../accounts/account-client';
import type { AccountRow } from '../../accounts/account-store';
import { gmailAccounts } from '../../db/schema';
import { googleErrorOf } from '../../gmail/google-clients';
import { alreadyApplied, applyIncoming, jobForIncoming } from './apply-incoming';
import { classifyIncoming, headerMap, INCOMING_HEADERS } from './classify-incoming';
import { incomingOf } from './incoming-details';

export type PollResult = { reply: number; auto_reply: number; bounce: number; scanned: number };

/**
 * Reads what arrived in the mailbox since the last check (Gmail's history, not a full scan) and
 * applies replies, automatic replies and bounces in threads we started. The first check only
 * records where history starts: older mail is not ours to judge.
 */
export async function pollMailbox(deps: AccountClientDeps, account: AccountRow): Promise<PollResult> {
  const result: PollResult = { reply: 0, auto_reply: 0, bounce: 0, scanned: 0 };
  const now = deps.clock.now();
  await withAccountClient(deps, account, async ({ gmail }) => {
    let historyId = account.historyId;
    if (!historyId) {
      historyId = (await gmail.users.getProfile({ userId: 'me' })).data.historyId ?? null;
    } else {
      try {
        const { added, latest } = await messagesAddedSince(gmail, historyId);
        for (const message of added) {
          result.scanned++;
          const kind = await examine(deps, gmail, account, message, now);
          if (kind) result[kind]++;
        }
        historyId = latest ?? historyId;
      } catch (error) {
        // Gmail keeps history for about a week; past that it answers 404 and we start again from now.
        if (googleErrorOf(error).status !== 404) throw error;
        deps.logger.warn('gmail history expired; restarting reply detection from now', { accountId: account.id });
        historyId = (await gmail.users.getProfile({ userId: 'me' })).data.historyId ?? null;
      }
    }
    await deps.db.update(gmailAccounts).set({ historyId, repliesCheckedAt: now }).where(eq(gmailAccounts.id, account.id));
  });
  return result;
}

async function messagesAddedSince(gmail: gmail_v1.Gmail, startHistoryId: string) {
  const added: { id: string; threadId: string }[] = [];
  let pageToken: string | undefined;
  let latest: string | undefined;
  do {
    const { data } = await gmail.users.history.list({ userId: 'me', startHistoryId, historyTypes: ['messageAdded'], maxResults: 500, pageToken });
    for (const record of data.history ?? []) {
      for (const { message } of record.messagesAdded ?? []) {
        // Our own sends appear here too (label SENT): only what arrived matters.
        if (message?.id && message.threadId && !message.labelIds?.includes('SENT')) added.push({ id: message.id, threadId: message.threadId });
      }
    }
    latest = data.historyId ?? latest;
    pageToken = data.nextPageToken ?? undefined;
  } while (pageToken);
  return { added, latest };
}

async function examine(
  deps: AccountClientDeps,
  gmail: gmail_v1.Gmail,
  account: AccountRow,
  message: { id: string; threadId: string },
  now: Date,
): Promise<'reply' | 'auto_reply' | 'bounce' | null> {
  const { data } = await gmail.users.messages.get({ userId: 'me', id: message.id, format: 'metadata', metadataHeaders: INCOMING_HEADERS });
  const headers = headerMap(data.payload?.headers);
  const kind = classifyIncoming(headers, account.email);
  if (kind === 'ignore') return null;
  const inReplyTo = `${headers['in-reply-to'] ?? ''} ${headers.references ?? ''}`.match(/<[^>]+>/g) ?? [];
  const failedRecipients = kind === 'bounce' ? (headers['x-failed-recipients'] ?? '').split(',').map((a) => a.trim().toLowerCase()).filter(Boolean) : [];
  const job = await jobForIncoming(deps.db, account.id, { threadId: message.threadId, inReplyTo, failedRecipients });
  if (!job) return null;
  if (await alreadyApplied(deps.db, job, message.id)) return null;
  const incoming = await incomingOf(gmail, { kind, messageId: message.id, received: now });
  const applied = await applyIncoming(deps.db, { incoming, job, gmailMessageId: message.id, at: now });
  return applied ? kind : null;
}
