import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type BackendProcess } from '../support/backend-process';
import { signUpWithToken } from '../support/dashboard-user';
import { launchWithExtension, type ExtensionBrowser } from '../support/extension-browser';
import { EXTENSION_ID, SCREENSHOTS } from '../support/extension-paths';
import { connectSidePanel, openedSidePanel, openSidePanelTab } from '../support/side-panel';
import { storedConnections } from '../support/stored-connections';

const EMAIL = 'ada@example.com';

let backend: BackendProcess;
let chromium: ExtensionBrowser;
let token: string;

/** Opens the side panel's page in a tab; `problems` collects its console errors and CSP violations. */
async function openPanel(): Promise<{ page: Page; problems: string[] }> {
  const problems: string[] = [];
  const page = await openSidePanelTab(chromium.browser, { problems });
  return { page, problems };
}

async function textOf(page: Page, testId: string): Promise<string> {
  const element = await page.waitForSelector(`[data-testid="${testId}"]`, { timeout: 15_000 });
  return (await element?.evaluate((node) => node.textContent ?? '')) ?? '';
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  backend = await startBackend();
  ({ token } = await signUpWithToken(backend.url, EMAIL, 'e2e side panel'));
  chromium = await launchWithExtension();
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
      .poll(() => chromium.worker.evaluate('chrome.sidePanel.getPanelBehavior()'), { timeout: 10_000 })
      .toEqual({ openPanelOnActionClick: true });

    // Puppeteer's stand-in for a click on the toolbar icon (a user gesture).
    await extension.triggerAction(tab);

    // The real side panel is a target without a tab: reach it with asPage().
    const panel = await openedSidePanel(chromium.browser);
    await panel.waitForSelector('[data-testid="connect"]', { timeout: 10_000 });
    await tab.close();
  });

  it('shows a readable error for a wrong token and stores nothing', async () => {
    const { page, problems } = await openPanel();

    await connectSidePanel(page, backend.url, 'ick_this-token-does-not-exist');

    expect(await textOf(page, 'connect-error')).toMatch(/did not accept this API token/);
    expect(await page.$('[role="alert"]')).not.toBeNull();
    await page.screenshot({ path: join(SCREENSHOTS, 'sidepanel-connect-error.png') });
    expect(await storedConnections(chromium.worker)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says when no server answers at the address (submitted from the keyboard)', async () => {
    const { page, problems } = await openPanel();

    await connectSidePanel(page, 'http://127.0.0.1:9', token, 'enter');

    expect(await textOf(page, 'connect-error')).toMatch(/Could not reach http:\/\/127\.0\.0\.1:9/);
    expect(await storedConnections(chromium.worker)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('connects with a valid token, shows who is signed in, and keeps the token in the background', async () => {
    const { page, problems } = await openPanel();

    await connectSidePanel(page, backend.url, token);

    expect(await textOf(page, 'connected-email')).toBe(EMAIL);
    expect(await textOf(page, 'connected-server')).toBe(backend.url.replace('http://', ''));
    await page.screenshot({ path: join(SCREENSHOTS, 'sidepanel-connected.png') });

    expect(await storedConnections(chromium.worker)).toEqual([
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
    expect(await storedConnections(chromium.worker)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
