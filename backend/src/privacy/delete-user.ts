import { eq } from 'drizzle-orm';
import type { AppDeps } from '../deps';
import { gmailAccounts, syncChanges, users } from '../db/schema';
import { revokeAtGoogle } from '../accounts/account-client';

/**
 * Deletes a user and everything they own. Google is first asked to revoke every connected
 * mailbox's grant (best effort: the deletion goes ahead either way), then one DELETE removes the
 * user and, through ON DELETE CASCADE, sessions, tokens, accounts, campaigns, recipients, jobs,
 * events and suppressions; the sync feed's rows go in the same batch.
 */
export async function deleteUserAndData(deps: AppDeps, userId: string): Promise<{ revokedAtGoogle: number; notRevoked: string[] }> {
  const accounts = await deps.db.select().from(gmailAccounts).where(eq(gmailAccounts.userId, userId));
  const notRevoked: string[] = [];
  for (const account of accounts) {
    if (!(await revokeAtGoogle(deps, account))) notRevoked.push(account.email);
  }
  await deps.db.batch([
    deps.db.delete(users).where(eq(users.id, userId)),
    // After the cascade: its campaigns' deletions were just written to the change feed, and nobody is left to read them.
    deps.db.delete(syncChanges).where(eq(syncChanges.userId, userId)),
  ]);
  return { revokedAtGoogle: accounts.length - notRevoked.length, notRevoked };
}
