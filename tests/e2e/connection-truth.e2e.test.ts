import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleEntry, crashableBackend } from '../support/crashable-processes';
import { apiJson, signUpWithToken, type DashboardUser } from '../support/dashboard-user';
import { launchWithExtension, type ExtensionBrowser } from '../support/extension-browser';
import { DOCS_SCREENSHOTS, SCREENSHOTS } from '../support/extension-paths';
import { connectSidePanel, openSidePanelTab, waitForTestIdText } from '../support/side-panel';

/**
 * Issue 14, "States that are true": the panel says what is true about its connection. One story on
 * one backend (stopped and started again on the same port and data) and one browser: a fresh
 * install's empty address; an outage shown once, with a dot that is not green, and gone within
 * seconds of the server's return with fresh data; a token revoked on the dashboard shown as
 * "This device was signed out" with Link again; the address kept after Sign out; and linking to
 * an address where nothing answers failing at once.
 */

const EMAIL = 'lin@example.com';
/** Generous: the panel asks again after at most 5 s (CHECK_BACKOFF_MS); a restart takes about 1 s. */
const RECOVERY_MS = 15_000;

const dir = mkdtempSync(join(tmpdir(), 'iconnect-connection-'));
let backend: Awaited<ReturnType<typeof crashableBackend>>;
let chromium: ExtensionBrowser;
let user: DashboardUser;
let page: Page;
let host: string;
/** The panel's console errors and CSP violations, from its first load on. */
const problems: string[] = [];

function api(path: string, init: { method?: string; json?: unknown } = {}) {
  return apiJson(backend.url, user.token, path, init);
}

/** What the dot says: its tone, its visible word, and what a screen reader hears. */
async function dot(): Promise<{ tone: string | null; text: string }> {
  return page.$eval('[data-testid="connection-status"]', (node) => ({ tone: node.getAttribute('data-tone'), text: node.textContent ?? '' }));
}

/** Every banner or alert on screen that speaks of reaching the server (the dot's own words excluded). */
async function reachNotes(): Promise<string[]> {
  return page.$$eval('[role="alert"], [data-testid="connection-banner"]', (nodes) =>
    nodes.map((node) => node.textContent ?? '').filter((text) => /reach/i.test(text)),
  );
}

/** A user action that asks the server: leave the campaign list and come back. */
async function revisitCampaigns(): Promise<void> {
  await page.locator('[data-testid="nav-accounts"]').click();
  await page.locator('[data-testid="nav-campaigns"]').click();
  await page.waitForSelector('[data-testid="campaign-list"]');
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  // Compiled once: a restart under tsx takes ~5 s, the bundle ~1 s.
  const entry = await bundleEntry('tests/support/backend-main.ts', join(import.meta.dirname, '../../node_modules/.cache/iconnect-e2e'));
  backend = await crashableBackend({ dataDir: join(dir, 'data'), entry });
  await backend.start();
  host = backend.url.replace('http://', '');
  user = await signUpWithToken(backend.url, EMAIL);
  await api('/api/campaigns', { method: 'POST', json: { name: 'Before the outage' } });
  chromium = await launchWithExtension();
});

afterAll(async () => {
  await chromium?.close();
  await backend?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('extension: the connection as it is', () => {
  it('starts a fresh install with an empty address field and an example in it', async () => {
    page = await openSidePanelTab(chromium.browser, { problems });
    const field = await page.waitForSelector('[data-testid="server-url"]');

    expect(await field?.evaluate((input) => (input as HTMLInputElement).value)).toBe('');
    expect(await field?.evaluate((input) => (input as HTMLInputElement).placeholder)).toMatch(/^https:\/\//);
  });

  it('shows one "Cannot reach" banner and no green dot while the server is down, and fresh data within seconds of its return', async () => {
    await connectSidePanel(page, backend.url, user.token);
    await waitForTestIdText(page, 'campaign-list', /Before the outage/);
    await page.waitForSelector('[data-testid="connection-status"][data-tone="ok"]');
    expect((await dot()).text).toBe(`Connected to ${host}`);

    await backend.stop();
    await revisitCampaigns();

    await page.waitForSelector('[data-testid="connection-banner"]', { timeout: RECOVERY_MS });
    expect(await reachNotes()).toEqual([expect.stringMatching(new RegExp(`^Cannot reach ${host}\\.`))]);
    expect(await dot()).toEqual({ tone: 'trouble', text: `OfflineCannot reach ${host}` });
    // The saved list stays on screen, without a claim to be fresh.
    await waitForTestIdText(page, 'campaign-list', /Before the outage/);
    expect(await page.$eval('[data-testid="campaign-list"]', (node) => node.textContent)).not.toMatch(/Updated/);
    await page.screenshot({ path: join(SCREENSHOTS, 'sidepanel-offline.png') });

    await backend.start();
    await api('/api/campaigns', { method: 'POST', json: { name: 'After the restart' } });

    // Nobody touches the panel: it notices by itself.
    await waitForTestIdText(page, 'campaign-list', /After the restart/, RECOVERY_MS);
    await page.waitForSelector('[data-testid="connection-banner"]', { hidden: true, timeout: RECOVERY_MS });
    await page.waitForSelector('[data-testid="connection-status"][data-tone="ok"]', { timeout: RECOVERY_MS });
    expect(await reachNotes()).toEqual([]);
  });

  it('says "This device was signed out" with Link again once the token is revoked on the dashboard, never "Signed in as"', async () => {
    const { tokens } = (await (await fetch(`${backend.url}/api/tokens`, { headers: { cookie: user.cookie } })).json()) as { tokens: { id: string }[] };
    for (const token of tokens) {
      const revoked = await fetch(`${backend.url}/api/tokens/${token.id}`, { method: 'DELETE', headers: { cookie: user.cookie, origin: backend.url } });
      expect(revoked.status).toBe(204);
    }

    // The next request the panel makes (the user opens another section) meets the refusal.
    await page.locator('[data-testid="nav-accounts"]').click();

    await waitForTestIdText(page, 'signed-out', /^This device was signed out: Link again/);
    expect(await page.$('[data-testid="link-again"]')).not.toBeNull();
    expect(await page.$('[data-testid="connected-email"]')).toBeNull();
    expect(await page.$eval('main', (main) => main.textContent)).not.toMatch(/Signed in as/);
    // Focus goes to what replaced the screen the user was on.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('signed-out-title');
    await page.screenshot({ path: join(DOCS_SCREENSHOTS, 'sidepanel-signed-out.png') });
  });

  it('links again on the same server, then keeps the address filled in after Sign out', async () => {
    const [name = '', ...rest] = user.cookie.split('=');
    await chromium.browser.setCookie({ name, value: rest.join('='), domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Lax' });

    await page.locator('[data-testid="link-again"]').click();
    const target = await chromium.browser.waitForTarget((t) => t.type() === 'page' && t.url().startsWith(`${backend.url}/extension/link?`), { timeout: RECOVERY_MS });
    const dashboard = await target.page();
    const confirm = await dashboard?.waitForSelector('form[action="/extension/link"] button[type="submit"]');
    await confirm?.click();

    await waitForTestIdText(page, 'connected-email', EMAIL);
    await page.waitForSelector('[data-testid="connection-status"][data-tone="ok"]', { timeout: RECOVERY_MS });
    await waitForTestIdText(page, 'campaign-list', /After the restart/);

    await page.locator('[data-testid="sign-out"]').click();

    const field = await page.waitForSelector('[data-testid="server-url"]', { timeout: RECOVERY_MS });
    expect(await field?.evaluate((input) => (input as HTMLInputElement).value)).toBe(backend.url);
    expect(await page.$eval('[data-testid="api-token"]', (input) => (input as HTMLInputElement).value)).toBe('');
  });

  it('fails a link to an address where nothing answers within seconds, and opens no tab', async () => {
    const tabsBefore = (await chromium.browser.pages()).length;
    await page.locator('[data-testid="server-url"]').fill('http://127.0.0.1:9');

    await page.locator('[data-testid="link-account"]').click();

    await waitForTestIdText(page, 'link-error', /^Cannot reach http:\/\/127\.0\.0\.1:9\./);
    expect(await page.$('[data-testid="link-waiting"]')).toBeNull();
    expect((await chromium.browser.pages()).length).toBe(tabsBefore);

    await page.locator('[data-testid="server-url"]').fill('https://exa mple.com');
    await page.locator('[data-testid="link-account"]').click();
    await waitForTestIdText(page, 'link-error', /is not a web address: a server address has no spaces/);
    expect(problems).toEqual([]);
  });
});
