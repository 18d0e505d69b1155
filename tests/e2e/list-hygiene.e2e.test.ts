import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectSandboxMailbox } from '../../backend/src/testing/connect-gmail';
import { startLoopbackDns } from '../../backend/src/testing/loopback-dns-server';
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
 * Issue 15, "List hygiene before launch" and "Sender authentication, checked", as the user sees
 * them in the panel: the Launch tab sorts the recipients (examples, a typo's fix), "Skip these"
 * asks and then removes the typos, and the numbers follow; the Gmail accounts screen says the
 * sending domain's SPF is wrong and what to add. DNS is a loopback server the backend is pointed at.
 */

const USER = 'lena@example.com';
const SENDER = 'lena@sender.example.net';

let dns: Awaited<ReturnType<typeof startLoopbackDns>>;
let backend: BackendProcess;
let chromium: ExtensionBrowser;
let user: DashboardUser;
let page: Page;
const problems: string[] = [];

const { el, waitText } = explainedWaits(() => page, 'list-hygiene');

beforeAll(async () => {
  mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  dns = await startLoopbackDns({
    'acme.example.net': { mx: [{ priority: 10, exchange: 'mx.acme.example.net' }] },
    // The sender's domain authorises only its own MX: Google is not in its SPF.
    'sender.example.net': { txt: ['v=spf1 mx -all'] },
  });
  backend = await startBackend({ env: { DNS_SERVERS: dns.server } });
  user = await signUpWithToken(backend.url, USER, 'e2e list hygiene');
  const { response } = await connectSandboxMailbox(dashboardAgent(backend.url, user.cookie), SENDER);
  expect(response?.status).toBe(303);
  const { accounts } = accountListSchema.parse(await apiJson(backend.url, user.token, '/api/accounts'));
  const campaign = campaignSchema.parse(
    await apiJson(backend.url, user.token, '/api/campaigns', { method: 'POST', json: { name: 'Clean list', subject: 'Hi', html: '<p>Hi</p>', accountIds: [accounts[0]!.id] } }),
  );
  const emails = ['ann@acme.example.net', 'bob@acme.example.net', 'sales@acme.example.net', 'cy@gmial.com', 'di@gmial.com', 'x@nowhere.example.net'];
  await apiJson(backend.url, user.token, `/api/campaigns/${campaign.id}/recipients`, { method: 'POST', json: { recipients: emails.map((email) => ({ email })) } });
  ({ chromium, page } = await connectedSidePanel(backend.url, user.token, { height: 720, problems }));
});

afterAll(async () => {
  await chromium?.close();
  await backend?.stop();
  await dns?.close();
});

it('shows what the addresses look like, skips the typos after asking, and says what the sender domain lacks', async () => {
  await (await el('[data-testid="campaign-open"]')).click();
  await (await el('[data-testid="campaign-tab-launch"]')).click();
  await waitText('hygiene-typo', /^2 likely typos/);
  expect(await page.$eval('[data-testid="hygiene-typo"]', (node) => node.textContent)).toContain('cy@gmial.com -> gmail.com');
  await waitText('hygiene-role', /^1 role address /);
  await waitText('hygiene-noMailDomain', /x@nowhere\.example\.net/);
  await waitText('preflight-sendable', '6');
  await page.screenshot({ path: join(DOCS_SCREENSHOTS, 'list-hygiene.png'), fullPage: true });

  await page.locator('[data-testid="hygiene-skip-typo"]').click();
  // The question takes the focus; nothing is removed until it is answered.
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'hygiene-confirm-typo', { timeout: 10_000 });
  await page.keyboard.press('Enter');
  await waitText('hygiene-done', 'Removed 2 recipients from the campaign.');
  await waitText('preflight-sendable', '4');
  await page.waitForFunction(() => !document.querySelector('[data-testid="hygiene-typo"]'), { timeout: 10_000 });

  await (await el('[data-testid="nav-accounts"]')).click();
  const details = await el('[data-testid="domain-auth"] summary');
  await details.click();
  await page.waitForSelector('[data-testid="domain-auth-spf"][data-status="invalid"]', { timeout: 15_000 });
  expect(await page.$eval('[data-testid="domain-auth-spf"]', (node) => node.textContent)).toContain('include:_spf.google.com');
  expect(await page.$eval('[data-testid="domain-auth-dkim"]', (node) => node.getAttribute('data-status'))).toBe('missing');
  await page.screenshot({ path: join(DOCS_SCREENSHOTS, 'domain-auth.png'), fullPage: true });
  expect(problems).toEqual([]);
});
