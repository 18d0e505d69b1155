import { and, eq, isNull, or, type SQL } from 'drizzle-orm';
import type { Placeholder } from 'drizzle-orm';
import type { Database } from '../db/database';
import { campaigns, sendJobs } from '../db/schema';
import type { CampaignRow } from '../campaigns/campaign-store';
import type { Warmup } from '../../../shared/schemas/accounts';
import { roomLeft, underDailyCap } from '../limits/daily-limits';
import { effectiveDailyLimit } from '../limits/warmup';

/**
 * Rotation: which account sends next, and for which campaign.
 * - Accounts with the most room left under their daily limit go first, so a campaign spreads over
 *   its accounts by remaining room rather than draining the first one.
 * - An account serves the campaign that waited longest (fair between campaigns sharing it), among
 *   those still under their daily cap.
 * - Sticky per recipient thread: a first message may go out from any of the campaign's accounts;
 *   once a recipient's thread exists (a follow-up) or a copy may already sit in one mailbox (a job
 *   being verified), the job stays with that account. Gmail threads live in one mailbox, and the
 *   Sent-folder check only finds a copy in the mailbox that sent it.
 * Pure choices over counts read once per tick; the claim (claims.ts) applies `mayTakeJob` atomically.
 */

/**
 * The accounts that may send this tick, most room first; accounts at their limit are left out. The
 * limit is the one that applies at `now`: a warming-up account's figure for the day (limits/warmup.ts).
 *
 * @example accountsByRoom([{ id: 'a', dailyLimit: 500 }], new Map([['a', 480]]), now) // [{ account, room: 20 }]
 */
export function accountsByRoom<A extends { id: string; dailyLimit: number; warmup?: Warmup | null; warmupStartedAt?: Date | null }>(
  accounts: readonly A[],
  sentByAccount: ReadonlyMap<string, number>,
  now: Date,
): { account: A; room: number }[] {
  return accounts
    .map((account) => {
      const limit = effectiveDailyLimit({ dailyLimit: account.dailyLimit, warmup: account.warmup ?? null, warmupStartedAt: account.warmupStartedAt ?? null }, now);
      return { account, room: roomLeft(limit, sentByAccount.get(account.id) ?? 0) };
    })
    .filter((entry) => entry.room > 0)
    .sort((a, b) => b.room - a.room);
}

/** The open campaigns this account serves, under their daily cap, the one that waited longest first. */
export function campaignsInTurn<C extends Pick<CampaignRow, 'id' | 'accountIds' | 'throttle' | 'lastSentAt'>>(
  accountId: string,
  open: readonly C[],
  sentByCampaign: ReadonlyMap<string, number>,
): C[] {
  return open
    .filter((campaign) => campaign.accountIds.includes(accountId))
    .filter((campaign) => underDailyCap(campaign.throttle, sentByCampaign.get(campaign.id) ?? 0))
    .sort((a, b) => (a.lastSentAt?.getTime() ?? 0) - (b.lastSentAt?.getTime() ?? 0));
}

/** The claim's rotation condition: a queued job no account holds yet, or one this account holds. */
export function mayTakeJob(accountId: Placeholder | SQL | string): SQL {
  return and(eq(sendJobs.status, 'queued'), or(isNull(sendJobs.accountId), eq(sendJobs.accountId, accountId)))!;
}

/**
 * Whether a job put back in the queue keeps its account: a follow-up stays in its thread's
 * mailbox, and a job flagged for a mailbox check stays where the earlier copy may be. A first
 * message not yet sent may move to another account.
 */
export function staysWithAccount(job: { step: number; verifyBeforeSend: boolean }): boolean {
  return job.step > 0 || job.verifyBeforeSend;
}

/** Remembers when each campaign last sent (the fairness order of later ticks): once per tick, not per message. */
export async function noteLastSent(db: Database, lastSent: ReadonlyMap<string, Date>): Promise<void> {
  for (const [id, at] of lastSent) await db.update(campaigns).set({ lastSentAt: at }).where(eq(campaigns.id, id));
}
