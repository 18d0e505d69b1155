import { GMAIL_SCOPES } from '../../../shared/schemas/accounts';

/**
 * Whether iConnect may read this account's mailbox: the one place that answers it. Reading needs
 * `gmail.readonly` (https://developers.google.com/gmail/api/auth/scopes); without it we can send
 * but neither see replies and bounces nor search the Sent folder (`rfc822msgid:`) for a message an
 * interrupted attempt may have delivered. `scopes` is the space-separated list Google granted
 * (RFC 6749 §3.3), as stored on the account.
 *
 * @example canReadMailbox({ scopes: `openid email ${GMAIL_SCOPES.send}` }) // false
 */
export function canReadMailbox(account: { scopes: string }): boolean {
  return account.scopes.split(/\s+/).includes(GMAIL_SCOPES.readonly);
}
