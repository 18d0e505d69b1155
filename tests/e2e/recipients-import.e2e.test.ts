import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSandboxMailbox } from '../../backend/src/testing/connect-gmail';
import { CLICK_AFTER_DELIVERY_MS } from '../../backend/src/tracking/classify-visitor';
import { accountListSchema } from '../../shared/schemas/accounts';
import { campaignSchema } from '../../shared/schemas/campaigns';
import { refreshAnalytics } from '../support/analytics-panel';
import { startBackend, type BackendProcess } from '../support/backend-process';
import { dashboardAgent } from '../support/dashboard-agent';
import { apiJson, signUpWithToken, type DashboardUser } from '../support/dashboard-user';
import type { ExtensionBrowser } from '../support/extension-browser';
import { DOCS_SCREENSHOTS } from '../support/extension-paths';
import { sandboxSentMail } from '../support/sandbox-sent-mail';
import { connectedSidePanel, waitForTestIdText } from '../support/side-panel';
import { trackingUrlsIn } from '../support/tracking-urls';

/**
 * Issue 14, the data screens: a CSV of a few thousand rows imported through the panel's file input
 * with a true upload bar, the check table laid out without words broken mid-word, a jump to the end
 * of the list that shows its rows, and the Links table of analytics showing a link as written.
 */

const USER = 'ines@example.com';
const SENDER = 'sender@example.com';
const ROWS = 3_000;
/** An address long enough that a narrow column used to break it mid-word ("person0@big.example.co m"). */
const address = (i: number) => `person${i}@a-rather-long-subdomain.big.example.com`;
const CSV = ['email,first name,company', ...Array.from({ length: ROWS }, (_, i) => `${address(i)},Person ${i},Company number ${i}`), ''].join('\n');
const OFFER = 'https://x.test/offer?c={{company}}';
/** A person's browser: the classifier takes HeadlessChrome and HTTP libraries for machines. */
const DESKTOP_CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

let backend: BackendProcess;
let chromium: ExtensionBrowser;
let user: DashboardUser;
let page: Page;
let tempDir: string;
const problems: string[] = [];

function api(path: string, init: { method?: string; json?: unknown } = {}): Promise<Record<string, unknown>> {
  return apiJson(backend.url, user.token, path, init);
}

async function el(testId: string, timeout = 15_000): Promise<ElementHandle<Element>> {
  const handle = await page.waitForSelector(`[data-testid="${testId}"]`, { visible: true, timeout });
  if (!handle) throw new Error(`[data-testid="${testId}"] did not appear`);
  return handle;
}

async function textOf(testId: string): Promise<string> {
  return (await el(testId)).evaluate((node) => node.textContent ?? '');
}

async function click(testId: string): Promise<void> {
  await page.locator(`[data-testid="${testId}"]`).click();
}

async function shoot(name: string): Promise<void> {
  await page.screenshot({ path: join(DOCS_SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** How many lines `selector`'s elements take: their height over their line height (1 each when nothing wraps). */
function linesOf(selector: string): Promise<number[]> {
  return page.$$eval(selector, (nodes) =>
    nodes.map((node) => {
      const range = document.createRange();
      range.selectNodeContents(node);
      // One box per line of text; a word broken over two lines gives two.
      const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
      return tops.size;
    }),
  );
}

beforeAll(async () => {
  mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  tempDir = mkdtempSync(join(tmpdir(), 'iconnect-import-'));
  backend = await startBackend({ env: { SCHEDULER_INTERVAL_MS: '200' } });
  user = await signUpWithToken(backend.url, USER, 'e2e recipients import');
  ({ chromium, page } = await connectedSidePanel(backend.url, user.token, { height: 720, problems }));
  await el('campaign-list-empty');
});

afterAll(async () => {
  await chromium?.close();
  await backend?.stop();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

describe('extension: importing a large list, reading it, and its links in analytics', () => {
  it('checks a CSV of thousands of rows and lays out its first rows without breaking a word', async () => {
    await page.locator('[data-testid="new-campaign-name"]').fill('Big list');
    await click('new-campaign-create');
    await el('campaign-editor');
    await click('campaign-tab-recipients');
    const file = join(tempDir, 'big.csv');
    writeFileSync(file, CSV);
    const input = (await page.waitForSelector('[data-testid="csv-file"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);

    expect(await textOf('csv-valid-count')).toBe('3,000');
    // Headers on one line each ("Row", not "Ro w"); long addresses on one line, cut with an ellipsis, whole in the title.
    expect(await linesOf('.csv-summary__sample th')).toEqual([1, 1, 1, 1]);
    expect(await linesOf('.csv-summary__sample td')).toEqual(Array(5 * 4).fill(1));
    const firstAddress = await page.$eval('.csv-summary__sample tbody tr td:nth-child(2)', (cell) => ({
      title: cell.getAttribute('title'),
      overflow: getComputedStyle(cell).textOverflow,
      cut: cell.scrollWidth > cell.clientWidth,
    }));
    expect(firstAddress).toEqual({ title: address(0), overflow: 'ellipsis', cut: true });
    await shoot('sidepanel-import-check');
  });

  it('uploads it with a bar that moves with what the server accepted and ends at 100%', async () => {
    // Every value the bar takes, recorded as the page renders it (no timing involved).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid="upload-progress-bar"]');
        if (bar) seen.push(`${bar.getAttribute('value')}/${bar.getAttribute('max')}`);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
    });
    await click('csv-upload');
    expect(await textOf('import-imported')).toBe('3,000');
    const bar = await el('upload-progress-bar');
    const { value, max } = await bar.evaluate((node) => ({ value: (node as HTMLProgressElement).value, max: (node as HTMLProgressElement).max }));
    // What assistive technology reads: a progressbar, named with the figures.
    expect(await page.accessibility.snapshot({ root: bar })).toMatchObject({ role: 'progressbar', name: expect.stringMatching(/^Uploaded .* \(100%\)$/) });
    expect(value).toBe(max);
    expect(max).toBe(Buffer.byteLength(CSV));
    expect(await textOf('upload-progress-text')).toMatch(/\(100%\): 3,000 of 3,000 rows/);
    // It moved: a value between the start and the end was shown before the last part was in.
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    const fractions = seen.map((entry) => entry.split('/').map(Number)).map(([v = 0, m = 1]) => v / m);
    expect(fractions.some((fraction) => fraction > 0 && fraction < 1)).toBe(true);
  });

  it('jumps to the end of the list and shows its rows', async () => {
    const table = await el('recipient-table');
    await page.waitForFunction(() => document.querySelector('[data-testid="recipient-table"]')?.getAttribute('aria-rowcount') === '3001');
    await table.evaluate((node) => node.scrollTo({ top: node.scrollHeight }));
    await page.waitForFunction(
      (last) => [...document.querySelectorAll('[data-testid="recipient-row"] .vtable__email')].some((cell) => cell.textContent === last),
      { timeout: 10_000 },
      address(ROWS - 1),
    );
    const rows = await page.$$eval('[data-testid="recipient-row"]', (nodes) =>
      nodes.map((row) => ({ index: Number(row.getAttribute('aria-rowindex')), email: row.querySelector('.vtable__email')?.textContent ?? null })),
    );
    // Every row on screen is the recipient at its place in the file, none still "Loading…".
    const visible = rows.filter((row) => row.index > ROWS - 8);
    expect(visible.length).toBeGreaterThan(0);
    for (const row of visible) expect(row.email).toBe(address(row.index - 2));
    expect(await linesOf('[data-testid="recipient-row"] .vtable__email')).toEqual(rows.map(() => 1));
    await shoot('sidepanel-recipients');
  });

  it('shows a link of the campaign as written, with the clicks of recipients whose merged URLs differ', async () => {
    const { response } = await connectSandboxMailbox(dashboardAgent(backend.url, user.cookie), SENDER);
    expect(response?.status).toBe(303);
    const { accounts } = accountListSchema.parse(await api('/api/accounts'));
    const accountId = accounts[0]!.id;
    await api(`/api/accounts/${accountId}`, { method: 'PATCH', json: { minGapSeconds: 0, maxGapSeconds: 0 } });
    const created = campaignSchema.parse(
      await api('/api/campaigns', {
        method: 'POST',
        json: {
          name: 'Offer by company',
          subject: 'For {{company}}',
          html: `<p>Hi {{first name}}, <a href="${OFFER}">your offer</a>.</p>`,
          accountIds: [accountId],
          schedule: { timezone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } },
        },
      }),
    );
    await api(`/api/campaigns/${created.id}/recipients`, {
      method: 'POST',
      json: { recipients: [{ email: 'ann@acme.test', fields: { 'first name': 'Ann', company: 'Acme' } }, { email: 'bob@beta.test', fields: { 'first name': 'Bob', company: 'Beta, Inc.' } }] },
    });
    await api(`/api/campaigns/${created.id}/launch`, { method: 'POST', json: {} });
    await expect.poll(async () => (await sandboxSentMail(backend.url, SENDER)).length, { timeout: 30_000, interval: 250 }).toBe(2);

    // The recipients read their mail later than a gateway's link scanner would: move the send times back
    // in the backend's database rather than wait (a click right after delivery counts as a machine's).
    const db = createClient({ url: `file:${join(backend.dataDir, 'iconnect.db')}` });
    await db.execute({ sql: 'UPDATE send_jobs SET sent_at = sent_at - ? WHERE campaign_id = ?', args: [CLICK_AFTER_DELIVERY_MS * 3, created.id] });
    db.close();
    const landed: string[] = [];
    for (const message of await sandboxSentMail(backend.url, SENDER)) {
      const [clickUrl = ''] = trackingUrlsIn(message.html ?? '').clicks;
      const followed = await fetch(clickUrl, { redirect: 'manual', headers: { 'user-agent': DESKTOP_CHROME } });
      expect(followed.status).toBe(302);
      landed.push(followed.headers.get('location') ?? '');
    }
    // Two different merged URLs…
    expect(landed.sort()).toEqual(['https://x.test/offer?c=Acme', 'https://x.test/offer?c=Beta%2C%20Inc.']);

    // …one row in the panel, as written.
    await click('back-to-list');
    await page.locator(`[data-campaign-id="${created.id}"] [data-testid="campaign-open"]`).click();
    await click('campaign-tab-analytics');
    await expect
      .poll(
        async () => {
          await refreshAnalytics(page);
          return page.$$eval('[data-testid="links-table"] tbody tr', (rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent)));
        },
        { timeout: 15_000, interval: 250 },
      )
      .toEqual([[OFFER, '2', '2']]);
    await waitForTestIdText(page, 'stat-clicks-human', '2');
    await (await el('links-table')).scrollIntoView();
    await shoot('sidepanel-analytics');
  });

  it('logged no errors', () => {
    expect(problems).toEqual([]);
  });
});
