/**
 * Why an account needs connecting again after Google refused its refresh token (`invalid_grant`),
 * in words for the user. Google expires the refresh tokens of an OAuth client whose consent screen
 * is External and in "Testing" publishing status 7 days after they were granted
 * (https://developers.google.com/identity/protocols/oauth2#expiration): a refusal about a week
 * after the grant almost always means that, and reconnecting alone only buys another week.
 */
export const RECONNECT_REASON = 'Google no longer accepts the authorisation (it was revoked, expired or the password changed). Connect the account again.';

export const TESTING_STATUS_REASON =
  "Google stopped accepting the authorisation 7 days after it was granted: the server's Google OAuth client is probably in Testing status, " +
  'whose refresh tokens Google expires after 7 days. Ask whoever runs this server to publish the OAuth app (Google Cloud console, ' +
  'OAuth consent screen, Publish app: In production), then connect the account again; until then it has to be reconnected every week.';

const HOUR_MS = 3_600_000;
/** Around Google's 7 days: from 6.5 days (clocks and refresh timing differ) to under 8 (later, another cause is likelier). */
const TESTING_EXPIRY_FROM_MS = 156 * HOUR_MS;
const TESTING_EXPIRY_UNTIL_MS = 192 * HOUR_MS;

/**
 * @param grantedAt when Google granted the refresh token (gmail_accounts.tokens_granted_at); null: not known
 * @example reconnectReason(new Date('2026-03-01T10:00Z'), new Date('2026-03-08T10:05Z')) // TESTING_STATUS_REASON
 */
export function reconnectReason(grantedAt: Date | null, now: Date): string {
  if (grantedAt === null) return RECONNECT_REASON;
  const age = now.getTime() - grantedAt.getTime();
  return age >= TESTING_EXPIRY_FROM_MS && age < TESTING_EXPIRY_UNTIL_MS ? TESTING_STATUS_REASON : RECONNECT_REASON;
}
