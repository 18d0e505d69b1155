import { and, eq } from 'drizzle-orm';
import type { AccountPatch, GmailAccount } from '../../../shared/schemas/accounts';
import type { AppDeps } from '../deps';
import { gmailAccounts } from '../db/schema';
import { canReadMailbox } from '../gmail/scopes';
import { newId } from '../lib/random';
import { accountTypeFromAddress } from '../limits/account-types';
import { effectiveDailyLimit, warmupDay } from '../limits/warmup';
import { DEFAULT_DAILY_LIMIT, DEFAULT_GAP_SECONDS } from './account-defaults';

export type AccountRow = typeof gmailAccounts.$inferSelect;
type Deps = Pick<AppDeps, 'db' | 'clock' | 'tokenCipher'>;

/** What a sealed token is bound to: its row and column, so it cannot be moved elsewhere. */
export const tokenBinding = (accountId: string, column: 'refresh' | 'access') => `gmail_accounts:${accountId}:${column}`;

export type GrantedTokens = {
  refreshToken: string | null;
  accessToken: string;
  accessTokenExpiresAt: Date | null;
  scopes: string;
};

/**
 * Stores a newly authorised mailbox, or refreshes the tokens of the same address connected before
 * (no twin); the user's settings for it are kept.
 */
export async function saveConnectedAccount(
  deps: Deps,
  input: { userId: string; email: string; tokens: GrantedTokens; timezone: string },
): Promise<{ account: AccountRow; created: boolean }> {
  const email = input.email.toLowerCase();
  const existing = await findAccountByEmail(deps, input.userId, email);
  const now = deps.clock.now();
  const id = existing?.id ?? newId('acc');
  const refreshToken = input.tokens.refreshToken;
  if (!refreshToken && !existing) throw new Error('Google returned no refresh token for a new account');
  const sealed = {
    refreshTokenSealed: refreshToken
      ? await deps.tokenCipher.seal(refreshToken, tokenBinding(id, 'refresh'))
      : existing!.refreshTokenSealed,
    accessTokenSealed: await deps.tokenCipher.seal(input.tokens.accessToken, tokenBinding(id, 'access')),
    accessTokenExpiresAt: input.tokens.accessTokenExpiresAt,
    scopes: input.tokens.scopes,
    status: 'ok' as const,
    statusReason: null,
    // A new refresh token starts Google's 7-day clock of a Testing-status client again (account-client.ts).
    tokensGrantedAt: refreshToken ? now : (existing?.tokensGrantedAt ?? null),
    updatedAt: now,
  };
  if (existing) {
    await deps.db.update(gmailAccounts).set(sealed).where(eq(gmailAccounts.id, existing.id));
    return { account: { ...existing, ...sealed }, created: false };
  }
  const type = accountTypeFromAddress(email);
  const row: AccountRow = {
    id,
    userId: input.userId,
    email,
    type,
    ...sealed,
    dailyLimit: DEFAULT_DAILY_LIMIT[type],
    minGapSeconds: DEFAULT_GAP_SECONDS.min,
    maxGapSeconds: DEFAULT_GAP_SECONDS.max,
    timezone: input.timezone,
    fromName: '',
    signatureHtml: '',
    dkimSelector: null,
    createdAt: now,
    nextSendAt: null,
    cooldownUntil: null,
    historyId: null,
    repliesCheckedAt: null,
    // Off by default (issue 18); the account screens suggest a ramp (limits/warmup.ts `suggestedWarmup`).
    warmup: null,
    warmupStartedAt: null,
  };
  await deps.db.insert(gmailAccounts).values(row);
  return { account: row, created: true };
}

export async function findAccountByEmail(deps: Pick<AppDeps, 'db'>, userId: string, email: string) {
  const [row] = await deps.db
    .select()
    .from(gmailAccounts)
    .where(and(eq(gmailAccounts.userId, userId), eq(gmailAccounts.email, email.toLowerCase())))
    .limit(1);
  return row;
}

/** The account if this user owns it; another user's account is as absent as a missing one. */
export async function findAccount(deps: Pick<AppDeps, 'db'>, userId: string, accountId: string) {
  const [row] = await deps.db
    .select()
    .from(gmailAccounts)
    .where(and(eq(gmailAccounts.id, accountId), eq(gmailAccounts.userId, userId)))
    .limit(1);
  return row;
}

export async function listAccounts(deps: Pick<AppDeps, 'db'>, userId: string) {
  return deps.db.select().from(gmailAccounts).where(eq(gmailAccounts.userId, userId)).orderBy(gmailAccounts.createdAt);
}

export async function updateAccountSettings(deps: Pick<AppDeps, 'db' | 'clock'>, account: AccountRow, patch: AccountPatch & { warmupStartedAt?: Date | null }) {
  const changes = { ...patch, updatedAt: deps.clock.now() };
  await deps.db
    .update(gmailAccounts)
    .set(changes)
    .where(and(eq(gmailAccounts.id, account.id), eq(gmailAccounts.userId, account.userId)));
  return { ...account, ...changes };
}

export async function deleteAccount(deps: Pick<AppDeps, 'db'>, account: AccountRow) {
  await deps.db
    .delete(gmailAccounts)
    .where(and(eq(gmailAccounts.id, account.id), eq(gmailAccounts.userId, account.userId)));
}

/** Google refused the refresh token: sending stops until the user connects the mailbox again. */
export async function markNeedsReconnect(deps: Pick<AppDeps, 'db' | 'clock'>, accountId: string, reason: string) {
  await deps.db
    .update(gmailAccounts)
    .set({ status: 'needs_reconnect', statusReason: reason, accessTokenSealed: null, updatedAt: deps.clock.now() })
    .where(eq(gmailAccounts.id, accountId));
}

export async function saveAccessToken(deps: Deps, accountId: string, accessToken: string, expiresAt: Date | null) {
  await deps.db
    .update(gmailAccounts)
    .set({
      accessTokenSealed: await deps.tokenCipher.seal(accessToken, tokenBinding(accountId, 'access')),
      accessTokenExpiresAt: expiresAt,
    })
    .where(eq(gmailAccounts.id, accountId));
}

/**
 * The API shape: settings and state, never a token. With `now`, also the limit that applies then and
 * the warm-up's day (limits/warmup.ts); the data export, a record rather than a live view, leaves them out.
 */
export function toGmailAccount(row: AccountRow, sentLast24h: number, now?: Date): GmailAccount {
  const scopes = row.scopes.split(/\s+/).filter(Boolean);
  return {
    id: row.id,
    email: row.email,
    type: row.type,
    status: row.status,
    statusReason: row.statusReason,
    dailyLimit: row.dailyLimit,
    minGapSeconds: row.minGapSeconds,
    maxGapSeconds: row.maxGapSeconds,
    timezone: row.timezone,
    fromName: row.fromName,
    signatureHtml: row.signatureHtml,
    dkimSelector: row.dkimSelector,
    sentLast24h,
    warmup: row.warmup,
    ...(now ? { effectiveDailyLimit: effectiveDailyLimit(row, now), warmupDay: warmupDay(row, now) } : {}),
    scopes,
    detectsReplies: canReadMailbox(row),
    createdAt: row.createdAt.toISOString(),
  };
}
