import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type WebWorker } from 'puppeteer-core';

/** Debian's wrapper script; `/usr/lib/chromium/chromium` (the binary) works as well. */
const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags for a quiet, sandbox-free headless Chromium in a container. Without the
 * background-networking ones it keeps trying Google's hosts, which are unreachable here.
 */
const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface LaunchOptions {
  /** An unpacked extension to load, e.g. `.output/chrome-mv3`. */
  extensionPath?: string;
  /** More command-line flags, e.g. `--host-resolver-rules=...`. */
  extraArgs?: string[];
}

export interface LaunchedChromium {
  browser: Browser;
  /** Closes the browser and deletes its profile. Safe to call twice. */
  close(): Promise<void>;
}

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || process.env.CHROME_PATH || DEFAULT_CHROMIUM_PATH;
}

/**
 * Headless Chromium with a fresh profile in a temporary folder, removed on close.
 * Headful mode is not an option here: there is no X server.
 *
 * @example
 * const { browser, close } = await launchChromium({ extensionPath: '.output/chrome-mv3' });
 * try { ... } finally { await close(); }
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<LaunchedChromium> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'iconnect-chromium-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: chromiumPath(),
      headless: true,
      userDataDir,
      ...(options.extensionPath ? { enableExtensions: [resolve(options.extensionPath)] } : {}),
      args: [...BASE_ARGS, ...(options.extraArgs ?? [])],
    });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }

  let closed = false;
  return {
    browser,
    async close() {
      if (closed) return;
      closed = true;
      await browser.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/**
 * Waits for a loaded extension's service worker and returns the extension id
 * (the host of its `chrome-extension://` URL) and the worker, which can
 * `evaluate()` code inside the background.
 */
export async function extensionServiceWorker(browser: Browser): Promise<{ id: string; worker: WebWorker }> {
  const target = await browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
    { timeout: 15_000 },
  );
  const worker = await target.worker();
  if (!worker) throw new Error(`no worker behind ${target.url()}`);
  return { id: new URL(target.url()).host, worker };
}
