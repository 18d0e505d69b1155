import { GMAIL_SCOPES } from '../../../shared/schemas/accounts';
import { RECONNECT_REASON } from '../accounts/account-client';
import { markNeedsReconnect, saveConnectedAccount } from '../accounts/account-store';
import { createTokenCipher } from '../crypto/token-cipher';
import type { BrowserAgent } from './browser-agent';
import type { TestApp } from './test-app';

/** The signed-in agent's user id, as the API reports it. */
export async function userIdOf(agent: BrowserAgent): Promise<string> {
  const body = (await (await agent.get('/api/me')).json()) as { user: { id: string } };
  return body.user.id;
}

export type TestAccountOptions = {
  detectReplies?: boolean;
  /** The stored access token; a fake Google can tell a good one from a stale one. */
  accessToken?: string;
  needsReconnect?: boolean;
};

/**
 * Stores a connected Gmail account as the OAuth callback would, without the consent dance: real
 * rows, tokens sealed under the test app's ENCRYPTION_KEY.
 */
export async function addTestAccount(t: TestApp, userId: string, email: string, options: TestAccountOptions = {}) {
  const tokenCipher = await createTokenCipher(t.config.encryptionKey);
  const scopes = ['openid', 'https://www.googleapis.com/auth/userinfo.email', GMAIL_SCOPES.send];
  if (options.detectReplies ?? true) scopes.push(GMAIL_SCOPES.readonly);
  const { account } = await saveConnectedAccount(
    { db: t.db, clock: t.clock, tokenCipher },
    {
      userId,
      email,
      tokens: {
        refreshToken: 'test-refresh-token',
        accessToken: options.accessToken ?? 'test-access-token',
        // google-auth-library judges expiry by the real clock, not the app's.
        accessTokenExpiresAt: new Date(Date.now() + 3_600_000),
        scopes: scopes.join(' '),
      },
      timezone: 'Europe/Paris',
    },
  );
  if (options.needsReconnect) await markNeedsReconnect({ db: t.db, clock: t.clock }, account.id, RECONNECT_REASON);
  return account;
}
