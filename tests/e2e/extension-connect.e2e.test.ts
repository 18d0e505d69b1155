import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page, WebWorker } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type BackendProcess } from '../support/backend-process';
import { extensionServiceWorker, launchChromium, type LaunchedChromium } from '../support/chromium';

const ROOT = resolve(import.meta.dirname, '../..');
const EXTENSION_PATH = join(ROOT, '.output/chrome-mv3');
const SCREENSHOTS = join(ROOT, '.output/screenshots');
/** Derived from the manifest `key` in wxt.config.ts. */
const EXTENSION_ID = 'mjnpgoahphiokkmbakhebijcbljooiap';
const EMAIL = 'ada@example.com';

let backend: BackendProcess;
let chromium: LaunchedChromium;
let worker: WebWorker;
let token: string;

/** Signs a user up and creates an API token the way the dashboard does (cookie + same-origin). */
async function createUserAndToken(serverUrl: string): Promise<string> {
  const signup = await fetch(`${serverUrl}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: serverUrl },
    body: JSON.stringify({ email: EMAIL, password: 'correct horse battery staple' }),
  });
  expect(signup.status).toBe(201);
  const cookie = signup.headers
    .getSetCookie()
    .map((header) => header.split(';', 1)[0])
    .join('; ');

  const created = await fetch(`${serverUrl}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: serverUrl, cookie },
    body: JSON.stringify({ name: 'e2e side panel' }),
  });
  expect(created.status).toBe(201);
  const body: unknown = await created.json();
  if (typeof body !== 'object' || body === null || !('token' in body) || typeof body.token !== 'string') {
    throw new Error(`POST /api/tokens answered without a token: ${JSON.stringify(body)}`);
  }
  return body.token;
}

/** The rows of the background's IndexedDB `connection` table, read inside the service worker. */
function storedConnections(): Promise<unknown[]> {
  return worker.evaluate(
    () =>
      new Promise<unknown[]>((resolveRows, reject) => {
        const request = indexedDB.open('iconnect');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains('connection')) {
            db.close();
            resolveRows([]);
            return;
          }
          const all = db.transaction('connection', 'readonly').objectStore('connection').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            db.close();
            resolveRows(all.result);
          };
        };
      }),
  );
}

/** Opens the side panel's page in a tab; `problems` collects its console errors and CSP violations. */
async function openPanel(): Promise<{ page: Page; problems: string[] }> {
  const page = await chromium.browser.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  // About the width of Chrome's side panel.
  await page.setViewport({ width: 360, height: 640 });
  await page.goto(`chrome-extension://${EXTENSION_ID}/sidepanel.html`);
  return { page, problems };
}

/** Fills the connect form, then presses Connect, or Enter in the token field as a keyboard user would. */
async function fillAndConnect(page: Page, serverUrl: string, apiToken: string, submit: 'click' | 'enter' = 'click'): Promise<void> {
  await page.locator('[data-testid="server-url"]').fill(serverUrl);
  await page.locator('[data-testid="api-token"]').fill(apiToken);
  if (submit === 'enter') await page.keyboard.press('Enter');
  else await page.locator('[data-testid="connect"]').click();
}

async function textOf(page: Page, testId: string): Promise<string> {
  const element = await page.waitForSelector(`[data-testid="${testId}"]`, { timeout: 15_000 });
  return (await element?.evaluate((node) => node.textContent ?? '')) ?? '';
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  if (!existsSync(join(EXTENSION_PATH, 'manifest.json'))) {
    throw new Error(`No built extension at ${EXTENSION_PATH}: run \`npm run build:ext\` first.`);
  }
  backend = await startBackend();
  token = await createUserAndToken(backend.url);
  chromium = await launchChromium({ extensionPath: EXTENSION_PATH });
  const sw = await extensionServiceWorker(chromium.browser);
  expect(sw.id).toBe(EXTENSION_ID);
  worker = sw.worker;
});

afterAll(async () => {
  await chromium?.close();
  await backend?.stop();
});

describe('extension: connecting the side panel to a server', () => {
  it('opens the side panel when the toolbar icon is clicked', async () => {
    const tab = await chromium.browser.newPage();
    await tab.goto('data:text/html,<title>Any page</title>');
    const extension = (await chromium.browser.extensions()).get(EXTENSION_ID);
    if (!extension) throw new Error('the extension is not loaded');

    // The worker target appears before its script has run: wait for start-up to set the behaviour.
    await expect
      .poll(() => worker.evaluate('chrome.sidePanel.getPanelBehavior()'), { timeout: 10_000 })
      .toEqual({ openPanelOnActionClick: true });

    // Puppeteer's stand-in for a click on the toolbar icon (a user gesture).
    await extension.triggerAction(tab);

    // The real side panel is a target without a tab: reach it with asPage().
    const target = await chromium.browser.waitForTarget((t) => t.url().endsWith('/sidepanel.html'), { timeout: 10_000 });
    const panel = await target.asPage();
    await panel.waitForSelector('[data-testid="connect"]', { timeout: 10_000 });
    await tab.close();
  });

  it('shows a readable error for a wrong token and stores nothing', async () => {
    const { page, problems } = await openPanel();

    await fillAndConnect(page, backend.url, 'ick_this-token-does-not-exist');

    expect(await textOf(page, 'connect-error')).toMatch(/did not accept this API token/);
    expect(await page.$('[role="alert"]')).not.toBeNull();
    await page.screenshot({ path: join(SCREENSHOTS, 'sidepanel-connect-error.png') });
    expect(await storedConnections()).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says when no server answers at the address (submitted from the keyboard)', async () => {
    const { page, problems } = await openPanel();

    await fillAndConnect(page, 'http://127.0.0.1:9', token, 'enter');

    expect(await textOf(page, 'connect-error')).toMatch(/Could not reach http:\/\/127\.0\.0\.1:9/);
    expect(await storedConnections()).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('connects with a valid token, shows who is signed in, and keeps the token in the background', async () => {
    const { page, problems } = await openPanel();

    await fillAndConnect(page, backend.url, token);

    expect(await textOf(page, 'connected-email')).toBe(EMAIL);
    expect(await textOf(page, 'connected-server')).toBe(backend.url.replace('http://', ''));
    await page.screenshot({ path: join(SCREENSHOTS, 'sidepanel-connected.png') });

    expect(await storedConnections()).toEqual([
      expect.objectContaining({ id: 'current', serverUrl: backend.url, email: EMAIL, token }),
    ]);
    // The page learns the server and email, never the token.
    const answer = await page.evaluate("chrome.runtime.sendMessage({ type: 'connection/get' })");
    expect(answer).toEqual({ ok: true, value: { connected: true, serverUrl: backend.url, email: EMAIL } });
    expect(await page.content()).not.toContain(token);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('is still connected after the panel reloads', async () => {
    const { page, problems } = await openPanel();
    expect(await textOf(page, 'connected-email')).toBe(EMAIL);

    await page.reload();

    expect(await textOf(page, 'connected-email')).toBe(EMAIL);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('signs out back to the connect screen and forgets the token', async () => {
    const { page, problems } = await openPanel();
    await textOf(page, 'connected-email');

    await page.locator('[data-testid="sign-out"]').click();

    await page.waitForSelector('[data-testid="connect"]', { timeout: 15_000 });
    expect(await storedConnections()).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
