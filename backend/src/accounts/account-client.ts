import type { gmail_v1 } from '@googleapis/gmail';
import type { OAuth2Client } from 'google-auth-library';
import type { AppDeps } from '../deps';
import { createGmailApi, createOAuthClient, googleErrorOf, isInvalidGrant } from '../gmail/google-clients';
import { chargeGmailCalls } from '../limits/charge-gmail-calls';
import { markNeedsReconnect, saveAccessToken, tokenBinding, type AccountRow } from './account-store';
import { callbackUrl } from './connect-flow';
import { RECONNECT_REASON, reconnectReason } from './reconnect-reason';

/** What talking to Google as an account needs (the app's dependencies, or the scheduler's). */
export type AccountClientDeps = Pick<AppDeps, 'db' | 'clock' | 'config' | 'logger' | 'tokenCipher' | 'google' | 'quota'>;

export class AccountNeedsReconnectError extends Error {
  override name = 'AccountNeedsReconnectError';
  constructor(readonly accountId: string, readonly email: string) {
    super(`${email} needs to be connected again: Google no longer accepts its authorisation.`);
  }
}

export { RECONNECT_REASON };

/**
 * Runs `work` with Google's clients authorised as `account`. The library refreshes the access
 * token when needed; a new one is sealed and stored. When Google refuses the refresh token
 * (`invalid_grant`) the account is marked `needs_reconnect` so nothing else tries to send from it.
 * A token sealed under another ENCRYPTION_KEY throws TokenDecryptionError: nothing is sent.
 * Each Gmail call is charged to the account's quota budget before it goes out; one that does not
 * fit throws GmailQuotaWaitError and is not made (limits/charge-gmail-calls.ts).
 */
export async function withAccountClient<T>(
  deps: AccountClientDeps,
  account: AccountRow,
  work: (clients: AccountClients) => Promise<T>,
): Promise<T> {
  return openAccountSession(deps, account).run(work);
}

export type AccountClients = { auth: OAuth2Client; gmail: gmail_v1.Gmail };

/** One account's authorised clients, reused across many calls (see openAccountSession). */
export type AccountSession = { run<T>(work: (clients: AccountClients) => Promise<T>): Promise<T> };

/**
 * Like withAccountClient, for many calls in a row: the scheduler sends a tick's messages from one
 * account through one session, so the tokens are decrypted and the clients built once per account
 * and tick instead of once per message. Each `run` behaves exactly as withAccountClient.
 */
export function openAccountSession(deps: AccountClientDeps, account: AccountRow): AccountSession {
  let clients: Promise<AccountClients> | null = null;
  let pendingSaves: Promise<void>[] = [];
  let needsReconnect = account.status === 'needs_reconnect';
  const build = async (): Promise<AccountClients> => {
    const auth = await authorisedClient(deps, account);
    // Every Gmail call of this account, whoever makes it, is charged to its quota minute first.
    chargeGmailCalls(auth, deps.quota, account.id, deps.clock);
    auth.on('tokens', (tokens) => {
      if (tokens.access_token) {
        pendingSaves.push(
          saveAccessToken(deps, account.id, tokens.access_token, tokens.expiry_date ? new Date(tokens.expiry_date) : null),
        );
      }
    });
    return { auth, gmail: createGmailApi(deps.google, auth) };
  };
  return {
    async run(work) {
      if (needsReconnect) throw new AccountNeedsReconnectError(account.id, account.email);
      try {
        // A failed build (a token sealed under another key) is not kept: the next run tries again.
        clients ??= build().catch((error: unknown) => {
          clients = null;
          throw error;
        });
        return await work(await clients);
      } catch (error) {
        if (isInvalidGrant(error)) {
          await markNeedsReconnect(deps, account.id, reconnectReason(account.tokensGrantedAt, deps.clock.now()));
          deps.logger.warn('gmail account needs reconnecting', { accountId: account.id });
          // Nothing else goes out through this session: the row we were given is now stale.
          needsReconnect = true;
          throw new AccountNeedsReconnectError(account.id, account.email);
        }
        throw error;
      } finally {
        const saves = pendingSaves;
        pendingSaves = [];
        await Promise.all(saves);
      }
    },
  };
}

async function authorisedClient(deps: AccountClientDeps, account: AccountRow): Promise<OAuth2Client> {
  const auth = createOAuthClient(deps.google, callbackUrl(deps));
  auth.setCredentials({
    refresh_token: await deps.tokenCipher.open(account.refreshTokenSealed, tokenBinding(account.id, 'refresh')),
    access_token: account.accessTokenSealed
      ? await deps.tokenCipher.open(account.accessTokenSealed, tokenBinding(account.id, 'access'))
      : null,
    expiry_date: account.accessTokenExpiresAt?.getTime() ?? null,
  });
  return auth;
}

/** "Test connection": proves the stored authorisation still works, refreshing it if needed. */
export async function checkAccountConnection(deps: AccountClientDeps, account: AccountRow): Promise<void> {
  await withAccountClient(deps, account, async ({ auth }) => {
    await auth.request({ url: deps.google.userinfoUrl });
  });
}

/**
 * Tells Google to revoke the grant (the refresh token, and with it every access token). An already
 * dead token counts as revoked; a Google that cannot be reached does not.
 */
export async function revokeAtGoogle(deps: AccountClientDeps, account: AccountRow): Promise<boolean> {
  try {
    const refreshToken = await deps.tokenCipher.open(account.refreshTokenSealed, tokenBinding(account.id, 'refresh'));
    await createOAuthClient(deps.google, callbackUrl(deps)).revokeToken(refreshToken);
    return true;
  } catch (error) {
    const { status } = googleErrorOf(error);
    if (status === 400) return true;
    deps.logger.warn('revoking a gmail grant failed', { accountId: account.id, error });
    return false;
  }
}
