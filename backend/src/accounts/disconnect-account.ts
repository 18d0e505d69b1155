import type { AppDeps } from '../deps';
import { revokeAtGoogle } from './account-client';
import { deleteAccount, type AccountRow } from './account-store';

/**
 * Disconnecting: Google is told to revoke the grant, then the account and its sealed tokens are
 * deleted here whatever Google answered (the user asked for them to be gone). `revokedAtGoogle`
 * false means the user should also remove iConnect at myaccount.google.com/permissions.
 */
export async function disconnectAccount(deps: AppDeps, account: AccountRow): Promise<{ revokedAtGoogle: boolean }> {
  const revokedAtGoogle = await revokeAtGoogle(deps, account);
  await deleteAccount(deps, account);
  return { revokedAtGoogle };
}
