import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectSandboxMailbox } from '../../backend/src/testing/connect-gmail';
import { accountListSchema } from '../../shared/schemas/accounts';
import { campaignSchema } from '../../shared/schemas/campaigns';
import { startBackend, type BackendProcess } from '../support/backend-process';
import { dashboardAgent } from '../support/dashboard-agent';
import { apiJson, signUpWithToken, type DashboardUser } from '../support/dashboard-user';
import type { ExtensionBrowser } from '../support/extension-browser';
import { DOCS_SCREENSHOTS, SCREENSHOTS } from '../support/extension-paths';
import { explainedWaits } from '../support/explained-waits';
import { connectedSidePanel } from '../support/side-panel';

/**
 * Issue 15, "Account types and daily limits" and "Google OAuth in the real world", as the user sees
 * them in the panel: two Workspace mailboxes of one domain, one connected to send only, and a
 * campaign to 2,000 Gmail addresses with a "stop on reply" follow-up an hour later. The Launch tab
 * warns that the domain nears Google's bulk-sender threshold and refuses the launch until the user
 * says to send the follow-ups to everyone; then it launches. The accounts screen names each type.
 */

const USER = 'ivy@example.com';
const SENDERS = ['ivy@acme.example', 'max@acme.example'];
const GMAIL_RECIPIENTS = 2000;

let backend: BackendProcess;
let chromium: ExtensionBrowser;
let user: DashboardUser;
let page: Page;
const problems: string[] = [];

const { el, waitText } = explainedWaits(() => page, 'send-only-launch');

const api = (path: string, init: { method?: string; json?: unknown } = {}) => apiJson(backend.url, user.token, path, init);

beforeAll(async () => {
  mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  backend = await startBackend();
  user = await signUpWithToken(backend.url, USER, 'e2e send-only launch');
  const agent = dashboardAgent(backend.url, user.cookie);
  // The first mailbox may only send: "Detect replies and bounces" was off at Google's consent.
  expect((await connectSandboxMailbox(agent, SENDERS[0]!, { query: 'detectReplies=false' })).response?.status).toBe(303);
  expect((await connectSandboxMailbox(agent, SENDERS[1]!)).response?.status).toBe(303);
  const { accounts } = accountListSchema.parse(await api('/api/accounts'));
  // Google Workspace allows 2,000 a day; with no gaps the two can send 4,000 in the next 24 hours.
  for (const account of accounts) await api(`/api/accounts/${account.id}`, { method: 'PATCH', json: { dailyLimit: 2000, minGapSeconds: 0, maxGapSeconds: 0 } });
  const campaign = campaignSchema.parse(
    await api('/api/campaigns', {
      method: 'POST',
      json: {
        name: 'Big week',
        subject: 'Hi',
        html: '<p>Hi</p>',
        accountIds: accounts.map((account) => account.id),
        followUps: [{ delayHours: 1, html: '<p>Just checking in</p>', condition: 'no_reply' }],
      },
    }),
  );
  const recipients = Array.from({ length: GMAIL_RECIPIENTS }, (_, i) => ({ email: `person${i}@gmail.com` }));
  await api(`/api/campaigns/${campaign.id}/recipients`, { method: 'POST', json: { recipients } });
  ({ chromium, page } = await connectedSidePanel(backend.url, user.token, { height: 720, problems }));
});

afterAll(async () => {
  await chromium?.close();
  await backend?.stop();
});

it('warns of the bulk-sender threshold, launches send-only follow-ups only when told to, and names the account types', async () => {
  await (await el('[data-testid="campaign-open"]')).click();
  await (await el('[data-testid="campaign-tab-launch"]')).click();
  await waitText('preflight-blockers', /ivy@acme\.example may only send/);
  const bulk = await el('[data-testid="preflight-warnings"] [data-code="bulk-sender"]');
  expect(await bulk.evaluate((node) => node.textContent)).toMatch(/^acme\.example may reach 4,000 messages to personal Gmail addresses.*bulk sender, for good/);
  expect(await page.$eval('[data-testid="launch-button"]', (node) => (node as HTMLButtonElement).disabled)).toBe(true);
  await page.screenshot({ path: join(DOCS_SCREENSHOTS, 'send-only-launch.png'), fullPage: true });

  // The switch, by keyboard: focus it and press Space, as a keyboard user would.
  await (await el('[data-testid="follow-ups-to-everyone"]')).focus();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => !document.querySelector('[data-testid="preflight-blockers"]'), { timeout: 15_000 });
  await page.waitForFunction(() => (document.querySelector('[data-testid="launch-button"]') as HTMLButtonElement | null)?.disabled === false, { timeout: 15_000 });
  await (await el('[data-testid="launch-button"]')).click();
  await el('[data-testid="sending-progress"]');

  await (await el('[data-testid="nav-accounts"]')).click();
  await page.waitForFunction(
    () => [...document.querySelectorAll('[data-testid="account-type"]')].map((node) => node.textContent).join('|') ===
      'Google Workspace: Google allows about 2,000 messages a day|Google Workspace: Google allows about 2,000 messages a day',
    { timeout: 15_000 },
  );
  expect(problems).toEqual([]);
});
