import { createClient } from '@libsql/client';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectSandboxMailbox } from '../../backend/src/testing/connect-gmail';
import { accountListSchema } from '../../shared/schemas/accounts';
import { startBackend, type BackendProcess } from '../support/backend-process';
import { dashboardAgent } from '../support/dashboard-agent';
import { apiJson, signUpWithToken, type DashboardUser } from '../support/dashboard-user';
import type { ExtensionBrowser } from '../support/extension-browser';
import { SCREENSHOTS } from '../support/extension-paths';
import { explainedWaits } from '../support/explained-waits';
import { connectedSidePanel } from '../support/side-panel';

/**
 * Issue 18, warm-up for a new account, as the user sees it in the panel: a consumer Gmail account
 * with warm-up off, switched on with the suggested ramp (20 a day, 20 more each day, up to Google's
 * 500), and the account card then says which day of the ramp it is on and today's figure.
 */

const USER = 'wren@example.com';
const SENDER = 'wren.sends@gmail.com';
const DAY_MS = 24 * 60 * 60 * 1000;

let backend: BackendProcess;
let chromium: ExtensionBrowser;
let user: DashboardUser;
let page: Page;
const problems: string[] = [];

const { el, waitText } = explainedWaits(() => page, 'warmup');

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  backend = await startBackend();
  user = await signUpWithToken(backend.url, USER, 'e2e warm-up');
  expect((await connectSandboxMailbox(dashboardAgent(backend.url, user.cookie), SENDER)).response?.status).toBe(303);
  // The account's own limit up to Google's 500 (it starts lower): the ramp tops out at the lower of the two.
  const { accounts } = accountListSchema.parse(await apiJson(backend.url, user.token, '/api/accounts'));
  await apiJson(backend.url, user.token, `/api/accounts/${accounts[0]!.id}`, { method: 'PATCH', json: { dailyLimit: 500 } });
  ({ chromium, page } = await connectedSidePanel(backend.url, user.token, { height: 900, problems }));
});

afterAll(async () => {
  await chromium?.close();
  await backend?.stop();
});

it("switches warm-up on from the account card, which then says the ramp's day and today's figure", async () => {
  await (await el('[data-testid="nav-accounts"]')).click();
  await el('[data-testid="account-card"] [data-testid="warmup-switch"]');
  // Off: no warm-up line, and the limit the card shows is the account's own.
  expect(await page.$('[data-testid="warmup-status"]')).toBeNull();
  await waitText('account-card', /0 of 500 in the last 24 h/);

  // The switch, by keyboard, as a keyboard user would; the suggested figures fill the fields.
  await (await el('[data-testid="warmup-switch"]')).focus();
  await page.keyboard.press('Space');
  expect(await (await el('[data-testid="warmup-startPerDay"]')).evaluate((node) => (node as HTMLInputElement).value)).toBe('20');
  expect(await page.$eval('[data-testid="warmup-targetPerDay"]', (node) => (node as HTMLInputElement).value)).toBe('500');
  await (await el('[data-testid="warmup-save"]')).click();

  await waitText('warmup-status', 'Warm-up: day 0 · 20 a day today (rising to 500)');
  await waitText('account-card', /0 of 20 in the last 24 h/);
  const { accounts } = accountListSchema.parse(await apiJson(backend.url, user.token, '/api/accounts'));
  expect(accounts[0]).toMatchObject({ warmup: { startPerDay: 20, increasePerDay: 20, targetPerDay: 500 }, warmupDay: 0, effectiveDailyLimit: 20 });
  await page.screenshot({ path: join(SCREENSHOTS, 'sidepanel-warmup.png'), fullPage: true });

  // Three days later (the ramp counts whole 24-hour periods from when it was switched on): 80 today.
  const db = createClient({ url: `file:${join(backend.dataDir, 'iconnect.db')}` });
  try {
    await db.execute({ sql: 'UPDATE gmail_accounts SET warmup_started_at = warmup_started_at - ?', args: [3 * DAY_MS + 60_000] });
  } finally {
    db.close();
  }
  await page.reload();
  await (await el('[data-testid="nav-accounts"]')).click();
  await waitText('warmup-status', 'Warm-up: day 3 · 80 a day today (rising to 500)');
  expect(problems).toEqual([]);
});
