/**
 * `npm start`: everything a new user needs in one command. Builds the extension when its sources
 * are newer than the last build, starts the backend on the embedded SQLite file, and says where
 * the dashboard is and which folder to load into Chrome.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startNodeServer } from '../backend/src/node';

const ROOT = resolve(import.meta.dirname, '..');
const EXTENSION_OUTPUT = join(ROOT, '.output/chrome-mv3');

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

function buildExtensionIfStale(): void {
  const manifest = join(EXTENSION_OUTPUT, 'manifest.json');
  const sources = [join(ROOT, 'extension'), join(ROOT, 'shared'), join(ROOT, 'wxt.config.ts')].filter(existsSync);
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= Math.max(...sources.map(newestChange))) return;
  console.log('Building the extension…');
  const result = spawnSync(join(ROOT, 'node_modules/.bin/wxt'), ['build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('The extension did not build; the server starts anyway.');
  }
}

buildExtensionIfStale();
const { config, stop } = await startNodeServer();
console.log(`
  iConnect is running.

  Dashboard:         ${config.publicUrl}
  Gmail:             ${config.google ? 'Google (GOOGLE_CLIENT_ID is set)' : 'the built-in Gmail sandbox (no Google credentials set)'}
  Extension folder:  ${EXTENSION_OUTPUT}
                     Chrome → chrome://extensions → Developer mode → Load unpacked → choose that folder.

  Stop with Ctrl+C.
`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
