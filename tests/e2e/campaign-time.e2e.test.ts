import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSandboxMailbox } from '../../backend/src/testing/connect-gmail';
import { campaignListSchema, campaignSchema } from '../../shared/schemas/campaigns';
import { preflightSchema } from '../../shared/schemas/launch';
import { startBackend, type BackendProcess } from '../support/backend-process';
import { dashboardAgent } from '../support/dashboard-agent';
import { apiJson, signUpWithToken, type DashboardUser } from '../support/dashboard-user';
import { launchWithExtension, type ExtensionBrowser } from '../support/extension-browser';
import { DOCS_SCREENSHOTS, SCREENSHOTS, SIDE_PANEL_URL } from '../support/extension-paths';
import { collectProblems } from '../support/page-problems';
import { connectSidePanel, waitForTestIdText } from '../support/side-panel';

/**
 * Issue 14, "Time and waiting": a campaign created in the panel by a user in Madrid (a browser in a
 * non-UTC zone, a Gmail account left in UTC) is in Madrid's time; its launch estimate honours its
 * weekdays, hours and follow-up; launched outside its hours, the list and the campaign say
 * "Waiting" and until when, on Madrid's clock, as the API says. Then delete asks first, saying it
 * is sending, Duplicate copies it with its recipients, saying so, and once cancelled its Launch tab
 * says it is final.
 */

const ZONE = 'Europe/Madrid';
const USER = 'maria@example.com';
const SENDER = 'maria.sender@example.com';
const NAME = 'Spring in Madrid';
const CSV = ['email,first name', 'ann@example.com,Ann', 'bob@example.com,Bob', ''].join('\n');

let backend: BackendProcess;
let chromium: ExtensionBrowser;
let user: DashboardUser;
let page: Page;
let tempDir: string;
const problems: string[] = [];
let campaignId: string;
let hours: { start: string; end: string };

function api(path: string, init: { method?: string; json?: unknown } = {}) {
  return apiJson(backend.url, user.token, path, init);
}

/** The parts of an instant on Madrid's clock, computed here apart from the panel's formatting. */
function inMadrid(iso: string) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, weekday: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    weekday: part('weekday'),
    clock: `${part('hour')}:${part('minute')}`,
    day: Date.UTC(Number(part('year')), Number(part('month')) - 1, Number(part('day'))) / 86_400_000,
  };
}

/** How the panel names the day of `iso`: today, tomorrow, or its weekday on Madrid's clock. */
function dayWord(iso: string): string {
  const ahead = inMadrid(iso).day - inMadrid(new Date().toISOString()).day;
  return ahead === 0 ? 'today' : ahead === 1 ? 'tomorrow' : inMadrid(iso).weekday;
}

/** What the panel says in its alerts and main heading: put in a failure's message, so it explains itself. */
async function onScreen(): Promise<string> {
  const texts = await page.$$eval('[role="alert"], h1, h2', (nodes) => nodes.map((node) => node.textContent ?? ''));
  await page.screenshot({ path: join(SCREENSHOTS, 'campaign-time-failure.png'), fullPage: true });
  return ` On screen: ${texts.join(' | ')}`;
}

async function el(testId: string, timeout = 15_000): Promise<ElementHandle<Element>> {
  try {
    const handle = await page.waitForSelector(`[data-testid="${testId}"]`, { visible: true, timeout });
    if (!handle) throw new Error('not found');
    return handle;
  } catch (error) {
    throw new Error(`[data-testid="${testId}"] did not appear: ${String(error)}.${await onScreen()}`);
  }
}

async function textOf(testId: string, scope = ''): Promise<string> {
  await el(testId);
  return page.$eval(`${scope} [data-testid="${testId}"]`.trim(), (node) => node.textContent ?? '');
}

async function click(testId: string): Promise<void> {
  await page.locator(`[data-testid="${testId}"]`).click();
}

/** Waits until the focused element is the one `selector` finds. */
async function focusIsOn(selector: string): Promise<void> {
  await page.waitForFunction((wanted) => document.activeElement !== null && document.activeElement === document.querySelector(wanted), { timeout: 10_000, polling: 100 }, selector);
}

async function shoot(name: string): Promise<void> {
  await page.screenshot({ path: join(DOCS_SCREENSHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  tempDir = mkdtempSync(join(tmpdir(), 'iconnect-time-'));
  backend = await startBackend();
  user = await signUpWithToken(backend.url, USER, 'e2e campaign time');
  // The Gmail account stays in UTC: the campaign's zone must come from the browser, not from it.
  const { response } = await connectSandboxMailbox(dashboardAgent(backend.url, user.cookie), SENDER, { query: 'timezone=UTC' });
  expect(response?.status).toBe(303);
  chromium = await launchWithExtension();
  page = await chromium.browser.newPage();
  collectProblems(page, problems);
  // The user's browser is in Madrid before the panel first loads.
  await page.emulateTimezone(ZONE);
  await page.setViewport({ width: 360, height: 720 });
  await page.goto(SIDE_PANEL_URL);
});

afterAll(async () => {
  await chromium?.close();
  await backend?.stop();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

describe('a campaign made in the panel in Madrid waits for its hours and says until when', () => {
  it('creates the campaign in the browser\'s zone and puts the focus on its name', async () => {
    await connectSidePanel(page, backend.url, user.token);
    await el('campaign-list-empty');
    await page.locator('[data-testid="new-campaign-name"]').fill(NAME);
    await click('new-campaign-create');
    await el('campaign-editor');
    await focusIsOn('[data-testid="editor-name"]');

    const { campaigns } = campaignListSchema.parse(await api('/api/campaigns'));
    campaignId = campaigns[0]?.id ?? '';
    expect(campaigns[0]?.schedule.timezone).toBe(ZONE);
  });

  it('writes, picks the account and saves: the header says it is fresh', async () => {
    await page.locator('[data-testid="editor-subject"]').fill('Hola {{ first name }}');
    await page.click('[data-testid="editor-body"]');
    await page.keyboard.type('Hi there, spring is here.');
    await page.locator('[data-testid="account-choice"]').click();
    await click('editor-save');
    await waitForTestIdText(page, 'editor-save-state', /All changes saved/);
    await waitForTestIdText(page, 'campaign-fresh', /^Updated just now$/);

    const saved = campaignSchema.parse(await api(`/api/campaigns/${campaignId}`));
    expect(saved.accountIds).toHaveLength(1);
    // Ticking a UTC account after naming the campaign did not move it out of Madrid.
    expect(saved.schedule.timezone).toBe(ZONE);
  });

  it('imports two recipients', async () => {
    await click('campaign-tab-recipients');
    const file = join(tempDir, 'two.csv');
    writeFileSync(file, CSV);
    const input = (await page.waitForSelector('[data-testid="csv-file"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
    await click('csv-upload');
    expect(await textOf('import-imported')).toBe('2');
  });

  it('estimates a Mon–Fri launch with a follow-up on weekdays inside the hours, on Madrid\'s clock', async () => {
    // Set elsewhere (the dashboard): Mon–Fri, one hour twelve hours from now in Madrid, and a
    // follow-up two days on. Whatever the time the test runs, "now" is outside the hours.
    const hour = (Number(inMadrid(new Date().toISOString()).clock.slice(0, 2)) + 12) % 24;
    const pad = (n: number) => String(n).padStart(2, '0');
    hours = { start: `${pad(hour)}:00`, end: hour === 23 ? '24:00' : `${pad(hour + 1)}:00` };
    await api(`/api/campaigns/${campaignId}`, {
      method: 'PATCH',
      json: { schedule: { days: [1, 2, 3, 4, 5], window: hours }, followUps: [{ delayHours: 48, html: '<p>Any thoughts?</p>' }] },
    });

    // Reopened from the list: the focus goes to the campaign's heading.
    await click('back-to-list');
    await page.locator('[data-testid="campaign-open"]').click();
    await focusIsOn('[data-testid="campaign-title"]');
    await click('campaign-tab-launch');
    await el('preflight-timing');

    const { timing } = preflightSchema.parse(await api(`/api/campaigns/${campaignId}/preflight`));
    if (!timing) throw new Error('the preflight has no timing');
    const shown = await page.$$eval('[data-testid="preflight-timing"] time', (nodes) => nodes.map((node) => ({ iso: node.getAttribute('datetime') ?? '', text: node.textContent ?? '' })));
    expect(shown.map((moment) => moment.iso)).toEqual([timing.firstSendAt, timing.lastFirstMessageAt, timing.lastMessageAt]);
    expect(Date.parse(timing.lastMessageAt)).toBeGreaterThan(Date.parse(timing.lastFirstMessageAt));
    for (const moment of shown) {
      const madrid = inMadrid(moment.iso);
      expect(['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], `${moment.iso} falls on ${madrid.weekday}`).toContain(madrid.weekday);
      expect(madrid.clock >= hours.start && madrid.clock <= (hours.end === '24:00' ? '23:59' : hours.end), `${moment.iso} is at ${madrid.clock}`).toBe(true);
      // The words are Madrid's: the day as "today", "tomorrow" or a weekday, and the clock time.
      if (/[a-z]/i.test(moment.text)) expect(moment.text.startsWith(dayWord(moment.iso)), `"${moment.text}" for ${moment.iso}`).toBe(true);
      if (moment.text.includes(':')) expect(moment.text).toContain(madrid.clock);
    }
    const [start] = shown;
    expect(await textOf('preflight-timing')).toContain(`Starts ${start?.text} (Madrid)`);
    await shoot('sidepanel-launch-preflight');
  });

  it('launches outside the hours: the campaign says Waiting and until when, as the API does', async () => {
    await click('launch-button');
    // The result of Launch takes the focus.
    await focusIsOn('[data-testid="progress-title"]');

    const { progress } = campaignSchema.parse(await api(`/api/campaigns/${campaignId}`));
    const waiting = progress?.waiting;
    if (!waiting) throw new Error(`the API says the campaign is not waiting: ${JSON.stringify(progress)}`);
    expect(waiting.reason).toBe('outside-hours');
    const until = `until ${dayWord(waiting.until)} ${inMadrid(waiting.until).clock} (Madrid)`;

    await waitForTestIdText(page, 'status-badge', /^Waiting$/);
    expect(await textOf('campaign-waiting-text', '[data-testid="campaign-screen"]')).toBe(`Outside sending hours ${until}`);
    await page.screenshot({ path: join(SCREENSHOTS, 'campaign-waiting-screen.png'), fullPage: true });
  });

  it('shows the same in the campaign list, on the row', async () => {
    await click('back-to-list');
    const row = '[data-testid="campaign-row"]';
    await page.waitForSelector(`${row} [data-testid="campaign-waiting"]`, { visible: true, timeout: 15_000 });
    const { progress } = campaignSchema.parse(await api(`/api/campaigns/${campaignId}`));
    const waitingUntil = progress?.waiting?.until ?? '';
    expect(await textOf('status-badge', row)).toBe('Waiting');
    expect(await textOf('campaign-waiting-text', row)).toBe(`Outside sending hours until ${dayWord(waitingUntil)} ${inMadrid(waitingUntil).clock} (Madrid)`);
    await shoot('sidepanel-waiting');
  });

  it('asks before deleting a campaign that is sending, saying so; Escape keeps it', async () => {
    await click('campaign-delete');
    const dialog = await el('campaign-delete-dialog');
    expect(await dialog.evaluate((node) => node.getAttribute('role'))).toBe('alertdialog');
    expect(await dialog.evaluate((node) => node.textContent)).toContain(`${NAME} is sending: 0 of 2 sent. Deleting stops it and removes its recipients and stats.`);
    await focusIsOn('[data-testid="campaign-delete-keep"]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="campaign-delete-dialog"]', { hidden: true });
    await focusIsOn('[data-testid="campaign-delete"]');
    expect(campaignSchema.parse(await api(`/api/campaigns/${campaignId}`)).status).toBe('sending');
  });

  it('duplicates with its recipients and says so', async () => {
    await click('campaign-duplicate');
    await el('campaign-duplicate-dialog');
    await click('campaign-duplicate-with');
    await waitForTestIdText(page, 'campaign-action-result', `Copied ${NAME} with 2 recipients`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="campaign-row"]').length === 2, { timeout: 15_000 });
    const { campaigns } = campaignListSchema.parse(await api('/api/campaigns'));
    expect(campaigns.find((campaign) => campaign.id !== campaignId)).toMatchObject({ status: 'draft', counts: { total: 2, pending: 2 } });
  });

  it('cancelled, it says it is final: what went out, what never will, and no controls', async () => {
    await page.locator(`[data-campaign-id="${campaignId}"] [data-testid="campaign-open"]`).click();
    await click('campaign-tab-launch');
    await click('cancel-button');
    await click('cancel-confirm');
    await waitForTestIdText(page, 'progress-title', /^Cancelled$/);
    expect(await textOf('progress-summary')).toBe('Sent to 0 of 2 recipients before it was cancelled; 2 will never be sent. Nothing about it can change now.');
    await waitForTestIdText(page, 'status-badge', /^Cancelled$/);
    expect(await page.$('[data-testid="campaign-waiting"]')).toBeNull();
    expect(await page.$('[data-testid="campaign-controls"]')).toBeNull();
    expect(campaignSchema.parse(await api(`/api/campaigns/${campaignId}`)).status).toBe('cancelled');
  });

  it('logged no errors', () => {
    expect(problems).toEqual([]);
  });
});
