import { and, eq, exists, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { AccountClientDeps } from '../../accounts/account-client';
import { AccountNeedsReconnectError } from '../../accounts/account-client';
import { campaigns, gmailAccounts, sendJobs } from '../../db/schema';
import { canReadMailbox } from '../../gmail/scopes';
import { GmailQuotaWaitError } from '../../limits/charge-gmail-calls';
import { DAY_MS } from '../../limits/daily-limits';
import { pollMailbox, type PollResult } from './poll-mailbox';

/** Replies are looked for in threads started within this long. */
const REPLY_HORIZON_MS = 30 * DAY_MS;

/**
 * Checks every mailbox that may receive replies to our messages (it sent something in the last 30
 * days and may be read), at most once per `config.replyPollMs` each (a minute by default). A failing mailbox is logged and skipped: reply
 * detection never stops sending.
 */
export async function pollDueMailboxes(deps: AccountClientDeps): Promise<Map<string, PollResult>> {
  const now = deps.clock.now();
  // Per account, through send_jobs_sent_by_account (account_id, sent_at): stops at its first message
  // of the horizon. A DISTINCT over the sent jobs read every message of the last 30 days, each tick (issue 17).
  const sentRecently = exists(
    deps.db
      .select({ one: sql`1` })
      .from(sendJobs)
      .where(and(eq(sendJobs.accountId, gmailAccounts.id), gt(sendJobs.sentAt, new Date(now.getTime() - REPLY_HORIZON_MS)), eq(sendJobs.status, 'sent'))),
  );
  // Accounts about to send for the first time get their history starting point now, before the
  // first message leaves: a reply to it must come after that point to be seen.
  const active = await deps.db
    .select({ accountIds: campaigns.accountIds })
    .from(campaigns)
    .where(inArray(campaigns.status, ['scheduled', 'sending']));
  const activeAccountIds = [...new Set(active.flatMap((row) => row.accountIds))];
  const due = await deps.db
    .select()
    .from(gmailAccounts)
    .where(
      and(
        eq(gmailAccounts.status, 'ok'),
        or(
          and(
            sentRecently,
            or(isNull(gmailAccounts.repliesCheckedAt), lt(gmailAccounts.repliesCheckedAt, new Date(now.getTime() - deps.config.replyPollMs))),
          ),
          and(isNull(gmailAccounts.historyId), inArray(gmailAccounts.id, activeAccountIds.length > 0 ? activeAccountIds : [''])),
        ),
      ),
    );
  const results = new Map<string, PollResult>();
  for (const account of due.filter(canReadMailbox)) {
    try {
      results.set(account.id, await pollMailbox(deps, account));
    } catch (error) {
      // A poll our quota budget held back is not news: the mailbox stays due and is read when the minute frees room.
      if (!(error instanceof AccountNeedsReconnectError) && !(error instanceof GmailQuotaWaitError)) {
        deps.logger.warn('reading a mailbox for replies failed', { accountId: account.id, error });
      }
    }
  }
  return results;
}
