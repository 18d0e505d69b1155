import { GMAIL_SCOPES } from '../../../shared/schemas/accounts';
import type { AppDeps } from '../deps';
import { CodeChallengeMethod } from 'google-auth-library';
import { createOAuthClient } from '../gmail/google-clients';
import { ProblemError } from '../http/problem';
import { saveConnectedAccount, type AccountRow } from './account-store';
import { consumeOAuthState, createOAuthState, type StateFailure } from './oauth-state';

/** The least we can ask for: sending, plus the address (openid email); reading only to detect replies. */
export function scopesFor(detectReplies: boolean): string[] {
  return ['openid', 'email', GMAIL_SCOPES.send, ...(detectReplies ? [GMAIL_SCOPES.readonly] : [])];
}

export const callbackUrl = (deps: Pick<AppDeps, 'config'>) => `${deps.config.publicUrl}/oauth/google/callback`;

/** The consent URL to send the user to: offline access, consent every time (so a refresh token comes back), PKCE S256. */
export async function startConnect(
  deps: AppDeps,
  userId: string,
  options: { detectReplies: boolean; loginHint?: string | undefined; timezone?: string | undefined },
): Promise<string> {
  const client = createOAuthClient(deps.google, callbackUrl(deps));
  const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
  const scopes = scopesFor(options.detectReplies);
  const state = await createOAuthState(deps, { userId, codeVerifier, scopes, timezone: options.timezone });
  return client.generateAuthUrl({
    access_type: 'offline',
    prompt: 'consent',
    scope: scopes,
    state,
    code_challenge: codeChallenge!,
    code_challenge_method: CodeChallengeMethod.S256,
    include_granted_scopes: false,
    ...(options.loginHint ? { login_hint: options.loginHint } : {}),
  });
}

export class ConnectError extends Error {
  override name = 'ConnectError';
  constructor(
    readonly reason: StateFailure | 'missing-send-scope' | 'exchange-failed' | 'no-address' | 'no-refresh-token',
    message: string,
  ) {
    super(message);
  }
}

const STATE_MESSAGES: Record<StateFailure, string> = {
  invalid: 'This sign-in link is not valid. Start connecting the account again from the dashboard.',
  expired: 'This sign-in link has expired (they last 10 minutes). Start connecting the account again.',
  'other-user': 'This sign-in was started by another iConnect user. Start connecting from your own dashboard.',
  used: 'This sign-in link was already used. Start connecting the account again if needed.',
};

/**
 * Completes the consent: checks the state, exchanges the code with its PKCE verifier, reads the
 * mailbox address and stores the account with its tokens sealed. Nothing is stored on any failure.
 */
export async function finishConnect(deps: AppDeps, userId: string, input: { code: string; state: string }): Promise<{ account: AccountRow; created: boolean }> {
  const checked = await consumeOAuthState(deps, input.state, userId);
  if (!checked.ok) throw new ConnectError(checked.failure, STATE_MESSAGES[checked.failure]);

  const client = createOAuthClient(deps.google, callbackUrl(deps));
  let tokens;
  try {
    ({ tokens } = await client.getToken({ code: input.code, codeVerifier: checked.consent.codeVerifier }));
  } catch (error) {
    deps.logger.warn('oauth code exchange failed', { error });
    throw new ConnectError('exchange-failed', 'Google did not accept the sign-in. Try connecting again.');
  }
  const granted = (tokens.scope ?? checked.consent.scopes).split(/\s+/);
  if (!granted.includes(GMAIL_SCOPES.send)) {
    throw new ConnectError(
      'missing-send-scope',
      'iConnect needs permission to send email as this account. Connect again and leave "Send email on your behalf" ticked.',
    );
  }
  if (!tokens.access_token) throw new ConnectError('exchange-failed', 'Google returned no access token. Try connecting again.');
  client.setCredentials(tokens);
  let email: string | undefined;
  try {
    const { data } = await client.request<{ email?: string; email_verified?: boolean }>({ url: deps.google.userinfoUrl });
    email = data.email_verified === false ? undefined : data.email;
  } catch (error) {
    deps.logger.warn('reading the connected address failed', { error });
  }
  if (!email) throw new ConnectError('no-address', 'Google did not tell us the address of this account. Try connecting again.');
  try {
    return await saveConnectedAccount(deps, {
      userId,
      email,
      tokens: {
        refreshToken: tokens.refresh_token ?? null,
        accessToken: tokens.access_token,
        accessTokenExpiresAt: tokens.expiry_date ? new Date(tokens.expiry_date) : null,
        scopes: granted.join(' '),
      },
      timezone: checked.consent.timezone ?? 'UTC',
    });
  } catch (error) {
    if (!tokens.refresh_token) {
      throw new ConnectError('no-refresh-token', 'Google did not grant offline access. Remove iConnect from your Google account\'s third-party access and connect again.');
    }
    throw error;
  }
}

/** Used by routes: turns a ConnectError into the user-facing problem. */
export function connectProblem(error: ConnectError) {
  return new ProblemError('validation-failed', { detail: error.message, extra: { reason: error.reason } });
}
