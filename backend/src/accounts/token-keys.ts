import { eq } from 'drizzle-orm';
import type { AppDeps } from '../deps';
import { gmailAccounts } from '../db/schema';
import { ConfigError } from '../config/config';
import { tokenBinding } from './account-store';

type Deps = Pick<AppDeps, 'db' | 'tokenCipher'>;

/**
 * Accounts whose tokens were sealed under a key this server does not have. At start-up any such
 * account means ENCRYPTION_KEY is wrong (or a rotation is half-configured): refusing to start says
 * so loudly, where failing later would only show up as sends that never happen.
 */
export async function accountsWithUnknownKey(deps: Deps): Promise<{ id: string; email: string; keyId: string }[]> {
  const rows = await deps.db
    .select({ id: gmailAccounts.id, email: gmailAccounts.email, sealed: gmailAccounts.refreshTokenSealed })
    .from(gmailAccounts);
  return rows
    .map((row) => ({ id: row.id, email: row.email, keyId: deps.tokenCipher.keyIdOf(row.sealed) }))
    .filter((row) => !deps.tokenCipher.knownKeyIds.includes(row.keyId));
}

/** Start-up check: a wrong ENCRYPTION_KEY stops the server instead of surfacing later as mail that never goes out. */
export async function assertTokensReadable(deps: Deps): Promise<void> {
  const unreadable = await accountsWithUnknownKey(deps);
  if (unreadable.length === 0) return;
  const keyIds = [...new Set(unreadable.map((row) => row.keyId))].join(', ');
  throw new ConfigError(
    `ENCRYPTION_KEY cannot decrypt the Gmail tokens of ${unreadable.length} account(s): they were encrypted with key ${keyIds}, ` +
      `and ENCRYPTION_KEY is ${deps.tokenCipher.currentKeyId}. Set the ENCRYPTION_KEY they were encrypted with, or put it in ` +
      'ENCRYPTION_KEY_PREVIOUS and run `npm run rotate-key`.',
  );
}

/**
 * Re-seals every stored token under the current ENCRYPTION_KEY (reading with the previous ones).
 * Safe to run again: values already under the current key are left as they are.
 */
export async function resealAllTokens(deps: Deps): Promise<{ resealed: number; alreadyCurrent: number }> {
  const rows = await deps.db.select().from(gmailAccounts);
  let resealed = 0;
  for (const row of rows) {
    const refreshCurrent = deps.tokenCipher.keyIdOf(row.refreshTokenSealed) === deps.tokenCipher.currentKeyId;
    const accessCurrent = !row.accessTokenSealed || deps.tokenCipher.keyIdOf(row.accessTokenSealed) === deps.tokenCipher.currentKeyId;
    if (refreshCurrent && accessCurrent) continue;
    const reseal = async (sealed: string, column: 'refresh' | 'access') =>
      deps.tokenCipher.seal(await deps.tokenCipher.open(sealed, tokenBinding(row.id, column)), tokenBinding(row.id, column));
    await deps.db
      .update(gmailAccounts)
      .set({
        refreshTokenSealed: await reseal(row.refreshTokenSealed, 'refresh'),
        accessTokenSealed: row.accessTokenSealed ? await reseal(row.accessTokenSealed, 'access') : null,
      })
      .where(eq(gmailAccounts.id, row.id));
    resealed++;
  }
  return { resealed, alreadyCurrent: rows.length - resealed };
}
