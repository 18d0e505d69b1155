import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type BackendProcess } from '../support/backend-process';
import { signUpWithToken, type DashboardUser } from '../support/dashboard-user';
import { launchWithExtension, type ExtensionBrowser } from '../support/extension-browser';
import { DOCS_SCREENSHOTS } from '../support/extension-paths';
import { openSidePanelTab } from '../support/side-panel';
import { storedConnections } from '../support/stored-connections';

const EMAIL = 'grace@example.com';

let backend: BackendProcess;
let chromium: ExtensionBrowser;
let user: DashboardUser;

/** The dashboard's session cookie from `name=value`, for the backend's origin. */
async function signInBrowser(cookie: string): Promise<void> {
  const [name = '', ...rest] = cookie.split('=');
  await chromium.browser.setCookie({ name, value: rest.join('='), domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Lax' });
}

async function openPanel(): Promise<{ page: Page; problems: string[] }> {
  const problems: string[] = [];
  const page = await openSidePanelTab(chromium.browser, { problems });
  return { page, problems };
}

/** The dashboard tab the background opened at the link page. */
async function dashboardTab(): Promise<Page> {
  const target = await chromium.browser.waitForTarget((t) => t.type() === 'page' && t.url().startsWith(`${backend.url}/extension/link?`), {
    timeout: 15_000,
  });
  const page = await target.page();
  if (!page) throw new Error(`no page behind ${target.url()}`);
  return page;
}

beforeAll(async () => {
  mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  backend = await startBackend();
  user = await signUpWithToken(backend.url, EMAIL);
  chromium = await launchWithExtension();
});

afterAll(async () => {
  await chromium?.close();
  await backend?.stop();
});

describe('extension: linking with the dashboard in one click', () => {
  it('says linking was cancelled when the dashboard tab is closed first', async () => {
    const { page, problems } = await openPanel();
    await page.locator('[data-testid="server-url"]').fill(backend.url);

    await page.locator('[data-testid="link-account"]').click();
    const dashboard = await dashboardTab();
    // Signed out: the dashboard asks to sign in first, and will come back to the link page.
    await dashboard.waitForSelector('form[action="/login"]');
    expect(new URL(dashboard.url()).searchParams.get('next')).toMatch(/^\/extension\/link\?state=[\w-]{43}&extension=mjnp/);
    await page.waitForSelector('[data-testid="link-waiting"]');
    await dashboard.close();

    const error = await page.waitForSelector('[data-testid="link-error"]', { timeout: 15_000 });
    expect(await error?.evaluate((node) => node.textContent)).toMatch(/^Linking was cancelled/);
    expect(await storedConnections(chromium.worker)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('links a signed-in user with one click, keeps the token in the background and closes the tab', async () => {
    await signInBrowser(user.cookie);
    const { page, problems } = await openPanel();
    await page.locator('[data-testid="server-url"]').fill(backend.url);

    // 127.0.0.1 is in the manifest's host_permissions: the permission request resolves at once.
    await page.locator('[data-testid="link-account"]').click();
    const dashboard = await dashboardTab();
    const closed = new Promise<void>((done) => dashboard.once('close', () => done()));
    const confirm = await dashboard.waitForSelector('form[action="/extension/link"] button[type="submit"]');
    expect(await dashboard.$eval('main', (main) => main.textContent)).toMatch(/Link the iConnect extension in this browser to grace@example\.com\?/);
    await dashboard.setViewport({ width: 900, height: 560 });
    await dashboard.screenshot({ path: join(DOCS_SCREENSHOTS, 'dashboard-link-extension.png') });

    await confirm?.click();

    await closed;
    await page.waitForSelector('[data-testid="campaign-list"]', { timeout: 15_000 });
    expect(await page.$eval('[data-testid="connected-email"]', (node) => node.textContent)).toBe(EMAIL);
    const [connection, ...others] = await storedConnections(chromium.worker);
    expect(others).toEqual([]);
    expect(connection).toMatchObject({ id: 'current', serverUrl: backend.url, email: EMAIL, token: expect.stringMatching(/^ick_[\w-]{43}$/) });
    const token = String(connection?.token);
    expect(token).not.toBe(user.token);
    // The page learns the server and email, never the token; the token is named for the extension.
    expect(await page.content()).not.toContain(token);
    const me = await fetch(`${backend.url}/api/tokens`, { headers: { authorization: `Bearer ${token}` } });
    const { tokens } = (await me.json()) as { tokens: Array<{ name: string }> };
    expect(tokens.map((listed) => listed.name)).toContainEqual(expect.stringMatching(/^Chrome extension \(\d{1,2} \w{3} \d{4}\)$/));
    expect(await chromium.browser.pages()).not.toContain(dashboard);
    expect(backend.output()).not.toContain(token);
    expect(problems).toEqual([]);
    await page.close();
  });
});
