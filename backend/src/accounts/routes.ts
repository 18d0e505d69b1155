import { Hono } from 'hono';
import { accountPatchSchema, connectQuerySchema, type AccountList, type DisconnectResult, type GmailAccount } from '../../../shared/schemas/accounts';
import type { AuthedEnv } from '../app-env';
import { changedNames } from '../audit/changed-names';
import { actorOf, recordAudit } from '../audit/record-audit';
import type { AppDeps } from '../deps';
import { ProblemError } from '../http/problem';
import { validate } from '../http/validate';
import { AccountNeedsReconnectError, checkAccountConnection } from './account-client';
import { disconnectAccount } from './disconnect-account';
import { changeAccountSettings } from './account-settings';
import { findAccount, listAccounts, type AccountRow } from './account-store';
import { startConnect } from './connect-flow';
import { accountsWithUsage } from './account-usage';
import { checkDomainAuth } from './domain-auth';

/** `/api/accounts`: connected Gmail accounts, answered as shared/schemas/accounts.ts describes them. Mounted behind `authenticate`. */
export function gmailAccountsApi(deps: AppDeps) {
  const app = new Hono<AuthedEnv>();

  const owned = async (userId: string, accountId: string): Promise<AccountRow> => {
    const account = await findAccount(deps, userId, accountId);
    if (!account) throw new ProblemError('not-found', { detail: 'No Gmail account with this id.' });
    return account;
  };
  const present = async (row: AccountRow): Promise<GmailAccount> => (await accountsWithUsage(deps, [row]))[0]!;

  app.get('/', async (c) => c.json({ accounts: await accountsWithUsage(deps, await listAccounts(deps, c.get('user').id)) } satisfies AccountList));

  /** Answers 302 to Google's consent page (or the sandbox's). */
  app.get('/connect', validate('query', connectQuerySchema), async (c) => {
    const query = c.req.valid('query');
    const url = await startConnect(deps, c.get('user').id, query);
    return c.redirect(url, 302);
  });

  app.get('/:id', async (c) => {
    const account = await owned(c.get('user').id, c.req.param('id'));
    return c.json({ ...(await present(account)), domainAuth: await checkDomainAuth(deps, account.email, account.dkimSelector ?? undefined) } satisfies GmailAccount);
  });

  app.patch('/:id', validate('json', accountPatchSchema), async (c) => {
    const account = await owned(c.get('user').id, c.req.param('id'));
    const patch = c.req.valid('json');
    const changed = await changeAccountSettings(deps, account, patch);
    const names = changedNames(account, changed, Object.keys(patch));
    if (names.length > 0) {
      await recordAudit(deps, { userId: account.userId, actor: actorOf(c), action: 'account.settings_changed', subject: account.id, detail: { settings: names.join(', ') } });
    }
    return c.json(await present(changed));
  });

  /** Tests the stored authorisation with Google, refreshing the access token if needed. */
  app.post('/:id/check', async (c) => {
    const account = await owned(c.get('user').id, c.req.param('id'));
    try {
      await checkAccountConnection(deps, account);
    } catch (error) {
      if (!(error instanceof AccountNeedsReconnectError)) throw error;
    }
    return c.json(await present((await findAccount(deps, account.userId, account.id))!));
  });

  app.delete('/:id', async (c) => {
    const account = await owned(c.get('user').id, c.req.param('id'));
    const result = await disconnectAccount(deps, account);
    await recordAudit(deps, { userId: account.userId, actor: actorOf(c), action: 'account.disconnected', subject: account.id, detail: { revokedAtGoogle: result.revokedAtGoogle } });
    return c.json(result satisfies DisconnectResult);
  });

  return app;
}
