import type { Context } from 'hono';
import { findAccount, type AccountRow } from '../../accounts/account-store';
import type { AppDeps } from '../../deps';
import { ProblemError } from '../../http/problem';
import type { SignedInEnv } from '../dashboard-env';

/**
 * The `:id` account of the signed-in user. Another user's id is as unknown as a made-up one:
 * both answer the 404 page, so ids cannot be probed.
 */
export async function ownedAccount(deps: Pick<AppDeps, 'db'>, c: Context<SignedInEnv>): Promise<AccountRow> {
  const account = await findAccount(deps, c.get('user').id, c.req.param('id') ?? '');
  if (!account) throw new ProblemError('not-found', { detail: 'No Gmail account of yours has this id. It may have been disconnected.' });
  return account;
}

/** Path of an account's own pages and actions, e.g. `accountPath(id, 'settings')`. */
export function accountPath(accountId: string, action: 'settings' | 'check' | 'disconnect'): string {
  return `/accounts/${encodeURIComponent(accountId)}/${action}`;
}
