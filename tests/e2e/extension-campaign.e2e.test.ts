import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type BackendProcess } from '../support/backend-process';
import { extensionServiceWorker, launchChromium, type LaunchedChromium } from '../support/chromium';

/**
 * Issue 7: the whole campaign workflow in the side panel, against the real backend with its Gmail
 * sandbox and headless Chromium with the built extension. One story, in order: connect, create,
 * write (with a save that collides with a change made elsewhere), import a CSV, preview, launch,
 * pause and resume, see the messages in the sandbox and the numbers in analytics.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const EXTENSION_PATH = join(ROOT, '.output/chrome-mv3');
const SCREENSHOTS = join(ROOT, '.output/screenshots');
const EXTENSION_ID = 'mjnpgoahphiokkmbakhebijcbljooiap';
const USER = 'grace@example.com';
const SENDER = 'sender@example.com';
const CSV = [
  'email,first name,company',
  'ann@example.com,Ann,Acme', // row 2
  'bob@example.com,Bob,Beta', // row 3
  'not-an-email,Zed,Nope', // row 4: invalid
  'cat@example.com,,Gamma', // row 5: no first name
  'ANN@example.com,Annie,Dup', // row 6: duplicate of row 2
  '',
].join('\n');

let backend: BackendProcess;
let chromium: LaunchedChromium;
let cookie: string;
let token: string;
let page: Page;
let tempDir: string;
const problems: string[] = [];
let campaignId: string;

async function api(path: string, init: { method?: string; json?: unknown; auth: 'cookie' | 'token' }): Promise<Response> {
  const headers: Record<string, string> = init.auth === 'cookie' ? { cookie, origin: backend.url } : { authorization: `Bearer ${token}` };
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${backend.url}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
    redirect: 'manual',
  });
}

async function jsonOf(response: Response): Promise<Record<string, unknown>> {
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null) throw new Error(`expected a JSON object, got ${JSON.stringify(body)}`);
  return body as Record<string, unknown>;
}

/** Signs up, and creates the API token the panel will use. */
async function signUp(): Promise<void> {
  const signup = await fetch(`${backend.url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: backend.url },
    body: JSON.stringify({ email: USER, password: 'correct horse battery staple' }),
  });
  expect(signup.status).toBe(201);
  cookie = signup.headers
    .getSetCookie()
    .map((header) => header.split(';', 1)[0])
    .join('; ');
  const created = await api('/api/tokens', { method: 'POST', json: { name: 'e2e campaign panel' }, auth: 'cookie' });
  expect(created.status).toBe(201);
  token = String((await jsonOf(created)).token);
}

/** The consent dance of backend/src/testing/connect-gmail.ts, over real HTTP; then no gaps. */
async function connectSandboxMailbox(): Promise<string> {
  const start = await api('/api/accounts/connect', { auth: 'cookie' });
  expect(start.status).toBe(302);
  const consentUrl = start.headers.get('location')!;
  expect((await fetch(consentUrl)).status).toBe(200);
  const allow = await fetch(consentUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: SENDER, decision: 'allow' }),
    redirect: 'manual',
  });
  expect(allow.status).toBe(302);
  const callback = new URL(allow.headers.get('location')!);
  const finished = await api(callback.pathname + callback.search, { auth: 'cookie' });
  expect(finished.status).toBe(303);

  const list = await jsonOf(await api('/api/accounts', { auth: 'cookie' }));
  const accounts = list.accounts as Array<{ id: string; email: string }>;
  const account = accounts.find((a) => a.email === SENDER)!;
  const patched = await api(`/api/accounts/${account.id}`, { method: 'PATCH', json: { minGapSeconds: 0, maxGapSeconds: 0 }, auth: 'cookie' });
  expect(patched.status).toBe(200);
  return account.id;
}

async function sentFromSandbox(): Promise<number> {
  const response = await fetch(`${backend.url}/sandbox/google/mailboxes/${encodeURIComponent(SENDER)}/messages`);
  const messages = (await response.json()) as Array<{ labelIds: string[] }>;
  return messages.filter((message) => message.labelIds.includes('SENT')).length;
}

/** What the panel is saying in its alerts: put in a timeout's message, so a failure explains itself. */
async function alertsOnScreen(): Promise<string> {
  const texts = await page.$$eval('[role="alert"]', (nodes) => nodes.map((node) => node.textContent ?? ''));
  return texts.length > 0 ? ` Alerts on screen: ${texts.join(' | ')}` : ' No alert on screen.';
}

async function el(testId: string, timeout = 15_000): Promise<ElementHandle<Element>> {
  try {
    const handle = await page.waitForSelector(`[data-testid="${testId}"]`, { visible: true, timeout });
    if (!handle) throw new Error('not found');
    return handle;
  } catch (error) {
    throw new Error(`[data-testid="${testId}"] did not appear: ${String(error)}.${await alertsOnScreen()}`);
  }
}

async function textOf(testId: string): Promise<string> {
  return (await el(testId)).evaluate((node) => node.textContent ?? '');
}

async function click(testId: string): Promise<void> {
  await page.locator(`[data-testid="${testId}"]`).click();
}

async function waitForText(testId: string, expected: RegExp, timeout = 15_000): Promise<void> {
  await waitFor(`[data-testid="${testId}"] to match ${expected}`, () =>
    page.waitForFunction(
      (selector, source) => new RegExp(source).test(document.querySelector(selector)?.textContent ?? ''),
      { timeout, polling: 100 },
      `[data-testid="${testId}"]`,
      expected.source,
    ),
  );
}

async function waitFor(what: string, wait: () => Promise<unknown>): Promise<void> {
  try {
    await wait();
  } catch (error) {
    throw new Error(`${what}: ${String(error)}.${await alertsOnScreen()}`);
  }
}

async function shoot(name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  if (!existsSync(join(EXTENSION_PATH, 'manifest.json'))) {
    throw new Error(`No built extension at ${EXTENSION_PATH}: run \`npm run build:ext\` first.`);
  }
  tempDir = mkdtempSync(join(tmpdir(), 'iconnect-csv-'));
  backend = await startBackend({ env: { SCHEDULER_INTERVAL_MS: '200' } });
  await signUp();
  await connectSandboxMailbox();
  chromium = await launchChromium({ extensionPath: EXTENSION_PATH });
  const sw = await extensionServiceWorker(chromium.browser);
  expect(sw.id).toBe(EXTENSION_ID);

  page = await chromium.browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  await page.setViewport({ width: 360, height: 720 });
  await page.goto(`chrome-extension://${EXTENSION_ID}/sidepanel.html`);
});

afterAll(async () => {
  await chromium?.close();
  await backend?.stop();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

describe('extension: a campaign from the side panel', () => {
  it('connects and shows an empty campaign list', async () => {
    await page.locator('[data-testid="server-url"]').fill(backend.url);
    await page.locator('[data-testid="api-token"]').fill(token);
    await click('connect');
    await el('campaign-list-empty');
    await shoot('campaigns-empty');
  });

  it('creates a campaign and opens it in the editor', async () => {
    await page.locator('[data-testid="new-campaign-name"]').fill('Spring outreach');
    await click('new-campaign-create');
    expect(await textOf('campaign-title')).toBe('Spring outreach');
    await el('campaign-editor');
    const list = await jsonOf(await api('/api/campaigns', { auth: 'token' }));
    campaignId = (list.campaigns as Array<{ id: string }>)[0]!.id;
    expect(campaignId).toMatch(/^cmp_/);
  });

  it('keeps the text when a save collides with a change made elsewhere, then saves on top of it', async () => {
    // Elsewhere (the dashboard, another browser): any day, any hour, 2 s between messages.
    const elsewhere = await api(`/api/campaigns/${campaignId}`, {
      method: 'PATCH',
      json: {
        version: 1,
        schedule: { timezone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } },
        throttle: { minGapSeconds: 2, maxGapSeconds: 2 },
      },
      auth: 'token',
    });
    expect(elsewhere.status).toBe(200);

    await page.locator('[data-testid="editor-subject"]').fill('Hello {{ first name }}');
    await page.click('[data-testid="editor-body"]');
    await page.keyboard.type('Hi {{ first name | there }}, a quick note from the e2e test.');
    await page.locator('[data-testid="account-choice"]').click();
    await click('editor-save');

    await el('editor-conflict');
    expect(await page.$eval('[data-testid="editor-subject"]', (input) => (input as HTMLInputElement).value)).toBe('Hello {{ first name }}');
    await shoot('editor-conflict');
    await click('editor-reload');
    await page.waitForSelector('[data-testid="editor-conflict"]', { hidden: true });
    await click('editor-save');
    await waitForText('editor-save-state', /All changes saved/);

    const saved = await jsonOf(await api(`/api/campaigns/${campaignId}`, { auth: 'token' }));
    expect(saved).toMatchObject({
      subject: 'Hello {{ first name }}',
      schedule: { days: [1, 2, 3, 4, 5, 6, 7] },
      throttle: { minGapSeconds: 2 },
      version: 3,
    });
    expect(String(saved.html)).toContain('a quick note from the e2e test');
    expect((saved.accountIds as string[]).length).toBe(1);
  });

  it('checks a CSV in the browser, shows bad rows and duplicates, and imports it', async () => {
    await click('campaign-tab-recipients');
    const file = join(tempDir, 'people.csv');
    writeFileSync(file, CSV);
    const input = (await page.waitForSelector('[data-testid="csv-file"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);

    expect(await textOf('csv-valid-count')).toBe('3');
    expect(await textOf('csv-duplicates')).toBe('1');
    expect(await textOf('csv-invalid')).toMatch(/Row 4: not-an-email/);
    await shoot('import-check');

    await click('csv-upload');
    expect(await textOf('import-imported')).toBe('3');
    await waitFor('three recipient rows', () =>
      page.waitForFunction(() => document.querySelectorAll('[data-testid="recipient-row"]').length === 3, { timeout: 15_000 }),
    );
    await shoot('recipients');
  });

  it('previews the message per recipient and flags a missing field', async () => {
    await click('campaign-tab-write');
    await waitForText('preview-subject', /^Hello Ann$/);
    await click('preview-next');
    await waitForText('preview-subject', /^Hello Bob$/);
    await click('preview-next');
    await waitForText('preview-to', /cat@example\.com/);
    expect(await textOf('preview-missing')).toMatch(/first name/);
    await (await el('preview')).scrollIntoView();
    await shoot('editor-preview');
  });

  it('shows the preflight, launches with blanks allowed, pauses and resumes', async () => {
    await click('campaign-tab-launch');
    expect(await textOf('preflight-sendable')).toBe('2');
    expect(await textOf('preflight-blockers')).toMatch(/first name/);
    await shoot('launch-preflight');

    await click('allow-blank');
    await waitForText('preflight-sendable', /^3$/);
    await click('launch-button');
    await el('pause-button');
    await click('pause-button');
    await el('resume-button');

    // With 2 s between messages at most the first can have left before the pause.
    await new Promise((done) => setTimeout(done, 1500));
    const whilePaused = await sentFromSandbox();
    expect(whilePaused).toBeLessThanOrEqual(1);
    await shoot('launch-paused');

    await click('resume-button');
    await el('pause-button');
    await expect.poll(sentFromSandbox, { timeout: 30_000, interval: 250 }).toBe(3);
  });

  it('shows the numbers in analytics', async () => {
    await click('campaign-tab-analytics');
    await expect
      .poll(
        async () => {
          await click('analytics-refresh');
          await page.waitForSelector('[data-testid="analytics-refresh"]:not([disabled])');
          return textOf('stat-sent');
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe('3');
    expect(await textOf('stat-replied')).toBe('0');
    await el('timeline-chart');
    await el('account-stats-table');
    await shoot('analytics');
  });

  it('lists the campaign with its progress, and the Gmail account with its usage', async () => {
    await click('back-to-list');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="campaign-row"] [data-testid="status-badge"]')?.getAttribute('data-status') === 'completed',
      { timeout: 20_000, polling: 250 },
    );
    await shoot('campaigns-list');

    await click('nav-accounts');
    expect(await textOf('account-card')).toContain(SENDER);
    await shoot('accounts');
  });

  it('duplicates and deletes a campaign, with a confirmation', async () => {
    await click('nav-campaigns');
    await el('campaign-row');
    await click('campaign-duplicate');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="campaign-row"]').length === 2, { timeout: 15_000 });
    // The copy is the newest draft, first in the list.
    const firstStatus = await page.$eval('[data-testid="campaign-row"] [data-testid="status-badge"]', (node) => node.getAttribute('data-status'));
    expect(firstStatus).toBe('draft');
    await page.locator('[data-testid="campaign-row"] [data-testid="campaign-delete"]').click();
    await click('campaign-delete-confirm');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="campaign-row"]').length === 1, { timeout: 15_000 });
  });

  it('never showed the token to the page, and logged no errors', async () => {
    expect(await page.content()).not.toContain(token);
    expect(problems).toEqual([]);
  });
});
