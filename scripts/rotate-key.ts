/**
 * `npm run rotate-key`: re-encrypts every stored Gmail token under a new ENCRYPTION_KEY.
 *
 *   ENCRYPTION_KEY=<new key> ENCRYPTION_KEY_PREVIOUS=<old key> npm run rotate-key
 *
 * Run it with the server stopped, or with the server already configured with both variables;
 * then keep only ENCRYPTION_KEY. Running it twice is harmless.
 */
import { readFileSync } from 'node:fs';
import { accountsWithUnknownKey, resealAllTokens } from '../backend/src/accounts/token-keys';
import { ConfigError, parseConfig } from '../backend/src/config/config';
import { withLocalSecrets } from '../backend/src/config/local-secrets';
import { createTokenCipher } from '../backend/src/crypto/token-cipher';
import { openDatabase } from '../backend/src/db/open-database';

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
try {
  const config = parseConfig(withLocalSecrets(process.env, process.env.DATA_DIR || './data', console.log), { version });
  if (config.previousEncryptionKeys.length === 0) {
    throw new ConfigError('Set ENCRYPTION_KEY to the new key and ENCRYPTION_KEY_PREVIOUS to the old one.');
  }
  const { db, client } = await openDatabase({ url: config.databaseUrl, authToken: config.databaseAuthToken });
  const tokenCipher = await createTokenCipher(config.encryptionKey, config.previousEncryptionKeys);
  const unreadable = await accountsWithUnknownKey({ db, tokenCipher });
  if (unreadable.length > 0) {
    throw new ConfigError(
      `${unreadable.length} account(s) were encrypted with a key that is neither ENCRYPTION_KEY nor ENCRYPTION_KEY_PREVIOUS ` +
        `(key ids: ${[...new Set(unreadable.map((row) => row.keyId))].join(', ')}). Nothing was changed.`,
    );
  }
  const { resealed, alreadyCurrent } = await resealAllTokens({ db, tokenCipher });
  console.log(`Re-encrypted ${resealed} account(s) under key ${tokenCipher.currentKeyId}; ${alreadyCurrent} already used it.`);
  console.log('You can now remove ENCRYPTION_KEY_PREVIOUS.');
  client.close();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(78);
}
