/** @jsxImportSource hono/jsx */
import * as z from 'zod';
import type { GmailAccount } from '../../../../shared/schemas/accounts';
import { Notice } from '../components/notice';

/**
 * The outcomes the accounts page reports after a redirect (`/accounts?notice=…`). `connected`,
 * `reconnected` and `connect-cancelled` come from Google's OAuth callback; the rest from our forms.
 */
export const accountNoticeSchema = z.enum([
  'connected',
  'reconnected',
  'connect-cancelled',
  'saved',
  'checked',
  'check-failed',
  'needs-reconnect',
  'disconnected',
]);
export type AccountNotice = z.infer<typeof accountNoticeSchema>;

/** The notice to show for a query, or none for a missing or unknown value (it came from the URL bar). */
export function readAccountNotice(query: { notice?: string | undefined; revoked?: string | undefined; account?: string | undefined }) {
  const parsed = accountNoticeSchema.safeParse(query.notice);
  if (!parsed.success) return undefined;
  return { notice: parsed.data, accountId: query.account, revokedAtGoogle: query.revoked !== '0' };
}

/** Builds the page's redirect target; `account` names the account a notice is about. */
export function noticePath(notice: AccountNotice, extra: { account?: string; revokedAtGoogle?: boolean } = {}): string {
  const query = new URLSearchParams({ notice });
  if (extra.account) query.set('account', extra.account);
  if (extra.revokedAtGoogle === false) query.set('revoked', '0');
  return `/accounts?${query.toString()}`;
}

export type AccountNoticeViewProps = {
  notice: AccountNotice;
  /** The account the notice is about, when it names one of the user's accounts. */
  account: GmailAccount | undefined;
  revokedAtGoogle: boolean;
};

/** One sentence on what just happened, announced (role="status") without taking focus. */
export function AccountNoticeView({ notice, account, revokedAtGoogle }: AccountNoticeViewProps) {
  // At the start of a sentence, and inside one.
  const Address = account ? <strong>{account.email}</strong> : 'The Gmail account';
  const address = account ? <strong>{account.email}</strong> : 'the Gmail account';
  switch (notice) {
    case 'connected':
      return (
        <Notice>
          <p>{Address} is connected. Check its daily limit and gaps below before you send a campaign.</p>
        </Notice>
      );
    case 'reconnected':
      return (
        <Notice>
          <p>{Address} is connected again. Its settings were kept.</p>
        </Notice>
      );
    case 'connect-cancelled':
      return (
        <Notice tone="warning">
          <p>No account was connected: the permission was not given at Google. You can try again below.</p>
        </Notice>
      );
    case 'saved':
      return (
        <Notice>
          <p>The settings of {address} were saved.</p>
        </Notice>
      );
    case 'checked':
      return (
        <Notice>
          <p>
            <strong>Connection works.</strong> Google accepted the authorisation of {address}.
          </p>
        </Notice>
      );
    case 'check-failed':
      return (
        <Notice tone="warning">
          <p>
            The connection of {address} could not be tested: Google did not answer. Nothing was changed; try again in a few
            minutes.
          </p>
        </Notice>
      );
    case 'needs-reconnect':
      return (
        <Notice tone="warning">
          <p>
            <strong>{account ? account.email : 'The Gmail account'} needs reconnecting.</strong> Google no longer accepts its
            authorisation, so nothing is sent from it. Use “Connect again” below.
          </p>
        </Notice>
      );
    case 'disconnected':
      return revokedAtGoogle ? (
        <Notice>
          <p>The Gmail account was disconnected. Google revoked iConnect's access and its tokens were deleted from this server.</p>
        </Notice>
      ) : (
        <Notice tone="warning">
          <p>
            The Gmail account was disconnected and its tokens were deleted from this server, but Google could not be reached to
            revoke iConnect's access. Remove iConnect at{' '}
            <a href="https://myaccount.google.com/permissions">https://myaccount.google.com/permissions</a> to finish.
          </p>
        </Notice>
      );
  }
}
