import { gmail, type gmail_v1 } from '@googleapis/gmail';
import { OAuth2Client } from 'google-auth-library';
import type { GoogleEndpoints } from './google-endpoints';

/** An OAuth client of Google's library, pointed at Google or the sandbox. */
export function createOAuthClient(endpoints: GoogleEndpoints, redirectUri: string): OAuth2Client {
  return new OAuth2Client({
    clientId: endpoints.clientId,
    clientSecret: endpoints.clientSecret,
    redirectUri,
    endpoints: {
      oauth2AuthBaseUrl: endpoints.authUrl,
      oauth2TokenUrl: endpoints.tokenUrl,
      oauth2RevokeUrl: endpoints.revokeUrl,
    },
    // A 401 with a token we think is fresh (revoked, or the clock is off) gets one refresh and retry.
    forceRefreshOnFailure: true,
  });
}

/** The Gmail API client of Google's library for one authorised account. */
export function createGmailApi(endpoints: GoogleEndpoints, auth: OAuth2Client): gmail_v1.Gmail {
  return gmail({ version: 'v1', auth, rootUrl: endpoints.gmailRootUrl });
}

/** Google's errors come as GaxiosError: the HTTP status and, for OAuth, an `error` code string. */
export function googleErrorOf(error: unknown): { status: number | undefined; code: string | undefined; reason: string | undefined } {
  const e = error as { status?: number; response?: { status?: number; data?: unknown } };
  const data = e?.response?.data as
    | { error?: string | { errors?: { reason?: string }[]; status?: string } }
    | undefined;
  const status = e?.status ?? e?.response?.status;
  if (typeof data?.error === 'string') return { status, code: data.error, reason: data.error };
  return { status, code: data?.error?.status, reason: data?.error?.errors?.[0]?.reason };
}

export function isInvalidGrant(error: unknown): boolean {
  return googleErrorOf(error).code === 'invalid_grant';
}
