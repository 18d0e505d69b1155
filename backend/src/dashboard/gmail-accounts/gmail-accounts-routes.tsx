/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { connectQuerySchema } from '../../../../shared/schemas/accounts';
import { AccountNeedsReconnectError, checkAccountConnection } from '../../accounts/account-client';
import { changeAccountSettings } from '../../accounts/account-settings';
import { checkDomainAuth } from '../../accounts/domain-auth';
import { startConnect } from '../../accounts/connect-flow';
import { disconnectAccount } from '../../accounts/disconnect-account';
import { changedNames } from '../../audit/changed-names';
import { DASHBOARD, recordAudit } from '../../audit/record-audit';
import { TokenDecryptionError } from '../../crypto/token-cipher';
import type { AppDeps } from '../../deps';
import type { SignedInEnv } from '../dashboard-env';
import { formFailure } from '../lib/form-failure';
import { readForm } from '../lib/read-form';
import { renderPage } from '../lib/render-page';
import { pageHeaders } from '../middleware/page-headers';
import { requireUser } from '../middleware/require-user';
import { sameOriginOnly } from '../middleware/same-origin-only';
import { noticePath, readAccountNotice } from './account-notices';
import { GmailAccountsPage } from './gmail-accounts-page';
import { allowFormsToConsentPage } from './consent-form-action';
import { DisconnectPage } from './disconnect-page';
import { ownedAccount } from './owned-account';
import { presentAccount, presentAccounts } from './present-account';
import { parseSettingsForm, SETTINGS_FIELDS, settingsValuesOf, formFieldOf } from './settings-form';
import { SettingsPage } from './settings-page';

/** `/accounts`: the Gmail accounts page, connecting, settings, connection test and disconnecting. */
export function gmailAccountPages(deps: AppDeps) {
  const app = new Hono<SignedInEnv>();
  const signedIn = requireUser(deps);
  const sameOrigin = sameOriginOnly(deps);

  app.get('/accounts', allowFormsToConsentPage(deps), pageHeaders, signedIn, async (c) => {
    const user = c.get('user');
    const accounts = await presentAccounts(deps, user.id);
    const notice = readAccountNotice(c.req.query());
    return renderPage(c, <GmailAccountsPage user={user} accounts={accounts} sandboxViewerUrl={deps.google.sandboxViewerUrl} notice={notice} />);
  });

  // A POST, checked for origin: a link elsewhere must not be able to start a consent in the user's name.
  app.post('/accounts/connect', pageHeaders, sameOrigin, signedIn, async (c) => {
    const form = await readForm(c, ['detectReplies', 'loginHint', 'timezone']);
    // Only a ticked checkbox is sent: its absence means "no", not the API's default "yes".
    const detectReplies = form.detectReplies === 'true';
    // A hint or zone we cannot use is dropped, not refused: Google then asks which account, and the
    // account starts on UTC (editable in its settings). Neither is worth failing the connect over.
    const loginHint = connectQuerySchema.shape.loginHint.safeParse(form.loginHint || undefined).data;
    const timezone = connectQuerySchema.shape.timezone.safeParse(form.timezone || undefined).data;
    const consentUrl = await startConnect(deps, c.get('user').id, { detectReplies, loginHint, timezone });
    return c.redirect(consentUrl, 303);
  });

  app.get('/accounts/:id/settings', pageHeaders, signedIn, async (c) => {
    const account = await presentAccount(deps, await ownedAccount(deps, c));
    const domainAuth = await checkDomainAuth(deps, account.email);
    return renderPage(c, <SettingsPage user={c.get('user')} account={{ ...account, domainAuth }} values={settingsValuesOf(account)} />);
  });

  app.post('/accounts/:id/settings', pageHeaders, sameOrigin, signedIn, async (c) => {
    const row = await ownedAccount(deps, c);
    const values = await readForm(c, SETTINGS_FIELDS);
    const showErrors = async (errors: Record<string, string | undefined>) =>
      renderPage(c, <SettingsPage user={c.get('user')} account={await presentAccount(deps, row)} values={values} errors={errors} />, 400);
    const parsed = parseSettingsForm(values);
    if (!parsed.ok) return showErrors(parsed.errors);
    let changed;
    try {
      changed = await changeAccountSettings(deps, row, parsed.patch);
    } catch (error) {
      // The rules the field schema cannot check alone: the gaps' order, a warm-up target above Google's limit.
      const { errors } = formFailure(error, ['validation-failed']);
      return showErrors(Object.fromEntries(Object.entries(errors).map(([field, message]) => [formFieldOf(field), message])));
    }
    const names = changedNames(row, changed, Object.keys(parsed.patch));
    if (names.length > 0) {
      await recordAudit(deps, { userId: row.userId, actor: DASHBOARD, action: 'account.settings_changed', subject: row.id, detail: { settings: names.join(', ') } });
    }
    return c.redirect(noticePath('saved', { account: row.id }), 303);
  });

  app.post('/accounts/:id/check', pageHeaders, sameOrigin, signedIn, async (c) => {
    const account = await ownedAccount(deps, c);
    try {
      await checkAccountConnection(deps, account);
    } catch (error) {
      // Google refused the grant: the account is now marked, and the list shows why and "Connect again".
      if (error instanceof AccountNeedsReconnectError) return c.redirect(noticePath('needs-reconnect', { account: account.id }), 303);
      // A wrong ENCRYPTION_KEY is the operator's problem, not a flaky network: the error page and the log.
      if (error instanceof TokenDecryptionError) throw error;
      deps.logger.warn('testing a gmail connection failed', { accountId: account.id, error });
      return c.redirect(noticePath('check-failed', { account: account.id }), 303);
    }
    return c.redirect(noticePath('checked', { account: account.id }), 303);
  });

  app.get('/accounts/:id/disconnect', pageHeaders, signedIn, async (c) => {
    const account = await presentAccount(deps, await ownedAccount(deps, c));
    return renderPage(c, <DisconnectPage user={c.get('user')} account={account} />);
  });

  app.post('/accounts/:id/disconnect', pageHeaders, sameOrigin, signedIn, async (c) => {
    const account = await ownedAccount(deps, c);
    const { revokedAtGoogle } = await disconnectAccount(deps, account);
    await recordAudit(deps, { userId: account.userId, actor: DASHBOARD, action: 'account.disconnected', subject: account.id, detail: { revokedAtGoogle } });
    return c.redirect(noticePath('disconnected', { revokedAtGoogle }), 303);
  });

  return app;
}
