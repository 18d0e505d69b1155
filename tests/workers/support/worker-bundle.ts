import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(import.meta.dirname, '../../..');

/** Where `npm run build:worker` writes the bundle wrangler would upload. */
export const WORKER_OUT_DIR = resolve(ROOT, '.output/worker');
export const WORKER_BUNDLE = resolve(WORKER_OUT_DIR, 'worker.js');

/**
 * Builds the Worker exactly as `wrangler deploy` would (`npm run build:worker`: a dry run that
 * writes the bundle instead of uploading it), so the tests run what would be deployed.
 * Returns wrangler's own size line ("Total Upload: … KiB / gzip: … KiB").
 */
export async function buildWorkerBundle(): Promise<string> {
  const { stdout } = await promisify(execFile)(
    resolve(ROOT, 'node_modules/.bin/wrangler'),
    ['deploy', '--dry-run', '--outdir', WORKER_OUT_DIR],
    // No telemetry and no update check: this machine reaches no network.
    { cwd: ROOT, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_HIDE_BANNER: 'true', NO_UPDATE_NOTIFIER: '1' } },
  );
  return /Total Upload:.*$/m.exec(stdout)?.[0] ?? '';
}
