import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { campaignSchema } from '../../shared/schemas/campaigns';
import { campaignStatsSchema } from '../../shared/schemas/analytics';
import { recipientPageSchema } from '../../shared/schemas/recipients';
import { suppressionListSchema } from '../../shared/schemas/suppressions';
import { startBackend, type BackendProcess } from '../support/backend-process';
import { DASHBOARD_VIEWPORT, openDashboardPage, signInOnDashboard } from '../support/dashboard-page';
import { apiJson, signUpWithToken, type DashboardUser } from '../support/dashboard-user';
import { saveDownloadsIn, type Download } from '../support/downloads';
import { launchWithExtension, type ExtensionBrowser } from '../support/extension-browser';
import { DOCS_SCREENSHOTS } from '../support/extension-paths';
import { filterRecipientsByState, searchRecipients, shownRecipientRows, waitForRecipientMatches } from '../support/recipients-panel';
import { deliverToMailbox } from '../support/sandbox-incoming';
import { sandboxSentMail } from '../support/sandbox-sent-mail';
import { ALWAYS_OPEN, campaignWithRecipients, connectSenderAccount } from '../support/seeded-campaign';
import { connectSidePanel, openSidePanelTab, waitForTestIdText } from '../support/side-panel';

/**
 * Issue 14, "The data screens people look for", in real Chromium against the real backend and its
 * Gmail sandbox. One story: a test send from the preview of recipient 2; the campaign launched,
 * held by its daily limit, one recipient replying and one bouncing; the suppression screen; the
 * dashboard deleting another campaign and downloading the user's data; then the recipients
 * screen's search, state filters and CSV export (last, so the mailbox check that finds the reply
 * and the bounce, every second here through REPLY_POLL_SECONDS, has had its turn while the rest ran).
 */

const USER = 'ines@example.com';
const SENDER = 'sender@example.com';
/** The account sends this many a day: the rest of the 30 stay waiting. */
const DAILY_LIMIT = 8;
const COMPANIES = ['Acme', 'Initech', 'Globex', 'Umbrella', 'Hooli'];
const FIRST_NAMES = ['Ana', 'Bea', 'Carl', 'Dora', 'Eli', 'Fay'];
const PEOPLE = Array.from({ length: 30 }, (_, i) => ({
  email: `person${String(i + 1).padStart(2, '0')}@data.example`,
  fields: { 'first name': `${FIRST_NAMES[i % FIRST_NAMES.length]}${i + 1}`, company: COMPANIES[i % COMPANIES.length]! },
}));
const SECOND = PEOPLE[1]!;
const TEST_TO = ['qa.one@review.example', 'qa.two@review.example'];

let backend: BackendProcess;
let chromium: ExtensionBrowser;
let user: DashboardUser;
let panel: Page;
let tempDir: string;
let downloads: { next(timeoutMs?: number): Promise<Download> };
let campaignId: string;
let oldCampaignId: string;
const replied: string[] = [];
const bounced: string[] = [];

const byTestId = (testId: string) => `[data-testid="${testId}"]`;

async function el(page: Page, selector: string): Promise<ElementHandle<Element>> {
  const handle = await page.waitForSelector(selector, { visible: true, timeout: 15_000 });
  if (!handle) throw new Error(`${selector} did not appear`);
  return handle;
}

async function textOf(page: Page, selector: string): Promise<string> {
  return (await el(page, selector)).evaluate((node) => node.textContent ?? '');
}

function api(path: string, init: { method?: string; json?: unknown } = {}) {
  return apiJson(backend.url, user.token, path, init);
}

/** The addresses of the campaign's recipients in a state, as the API lists them. */
async function addressesIn(status: string): Promise<string[]> {
  return recipientPageSchema.parse(await api(`/api/campaigns/${campaignId}/recipients?status=${status}&limit=100`)).recipients.map((r) => r.email);
}

beforeAll(async () => {
  tempDir = mkdtempSync(join(tmpdir(), 'iconnect-data-'));
  mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  backend = await startBackend({ env: { SCHEDULER_INTERVAL_MS: '200', REPLY_POLL_SECONDS: '1' } });
  user = await signUpWithToken(backend.url, USER, 'e2e data screens');
  const accountId = await connectSenderAccount(backend.url, user, SENDER, { dailyLimit: DAILY_LIMIT });
  campaignId = await campaignWithRecipients(
    backend.url,
    user,
    {
      name: 'Data screens',
      subject: 'Hello {{first name}}',
      html: '<p>Hi {{first name}}, a note for everyone at {{company}}.</p>',
      accountIds: [accountId],
      schedule: ALWAYS_OPEN,
    },
    PEOPLE,
  );
  oldCampaignId = await campaignWithRecipients(backend.url, user, { name: 'Old newsletter', subject: 'News', html: '<p>News</p>' }, PEOPLE.slice(0, 2));
  chromium = await launchWithExtension();
  downloads = await saveDownloadsIn(chromium.browser, tempDir);
  panel = await openSidePanelTab(chromium.browser, { height: 720 });
  await connectSidePanel(panel, backend.url, user.token);
  await el(panel, `[data-campaign-id="${campaignId}"]`);
});

afterAll(async () => {
  await chromium?.close();
  await backend?.stop();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

describe('data screens: recipients, suppressions, test sends, the dashboard', () => {
  it('sends a test of the previewed recipient 2 to two typed addresses, counted nowhere', async () => {
    await panel.locator(`[data-campaign-id="${campaignId}"] ${byTestId('campaign-open')}`).click();
    await waitForTestIdText(panel, 'preview-to', new RegExp(PEOPLE[0]!.email));
    await panel.locator(byTestId('preview-next')).click();
    await waitForTestIdText(panel, 'preview-to', new RegExp(SECOND.email));

    await panel.locator(byTestId('test-send-to')).fill(TEST_TO.join(', '));
    await panel.locator(byTestId('test-send-button')).click();
    expect(await textOf(panel, byTestId('test-send-result'))).toMatch(/^Sent/);

    const tests = (await sandboxSentMail(backend.url, SENDER)).filter((mail) => mail.subject?.startsWith('[Test]'));
    expect(tests).toHaveLength(1);
    const [test] = tests;
    expect(test?.to?.map((to) => to.address).sort()).toEqual([...TEST_TO].sort());
    expect(test?.subject).toBe(`[Test] Hello ${SECOND.fields['first name']}`);
    expect(test?.html).toContain(`Hi ${SECOND.fields['first name']}, a note for everyone at ${SECOND.fields.company}.`);

    const stats = campaignStatsSchema.parse(await api(`/api/campaigns/${campaignId}/stats`));
    expect(stats).toMatchObject({ recipients: 30, pending: 30, sent: 0 });
    expect(campaignSchema.parse(await api(`/api/campaigns/${campaignId}`)).counts).toMatchObject({ total: 30, sent: 0 });
  });

  it('launches; the daily limit holds most back; one recipient replies and one bounces', async () => {
    await api(`/api/campaigns/${campaignId}/launch`, { method: 'POST', json: {} });
    await expect
      .poll(async () => campaignSchema.parse(await api(`/api/campaigns/${campaignId}`)).progress?.waiting?.reason, { timeout: 30_000, interval: 200 })
      .toBe('daily-limit');
    const sent = (await sandboxSentMail(backend.url, SENDER)).filter((mail) => !mail.subject?.startsWith('[Test]'));
    expect(sent.length).toBeGreaterThanOrEqual(2);
    const [first, second] = sent;
    const firstTo = first?.to?.[0]?.address ?? '';
    const secondTo = second?.to?.[0]?.address ?? '';
    replied.push(firstTo);
    bounced.push(secondTo);
    await deliverToMailbox(
      backend.url,
      SENDER,
      { From: `<${firstTo}>`, Subject: `Re: ${first?.subject}`, 'In-Reply-To': first?.messageId ?? '', References: first?.messageId ?? '' },
      'Thanks, tell me more!',
    );
    await deliverToMailbox(
      backend.url,
      SENDER,
      { From: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>', Subject: 'Delivery Status Notification (Failure)', 'X-Failed-Recipients': secondTo },
      `Address not found: your message wasn't delivered to ${secondTo}`,
    );
  });

  it('the suppression screen adds an address, finds it, and removes it after saying why that matters', async () => {
    const address = 'do-not-contact@data.example';
    await panel.locator(byTestId('nav-suppressions')).click();
    await panel.locator(byTestId('suppressions-add-email')).fill(address);
    await panel.locator(byTestId('suppressions-add')).click();
    expect(await textOf(panel, byTestId('suppressions-notice'))).toContain(address);
    await el(panel, byTestId('suppression-item'));
    await panel.screenshot({ path: join(DOCS_SCREENSHOTS, 'sidepanel-suppressions.png'), fullPage: true });

    await panel.locator(byTestId('suppressions-search')).fill('do-not');
    await panel.keyboard.press('Enter');
    await waitForTestIdText(panel, 'suppressions-count', /^1 address matches “do-not”$/);
    expect(await panel.$$eval(byTestId('suppression-item'), (items) => items.map((item) => item.querySelector('strong')?.textContent))).toEqual([address]);

    // "Keep it" closes the question and gives focus back to Remove.
    await panel.locator(byTestId('suppression-remove')).click();
    await panel.locator(byTestId('suppression-keep')).click();
    await panel.waitForSelector(byTestId('suppression-confirm'), { hidden: true });
    expect(await panel.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('suppression-remove');

    await panel.keyboard.press('Enter');
    const question = await textOf(panel, byTestId('suppression-confirm'));
    expect(question).toContain(`Remove ${address} from the list?`);
    expect(question).toMatch(/hurt your reputation/);
    // Focus moved to what the action opened: the question's first answer.
    expect(await panel.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('suppression-remove-confirm');
    await panel.locator(byTestId('suppression-remove-confirm')).click();
    await waitForTestIdText(panel, 'suppressions-notice', new RegExp(`^${address.replace(/\./g, '\\.')} was removed`));
    await panel.waitForSelector(byTestId('suppression-item'), { hidden: true });
    // The focused button left with its row: focus is at the top of the screen, by the notice.
    expect(await panel.evaluate(() => document.activeElement?.id)).toBe('suppressions-title');

    const { suppressions } = suppressionListSchema.parse(await api('/api/suppressions'));
    expect(suppressions.map((s) => s.email)).not.toContain(address);
  });

  it('the dashboard lists the campaigns, deletes one after a confirmation, and downloads the user’s data', async () => {
    const page = await chromium.browser.newPage();
    await page.setViewport({ width: 900, height: 560 });
    await signInOnDashboard(page, backend.url, USER);
    await openDashboardPage(page, backend.url, '/campaigns');
    const listed = await page.$$eval('main table tbody tr td:first-child', (cells) => cells.map((cell) => cell.textContent));
    expect(listed.sort()).toEqual(['Data screens', 'Old newsletter']);
    await page.screenshot({ path: join(DOCS_SCREENSHOTS, 'dashboard-campaigns.png') });

    await page.locator(`main a[href="/campaigns/${oldCampaignId}/delete"]`).click();
    await page.waitForSelector(`form[action="/campaigns/${oldCampaignId}/delete"]`, { visible: true });
    expect(await textOf(page, 'main h1')).toBe('Delete the campaign “Old newsletter”?');
    await Promise.all([page.waitForNavigation(), page.locator(`form[action="/campaigns/${oldCampaignId}/delete"] button[type="submit"]`).click()]);
    expect(await textOf(page, 'main')).toContain('The campaign “Old newsletter” and its recipient data were deleted.');
    expect(await page.$$eval('main table tbody tr td:first-child', (cells) => cells.map((cell) => cell.textContent))).toEqual(['Data screens']);
    const gone = await fetch(`${backend.url}/api/campaigns/${oldCampaignId}`, { headers: { authorization: `Bearer ${user.token}` } });
    expect(gone.status).toBe(404);

    await page.setViewport(DASHBOARD_VIEWPORT);
    await openDashboardPage(page, backend.url, '/account');
    const exported = downloads.next();
    await page.locator('main a[href="/account/export"]').click();
    const file = await exported;
    expect(file.suggestedFilename).toMatch(/\.json$/);
    const data = z
      .object({ user: z.object({ email: z.string() }), campaigns: z.array(z.object({ name: z.string(), recipients: z.array(z.object({ email: z.string() })) })) })
      .parse(JSON.parse(file.text));
    expect(data.user.email).toBe(USER);
    expect(data.campaigns.map((c) => c.name)).toEqual(['Data screens']);
    expect(data.campaigns[0]?.recipients).toHaveLength(30);
    await page.close();
  });

  it('the recipients screen searches by a field and by address, filters by state, and exports a CSV', async () => {
    // The mailbox is read for replies every second here (REPLY_POLL_SECONDS): wait for that check to have seen both answers.
    await expect.poll(async () => ({ replied: await addressesIn('replied'), bounced: await addressesIn('bounced') }), { timeout: 30_000, interval: 200 }).toEqual({ replied, bounced });
    const waiting = await addressesIn('pending');
    expect(waiting.length).toBeGreaterThanOrEqual(30 - DAILY_LIMIT);

    await panel.locator(byTestId('nav-campaigns')).click();
    await panel.locator(`[data-campaign-id="${campaignId}"] ${byTestId('campaign-open')}`).click();
    await panel.locator(byTestId('campaign-tab-recipients')).click();
    await el(panel, byTestId('recipient-row'));

    // A field's value: Globex is every fifth person's company.
    const globex = PEOPLE.filter((p) => p.fields.company === 'Globex').map((p) => p.email);
    await searchRecipients(panel, 'Globex');
    await waitForRecipientMatches(panel, `${globex.length} recipients match`);
    expect((await shownRecipientRows(panel)).map((row) => row.email)).toEqual(globex);

    // An address.
    await searchRecipients(panel, 'person17@');
    await waitForRecipientMatches(panel, '1 recipient matches');
    expect((await shownRecipientRows(panel)).map((row) => row.email)).toEqual(['person17@data.example']);

    // States, with the search cleared.
    await searchRecipients(panel, '');
    await filterRecipientsByState(panel, 'replied');
    await waitForRecipientMatches(panel, '1 recipient matches');
    expect(await shownRecipientRows(panel)).toEqual([{ email: replied[0], state: 'Replied' }]);
    await filterRecipientsByState(panel, 'bounced');
    await waitForRecipientMatches(panel, '1 recipient matches');
    expect(await shownRecipientRows(panel)).toEqual([{ email: bounced[0], state: 'Bounced' }]);
    await filterRecipientsByState(panel, 'pending');
    await waitForRecipientMatches(panel, `${waiting.length} recipients match`);
    const shown = await shownRecipientRows(panel);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((row) => row.state === 'Waiting' && waiting.includes(row.email))).toBe(true);

    const exported = downloads.next();
    await panel.locator(byTestId('recipients-export-csv')).click();
    const file = await exported;
    expect(file.suggestedFilename).toMatch(/\.csv$/);
    const lines = file.text.trim().split(/\r?\n/);
    expect(lines).toHaveLength(31);
    expect(lines[0]).toMatch(/email/);
    for (const person of PEOPLE) expect(file.text).toContain(person.email);
  });
});
