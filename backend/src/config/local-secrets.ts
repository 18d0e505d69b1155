import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

const SECRET_NAMES = ['ENCRYPTION_KEY', 'AUTH_SECRET'] as const;

/**
 * Local use only (Node): fills in ENCRYPTION_KEY and AUTH_SECRET from `<dataDir>/secrets.json`,
 * generating them there once (file mode 0600) so a new user can `npm start` without setup.
 * In production a missing secret stays missing and `parseConfig` refuses to start:
 * silently generated keys would make every stored Gmail token unreadable after a redeploy.
 */
export function withLocalSecrets(
  env: Record<string, string | undefined>,
  dataDir: string,
  log: (message: string) => void,
): Record<string, string | undefined> {
  if (env.NODE_ENV === 'production') return env;
  const missing = SECRET_NAMES.filter((name) => !env[name]);
  if (missing.length === 0) return env;

  const file = join(dataDir, 'secrets.json');
  const stored = readSecretsFile(file);
  const generated: string[] = [];
  for (const name of missing) {
    if (!stored[name]) {
      stored[name] = randomBytes(32).toString('base64');
      generated.push(name);
    }
  }
  if (generated.length > 0) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify(stored, null, 2) + '\n', { mode: 0o600 });
    chmodSync(file, 0o600);
    log(`Generated ${generated.join(' and ')} into ${file} (mode 0600). Back this file up: tokens encrypted with it cannot be read without it.`);
  }
  return { ...env, ...Object.fromEntries(missing.map((name) => [name, stored[name]])) };
}

function readSecretsFile(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null) throw new Error(`${file} is not a JSON object`);
  return Object.fromEntries(
    Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
