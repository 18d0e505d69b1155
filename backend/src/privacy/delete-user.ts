import { eq } from 'drizzle-orm';
import type { AppDeps } from '../deps';
import { gmailAccounts, users } from '../db/schema';
import { revokeAtGoogle } from '../accounts/account-client';

/**
 * Deletes a user and everything they own. Google is first asked to revoke every connected
 * mailbox's grant (best effort: the deletion goes ahead either way), then one DELETE removes the
 * user and, through ON DELETE CASCADE, sessions, tokens, accounts, campaigns, recipients, jobs,
 * events and suppressions.
 */
export async function deleteUserAndData(deps: AppDeps, userId: string): Promise<{ revokedAtGoogle: number; notRevoked: string[] }> {
  const accounts = await deps.db.select().from(gmailAccounts).where(eq(gmailAccounts.userId, userId));
  const notRevoked: string[] = [];
  for (const account of accounts) {
    if (!(await revokeAtGoogle(deps, account))) notRevoked.push(account.email);
  }
  await deps.db.delete(users).where(eq(users.id, userId));
  return { revokedAtGoogle: accounts.length - notRevoked.length, notRevoked };
}
