import type { gmail_v1 } from '@googleapis/gmail';
import type { OAuth2Client } from 'google-auth-library';
import type { AppDeps } from '../deps';
import { createGmailApi, createOAuthClient, googleErrorOf, isInvalidGrant } from '../gmail/google-clients';
import { markNeedsReconnect, saveAccessToken, tokenBinding, type AccountRow } from './account-store';
import { callbackUrl } from './connect-flow';

/** What talking to Google as an account needs (the app's dependencies, or the scheduler's). */
export type AccountClientDeps = Pick<AppDeps, 'db' | 'clock' | 'config' | 'logger' | 'tokenCipher' | 'google'>;

export class AccountNeedsReconnectError extends Error {
  override name = 'AccountNeedsReconnectError';
  constructor(readonly accountId: string, readonly email: string) {
    super(`${email} needs to be connected again: Google no longer accepts its authorisation.`);
  }
}

export const RECONNECT_REASON = 'Google no longer accepts the authorisation (it was revoked, expired or the password changed). Connect the account again.';

/**
 * Runs `work` with Google's clients authorised as `account`. The library refreshes the access
 * token when needed; a new one is sealed and stored. When Google refuses the refresh token
 * (`invalid_grant`) the account is marked `needs_reconnect` so nothing else tries to send from it.
 * A token sealed under another ENCRYPTION_KEY throws TokenDecryptionError: nothing is sent.
 */
export async function withAccountClient<T>(
  deps: AccountClientDeps,
  account: AccountRow,
  work: (clients: { auth: OAuth2Client; gmail: gmail_v1.Gmail }) => Promise<T>,
): Promise<T> {
  if (account.status === 'needs_reconnect') throw new AccountNeedsReconnectError(account.id, account.email);
  const auth = await authorisedClient(deps, account);
  const pendingSaves: Promise<void>[] = [];
  auth.on('tokens', (tokens) => {
    if (tokens.access_token) {
      pendingSaves.push(
        saveAccessToken(deps, account.id, tokens.access_token, tokens.expiry_date ? new Date(tokens.expiry_date) : null),
      );
    }
  });
  try {
    return await work({ auth, gmail: createGmailApi(deps.google, auth) });
  } catch (error) {
    if (isInvalidGrant(error)) {
      await markNeedsReconnect(deps, account.id, RECONNECT_REASON);
      deps.logger.warn('gmail account needs reconnecting', { accountId: account.id });
      throw new AccountNeedsReconnectError(account.id, account.email);
    }
    throw error;
  } finally {
    await Promise.all(pendingSaves);
  }
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
