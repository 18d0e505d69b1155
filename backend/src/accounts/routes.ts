import { Hono } from 'hono';
import { accountPatchSchema, connectQuerySchema, type AccountList, type DisconnectResult, type GmailAccount } from '../../../shared/schemas/accounts';
import type { AuthedEnv } from '../app-env';
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
    return c.json(await present(await changeAccountSettings(deps, account, patch)));
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
    return c.json((await disconnectAccount(deps, account)) satisfies DisconnectResult);
  });

  return app;
}
