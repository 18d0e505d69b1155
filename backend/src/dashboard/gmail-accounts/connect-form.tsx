/** @jsxImportSource hono/jsx */
import type { GmailAccount } from '../../../../shared/schemas/accounts';
import { PERMISSIONS } from './permissions';

export const CONNECT_PATH = '/accounts/connect';

/**
 * Starts connecting a mailbox: posts to `/accounts/connect`, which redirects to Google's consent
 * page. A POST (not a link) so another site cannot start a consent in the user's name. The hidden
 * time zone is filled in by the dashboard script; without script the account starts on UTC.
 */
export function ConnectForm({ isSandbox }: { isSandbox: boolean }) {
  return (
    <form method="post" action={CONNECT_PATH} class="card connect-form">
      <input type="hidden" name="timezone" value="" data-fill-timezone />
      <p>
        {isSandbox
          ? 'You will be sent to the Gmail sandbox to choose a mailbox, then back here.'
          : 'You will be sent to Google to choose the account and allow access, then back here.'}{' '}
        iConnect asks for:
      </p>
      <ul class="permissions">
        <li>
          <strong>{PERMISSIONS.send.title}</strong> ({PERMISSIONS.send.scope}): {PERMISSIONS.send.purpose}
        </li>
        <li>
          <strong>{PERMISSIONS.read.title}</strong> ({PERMISSIONS.read.scope}), only if ‘Detect replies and bounces’ is on:{' '}
          {PERMISSIONS.read.purpose}
        </li>
        <li>
          <strong>{PERMISSIONS.address.title}</strong> ({PERMISSIONS.address.scope}): {PERMISSIONS.address.purpose}
        </li>
      </ul>
      <div class="field checkbox-field">
        <input type="checkbox" id="detectReplies" name="detectReplies" value="true" checked aria-describedby="detectReplies-hint" />
        <label for="detectReplies">Detect replies and bounces</label>
        <p class="hint" id="detectReplies-hint">
          Without it iConnect only sends: follow-ups go out even to people who replied.
        </p>
      </div>
      <button type="submit">Connect a Gmail account</button>
    </form>
  );
}

/**
 * "Connect again" for an account Google stopped accepting: the same consent, with the address as
 * `login_hint` so Google preselects it, asking for the permissions it had before.
 */
export function ConnectAgainForm({ account }: { account: GmailAccount }) {
  return (
    <form method="post" action={CONNECT_PATH} class="inline-form">
      <input type="hidden" name="loginHint" value={account.email} />
      <input type="hidden" name="detectReplies" value={account.detectsReplies ? 'true' : 'false'} />
      <button type="submit">
        Connect again<span class="visually-hidden"> {account.email}</span>
      </button>
    </form>
  );
}
