import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from './config';
import { withLocalSecrets } from './local-secrets';

const dirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'iconnect-secrets-'));
  dirs.push(dir);
  return join(dir, 'data');
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('withLocalSecrets', () => {
  it('generates both secrets once into a 0600 file, says so, and reuses them on the next start', () => {
    const dataDir = tempDir();
    const logs: string[] = [];
    const first = withLocalSecrets({}, dataDir, (line) => logs.push(line));
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/Generated ENCRYPTION_KEY and AUTH_SECRET into .*secrets.json \(mode 0600\)/);
    expect(logs[0]).not.toContain(first.ENCRYPTION_KEY);
    expect(statSync(join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(() => parseConfig(first, { version: 'x' })).not.toThrow();

    const second = withLocalSecrets({}, dataDir, (line) => logs.push(line));
    expect(logs).toHaveLength(1);
    expect(second.ENCRYPTION_KEY).toBe(first.ENCRYPTION_KEY);
    expect(second.AUTH_SECRET).toBe(first.AUTH_SECRET);
  });

  it('leaves secrets from the environment alone and writes nothing for them', () => {
    const dataDir = tempDir();
    const env = { ENCRYPTION_KEY: 'a'.repeat(43), AUTH_SECRET: 'b'.repeat(43) };
    expect(withLocalSecrets(env, dataDir, () => {})).toBe(env);
    expect(() => readFileSync(join(dataDir, 'secrets.json'))).toThrow();
  });

  it('never generates secrets in production: a missing key must stop the server', () => {
    const dataDir = tempDir();
    const env = withLocalSecrets({ NODE_ENV: 'production' }, dataDir, () => {});
    expect(env.ENCRYPTION_KEY).toBeUndefined();
    expect(() => parseConfig(env, { version: 'x' })).toThrow(/Missing ENCRYPTION_KEY/);
  });
});
