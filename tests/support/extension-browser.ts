import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { WebWorker } from 'puppeteer-core';
import { extensionServiceWorker, launchChromium, type LaunchedChromium } from './chromium';
import { EXTENSION_ID, EXTENSION_PATH } from './extension-paths';

export type ExtensionBrowser = LaunchedChromium & {
  /** The extension's service worker: `evaluate()` runs code inside the background. */
  worker: WebWorker;
};

/**
 * Headless Chromium with the built extension (`.output/chrome-mv3`) loaded, once its service worker
 * runs. Throws when there is no build, or when the extension got another id than the one the
 * manifest `key` pins (every `chrome-extension://` URL in the tests would be wrong).
 *
 * @example
 * const chromium = await launchWithExtension({ extraArgs: ['--ignore-certificate-errors'] });
 * try { await chromium.worker.evaluate('chrome.runtime.id'); } finally { await chromium.close(); }
 */
export async function launchWithExtension(options: { extraArgs?: string[] } = {}): Promise<ExtensionBrowser> {
  if (!existsSync(join(EXTENSION_PATH, 'manifest.json'))) {
    throw new Error(`No built extension at ${EXTENSION_PATH}: run \`npm run build:ext\` first.`);
  }
  const chromium = await launchChromium({ extensionPath: EXTENSION_PATH, extraArgs: options.extraArgs });
  try {
    const { id, worker } = await extensionServiceWorker(chromium.browser);
    if (id !== EXTENSION_ID) throw new Error(`the extension loaded as ${id}, not ${EXTENSION_ID}: is the manifest key in wxt.config.ts still set?`);
    return { ...chromium, worker };
  } catch (error) {
    await chromium.close();
    throw error;
  }
}
