import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { connectSandboxMailbox } from '../../backend/src/testing/connect-gmail';
import { CLICK_AFTER_DELIVERY_MS } from '../../backend/src/tracking/classify-visitor';
import { accountListSchema } from '../../shared/schemas/accounts';
import { campaignSchema } from '../../shared/schemas/campaigns';
import { recipientPageSchema } from '../../shared/schemas/recipients';
import { refreshAnalytics, timelineTotals } from '../support/analytics-panel';
import { startBackend, type BackendProcess } from '../support/backend-process';
import { dashboardAgent } from '../support/dashboard-agent';
import { apiJson, signUpWithToken, type DashboardUser } from '../support/dashboard-user';
import { launchWithExtension, type ExtensionBrowser } from '../support/extension-browser';
import { SCREENSHOTS } from '../support/extension-paths';
import { sandboxSentMail } from '../support/sandbox-sent-mail';
import { connectSidePanel, openSidePanelTab, waitForTestIdText } from '../support/side-panel';
import { trackingUrlsIn } from '../support/tracking-urls';

/**
 * Issue 7: the whole campaign workflow in the side panel, against the real backend with its Gmail
 * sandbox and headless Chromium with the built extension. One story, in order: connect, create,
 * write (with a link, and a save that collides with a change made elsewhere), import a CSV,
 * preview, launch, pause and resume, see the messages in the sandbox, then open one and click its
 * link as its recipient would and see the numbers in analytics.
 */

const USER = 'grace@example.com';
const SENDER = 'sender@example.com';
const SPRING_OFFER = 'https://example.com/spring-offer';
/** A person's browser: the classifier takes HeadlessChrome and HTTP libraries for machines. */
const DESKTOP_CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
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
let chromium: ExtensionBrowser;
let user: DashboardUser;
let page: Page;
let tempDir: string;
const problems: string[] = [];
let campaignId: string;

/** JSON from the API with the user's token, as the extension calls it. */
function api(path: string, init: { method?: string; json?: unknown } = {}): Promise<Record<string, unknown>> {
  return apiJson(backend.url, user.token, path, init);
}

/** The sandbox mailbox, connected as the dashboard does (consent, Allow, callback); then no gaps between sends. */
async function connectSender(): Promise<void> {
  const { response } = await connectSandboxMailbox(dashboardAgent(backend.url, user.cookie), SENDER);
  expect(response?.status).toBe(303);
  const { accounts } = accountListSchema.parse(await api('/api/accounts'));
  const account = accounts.find((a) => a.email === SENDER);
  if (!account) throw new Error(`${SENDER} is not among ${JSON.stringify(accounts)}`);
  await api(`/api/accounts/${account.id}`, { method: 'PATCH', json: { minGapSeconds: 0, maxGapSeconds: 0 } });
}

async function sentFromSandbox(): Promise<number> {
  return (await sandboxSentMail(backend.url, SENDER)).length;
}

/** What the panel is saying in its alerts: put in a timeout's message, so a failure explains itself. */
async function alertsOnScreen(): Promise<string> {
  const texts = await page.$$eval('[role="alert"]', (nodes) => nodes.map((node) => node.textContent ?? ''));
  return texts.length > 0 ? ` Alerts on screen: ${texts.join(' | ')}` : ' No alert on screen.';
}

async function waitFor(what: string, wait: () => Promise<unknown>): Promise<void> {
  try {
    await wait();
  } catch (error) {
    throw new Error(`${what}: ${String(error)}.${await alertsOnScreen()}`);
  }
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

async function waitForText(testId: string, expected: RegExp): Promise<void> {
  await waitFor(`[data-testid="${testId}"] to match ${expected}`, () => waitForTestIdText(page, testId, expected));
}

/** A headline number of the Analytics tab, after asking the server for fresh ones. */
async function refreshedNumber(testId: string): Promise<string> {
  await refreshAnalytics(page);
  return textOf(testId);
}

async function shoot(name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  tempDir = mkdtempSync(join(tmpdir(), 'iconnect-csv-'));
  backend = await startBackend({ env: { SCHEDULER_INTERVAL_MS: '200' } });
  user = await signUpWithToken(backend.url, USER, 'e2e campaign panel');
  await connectSender();
  chromium = await launchWithExtension();
  page = await openSidePanelTab(chromium.browser, { height: 720, problems });
});

afterAll(async () => {
  await chromium?.close();
  await backend?.stop();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

describe('extension: a campaign from the side panel', () => {
  it('connects and shows an empty campaign list', async () => {
    await connectSidePanel(page, backend.url, user.token);
    await el('campaign-list-empty');
    await shoot('campaigns-empty');
  });

  it('creates a campaign and opens it in the editor', async () => {
    await page.locator('[data-testid="new-campaign-name"]').fill('Spring outreach');
    await click('new-campaign-create');
    expect(await textOf('campaign-title')).toBe('Spring outreach');
    await el('campaign-editor');
    const { campaigns } = z.object({ campaigns: z.array(campaignSchema.pick({ id: true })) }).parse(await api('/api/campaigns'));
    campaignId = campaigns[0]?.id ?? '';
    expect(campaignId).toMatch(/^cmp_/);
  });

  it('keeps the text when a save collides with a change made elsewhere, then saves on top of it', async () => {
    // Elsewhere (the dashboard, another browser): any day, any hour, 2 s between messages.
    await api(`/api/campaigns/${campaignId}`, {
      method: 'PATCH',
      json: {
        version: 1,
        schedule: { timezone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } },
        throttle: { minGapSeconds: 2, maxGapSeconds: 2 },
      },
    });

    await page.locator('[data-testid="editor-subject"]').fill('Hello {{ first name }}');
    await page.click('[data-testid="editor-body"]');
    await page.keyboard.type('Hi {{ first name | there }}, a quick note from the e2e test. See our spring offer');
    // Select the last two words with the keyboard, then Link: the toolbar asks for the address inline.
    await page.keyboard.down('Shift');
    for (let i = 0; i < 'spring offer'.length; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.up('Shift');
    await page.locator('[role="toolbar"][aria-controls="editor-body"] button[title="Link the selected text"]').click();
    await page.locator('input[aria-label="Link address"]').fill(SPRING_OFFER);
    await page.keyboard.press('Enter');
    const link = await page.waitForSelector(`[data-testid="editor-body"] a[href="${SPRING_OFFER}"]`, { timeout: 5000 });
    expect(await link?.evaluate((node) => node.textContent)).toBe('spring offer');
    await page.locator('[data-testid="account-choice"]').click();
    await click('editor-save');

    await el('editor-conflict');
    expect(await page.$eval('[data-testid="editor-subject"]', (input) => (input as HTMLInputElement).value)).toBe('Hello {{ first name }}');
    await shoot('editor-conflict');
    await click('editor-reload');
    await page.waitForSelector('[data-testid="editor-conflict"]', { hidden: true });
    await click('editor-save');
    await waitForText('editor-save-state', /All changes saved/);

    const saved = campaignSchema.parse(await api(`/api/campaigns/${campaignId}`));
    expect(saved).toMatchObject({
      subject: 'Hello {{ first name }}',
      schedule: { days: [1, 2, 3, 4, 5, 6, 7] },
      throttle: { minGapSeconds: 2 },
      version: 3,
    });
    expect(saved.html).toContain('a quick note from the e2e test');
    expect(saved.html).toContain(`<a href="${SPRING_OFFER}">spring offer</a>`);
    expect(saved.accountIds).toHaveLength(1);
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

    // Paused, with nothing mid-send: 2 s between messages let at most the first leave before it.
    await expect
      .poll(async () => {
        const { status, progress } = campaignSchema.parse(await api(`/api/campaigns/${campaignId}`));
        return { status, sending: progress?.jobs.sending };
      }, { timeout: 10_000, interval: 100 })
      .toEqual({ status: 'paused', sending: 0 });
    expect(await sentFromSandbox()).toBeLessThanOrEqual(1);
    await shoot('launch-paused');

    await click('resume-button');
    await el('pause-button');
    await expect.poll(sentFromSandbox, { timeout: 30_000, interval: 250 }).toBe(3);
  });

  it('shows the numbers in analytics', async () => {
    await click('campaign-tab-analytics');
    await expect.poll(() => refreshedNumber('stat-sent'), { timeout: 20_000, interval: 500 }).toBe('3');
    expect(await textOf('stat-replied')).toBe('0');
    await el('timeline-chart');
    await el('account-stats-table');
  });

  it('counts a person who opens a sent message and clicks its link', async () => {
    // The first message out: the longest past the link scanners' window.
    const { recipients } = recipientPageSchema.parse(await api(`/api/campaigns/${campaignId}/recipients`));
    const [first] = recipients
      .map((recipient) => ({ email: recipient.email, sentAt: Date.parse(recipient.lastEventAt ?? '') }))
      .sort((a, b) => a.sentAt - b.sentAt);
    if (!first || Number.isNaN(first.sentAt)) throw new Error(`no send time among ${JSON.stringify(recipients)}`);
    const message = (await sandboxSentMail(backend.url, SENDER)).find((email) => email.to?.some((to) => to.address === first.email));
    if (!message?.html) throw new Error(`no HTML message to ${first.email} among the sandbox's sent mail`);
    const tracking = trackingUrlsIn(message.html);
    expect(tracking).toEqual({ openPixels: [expect.stringContaining(`${backend.url}/t/o/`)], clicks: [expect.stringContaining(`${backend.url}/t/c/`)] });
    const { openPixels: [pixelUrl = ''], clicks: [clickUrl = ''] } = tracking;

    // The recipient's mail client shows the images.
    const pixel = await fetch(pixelUrl, { headers: { 'user-agent': DESKTOP_CHROME } });
    expect(pixel.status).toBe(200);
    expect(pixel.headers.get('content-type')).toBe('image/gif');
    await pixel.arrayBuffer();
    await expect.poll(() => refreshedNumber('stat-opens-human'), { timeout: 15_000, interval: 250 }).toBe('1');

    // A click sooner than this after sending is a link scanner's (classify-visitor.ts): read first, then click.
    const scannerWindowLeft = first.sentAt + CLICK_AFTER_DELIVERY_MS + 100 - Date.now();
    if (scannerWindowLeft > 0) await new Promise((done) => setTimeout(done, scannerWindowLeft));
    const followed = await fetch(clickUrl, { redirect: 'manual', headers: { 'user-agent': DESKTOP_CHROME } });
    expect(followed.status).toBe(302);
    expect(followed.headers.get('location')).toBe(SPRING_OFFER);
    await expect.poll(() => refreshedNumber('stat-clicks-human'), { timeout: 15_000, interval: 250 }).toBe('1');
    expect(await textOf('links-table')).toContain(SPRING_OFFER);

    await expect
      .poll(
        async () => {
          await refreshAnalytics(page);
          return timelineTotals(page);
        },
        { timeout: 15_000, interval: 250 },
      )
      .toMatchObject({ 'Opens (people)': 1, 'Clicks (people)': 1 });
    expect(await api(`/api/campaigns/${campaignId}/stats`)).toMatchObject({
      opens: { human: 1, machine: 0 },
      clicks: { human: 1, machine: 0 },
    });
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
    // A campaign with recipients asks whether they come too (issue 14).
    await click('campaign-duplicate-without');
    await waitForText('campaign-action-result', /^Copied Spring outreach without recipients$/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="campaign-row"]').length === 2, { timeout: 15_000 });
    // The copy is the newest draft, first in the list.
    const firstStatus = await page.$eval('[data-testid="campaign-row"] [data-testid="status-badge"]', (node) => node.getAttribute('data-status'));
    expect(firstStatus).toBe('draft');
    await page.locator('[data-testid="campaign-row"] [data-testid="campaign-delete"]').click();
    await click('campaign-delete-confirm');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="campaign-row"]').length === 1, { timeout: 15_000 });
  });

  it('never showed the token to the page, and logged no errors', async () => {
    expect(await page.content()).not.toContain(user.token);
    expect(problems).toEqual([]);
  });
});
