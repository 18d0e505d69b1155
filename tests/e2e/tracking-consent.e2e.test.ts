import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
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
 * Issue 16, "Tracking only where it is allowed", as the user sees it in the panel: before any
 * import the editor says where the consent column comes from; a CSV with a "Tracking consent"
 * column (yes / no / Oui) is imported, the column is picked in the editor and saved, and the
 * Launch tab says that 2 of the 3 recipients will be tracked and why the third will not.
 */

const USER = 'noor@example.com';
const SENDER = 'noor@sender.example.net';
const CSV = ['email,first name,Tracking consent', 'ann@acme.example.net,Ann,yes', 'bob@acme.example.net,Bob,no', 'cy@acme.example.net,Cy,Oui', ''].join('\n');

let dns: Awaited<ReturnType<typeof startLoopbackDns>>;
let backend: BackendProcess;
let chromium: ExtensionBrowser;
let user: DashboardUser;
let page: Page;
let tempDir: string;
let campaignId: string;
const problems: string[] = [];

const { el, waitText } = explainedWaits(() => page, 'tracking-consent');

beforeAll(async () => {
  mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  tempDir = mkdtempSync(join(tmpdir(), 'iconnect-consent-'));
  // The recipients' domain receives mail and the sender's is authenticated: the Launch tab's other
  // checks have nothing to say, and the screenshot shows the tracking line with what goes with it.
  dns = await startLoopbackDns({
    'acme.example.net': { mx: [{ priority: 10, exchange: 'mx.acme.example.net' }] },
    'sender.example.net': { txt: ['v=spf1 include:_spf.google.com ~all'] },
    'google._domainkey.sender.example.net': { txt: ['v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA0'] },
    '_dmarc.sender.example.net': { txt: ['v=DMARC1; p=quarantine; rua=mailto:d@sender.example.net'] },
  });
  backend = await startBackend({ env: { DNS_SERVERS: dns.server } });
  user = await signUpWithToken(backend.url, USER, 'e2e tracking consent');
  const { response } = await connectSandboxMailbox(dashboardAgent(backend.url, user.cookie), SENDER);
  expect(response?.status).toBe(303);
  const { accounts } = accountListSchema.parse(await apiJson(backend.url, user.token, '/api/accounts'));
  const campaign = campaignSchema.parse(
    await apiJson(backend.url, user.token, '/api/campaigns', { method: 'POST', json: { name: 'Consent first', subject: 'Hi', html: '<p>Hi <a href="https://example.org/">there</a></p>', accountIds: [accounts[0]!.id] } }),
  );
  campaignId = campaign.id;
  ({ chromium, page } = await connectedSidePanel(backend.url, user.token, { height: 720, problems }));
});

afterAll(async () => {
  await chromium?.close();
  await backend?.stop();
  await dns?.close();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

it('offers the imported consent column, saves it, and says at launch who will be tracked', async () => {
  await (await el('[data-testid="campaign-open"]')).click();
  await el('[data-testid="campaign-editor"]');
  await (await el('[data-testid="editor-more"] summary')).click();
  // No recipients yet: nothing to choose from, and the panel says where the column comes from.
  await waitText('tracking-consent-hint', 'Import recipients with a consent column to choose it.');

  await (await el('[data-testid="campaign-tab-recipients"]')).click();
  const file = join(tempDir, 'consent.csv');
  writeFileSync(file, CSV);
  const input = (await el('[data-testid="csv-file"]')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(file);
  await waitText('csv-valid-count', '3');
  await page.locator('[data-testid="csv-upload"]').click();
  await waitText('import-imported', '3');

  await (await el('[data-testid="campaign-tab-write"]')).click();
  await (await el('[data-testid="editor-more"] summary')).click();
  const select = await el('[data-testid="tracking-consent"]');
  // Named for assistive technology, and the yes-values explained in one line.
  expect(await page.accessibility.snapshot({ root: select })).toMatchObject({ role: 'combobox', name: 'Track only recipients who consented' });
  expect(await page.$$eval('[data-testid="tracking-consent"] option', (options) => options.map((option) => option.textContent))).toEqual([
    'Everyone (no consent column)',
    'first name',
    'Tracking consent',
  ]);
  // By keyboard: focus the choice and pick the column with the arrow keys.
  await select.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await waitText('tracking-consent-hint', /says yes, y, true, 1, oui, ja, sí/);
  await page.screenshot({ path: join(DOCS_SCREENSHOTS, 'tracking-consent-editor.png'), fullPage: true });
  await page.locator('[data-testid="editor-save"]').click();
  await waitText('editor-save-state', 'All changes saved');
  const saved = campaignSchema.parse(await apiJson(backend.url, user.token, `/api/campaigns/${campaignId}`));
  expect(saved.tracking).toEqual({ opens: true, clicks: true, consentField: 'Tracking consent' });

  await (await el('[data-testid="campaign-tab-launch"]')).click();
  await waitText('preflight-sendable', '3');
  await waitText('preflight-tracking', 'Opens and clicks tracked for 2 of 3 recipients (1 without consent in “Tracking consent”, 0 asked not to be tracked)');
  await page.screenshot({ path: join(DOCS_SCREENSHOTS, 'tracking-consent.png'), fullPage: true });
  expect(problems).toEqual([]);
});
