import { createClient } from '@libsql/client';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignSchema } from '../../shared/schemas/campaigns';
import { axeFindings, describeFindings } from '../support/axe';
import { startBackend, type BackendProcess } from '../support/backend-process';
import { apiJson, signUpWithToken, type DashboardUser } from '../support/dashboard-user';
import { explainedWaits } from '../support/explained-waits';
import type { ExtensionBrowser } from '../support/extension-browser';
import { SCREENSHOTS } from '../support/extension-paths';
import { sandboxSentMail } from '../support/sandbox-sent-mail';
import { ALWAYS_OPEN, campaignWithRecipients, connectSenderAccount } from '../support/seeded-campaign';
import { connectedSidePanel } from '../support/side-panel';

/**
 * "Check the Sent folder, then resend or skip" in the panel: a finished campaign with two messages
 * that may have gone out (the engine's path to that state, a send-only account losing Gmail's
 * answer, is tests/api/uncertain-messages.test.ts; here the two jobs are set so in the database, as
 * other e2e tests move state). The Launch tab lists them with three plain buttons; "Send it again"
 * asks first, then the message goes again; "Skip" ends the other; the heading stops saying "check".
 */

const USER = 'uma@example.com';
const SENDER = 'uma@sender.example.net';
const REASON = 'An earlier attempt may have been delivered, and without permission to read the mailbox iConnect cannot check. Check the Sent folder, then resend or skip.';

let backend: BackendProcess;
let chromium: ExtensionBrowser;
let user: DashboardUser;
let page: Page;
let campaignId: string;
const problems: string[] = [];

const { el, waitText } = explainedWaits(() => page, 'uncertain-messages');
const api = (path: string) => apiJson(backend.url, user.token, path);
const campaign = async () => campaignSchema.parse(await api(`/api/campaigns/${campaignId}`));

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  backend = await startBackend({ env: { SCHEDULER_INTERVAL_MS: '200' } });
  user = await signUpWithToken(backend.url, USER, 'e2e uncertain');
  const accountId = await connectSenderAccount(backend.url, user, SENDER);
  campaignId = await campaignWithRecipients(
    backend.url,
    user,
    { name: 'Spring note', subject: 'Hello', html: '<p>Hello</p>', accountIds: [accountId], schedule: ALWAYS_OPEN },
    [{ email: 'ana@acme.example' }, { email: 'bo@acme.example' }],
  );
  ({ chromium, page } = await connectedSidePanel(backend.url, user.token, { height: 1000, problems }));
});

afterAll(async () => {
  await chromium?.close();
  await backend?.stop();
});

describe('messages that may have gone out, in the side panel', () => {
  it('starts from a finished campaign whose two messages may have gone out', async () => {
  await apiJson(backend.url, user.token, `/api/campaigns/${campaignId}/launch`, { method: 'POST', json: {} });
  await expect.poll(async () => (await campaign()).status, { timeout: 30_000, interval: 200 }).toBe('completed');
  // Both attempts "may have been delivered", as the engine leaves them for a send-only account.
  const db = createClient({ url: `file:${join(backend.dataDir, 'iconnect.db')}` });
  try {
    await db.execute({
      sql: "UPDATE send_jobs SET status = 'uncertain', status_reason = ?, sent_at = NULL, gmail_message_id = NULL, gmail_thread_id = NULL WHERE campaign_id = ?",
      args: [REASON, campaignId],
    });
    await db.execute({ sql: "UPDATE recipients SET status = 'pending' WHERE campaign_id = ?", args: [campaignId] });
  } finally {
    db.close();
  }
  });

  it('lists each with what to check and three plain actions', async () => {
    await (await el(`[data-campaign-id="${campaignId}"] [data-testid="campaign-open"]`)).click();
    await (await el('[data-testid="campaign-tab-launch"]')).click();
    await el('[data-testid="uncertain-messages"]');
    await waitText('progress-title', 'Finished, but for you to check');
    const items = await page.$$eval('[data-testid="uncertain-message"]', (nodes) => nodes.map((node) => node.textContent ?? ''));
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('ana@acme.example');
    expect(items[0]).toContain('Check the Sent folder');
    const labels = await page.$$eval('[data-testid="uncertain-message"]:first-child button', (nodes) => nodes.map((node) => node.textContent));
    expect(labels).toEqual(['I found it in Sent', 'Send it again', 'Skip']);
    expect(describeFindings('uncertain messages', await axeFindings(page))).toBe('');
    await (await el('[data-testid="uncertain-messages"]')).screenshot({ path: join(SCREENSHOTS, 'uncertain-messages.png') });
  });

  it('"Send it again" asks first, then the message goes a second time', async () => {
    const before = (await sandboxSentMail(backend.url, SENDER)).length;
    await page.locator('[data-testid="uncertain-message"]:first-child [data-testid="uncertain-send-again"]').click();
    await el('[role="alertdialog"][aria-label="Send it again?"]');
    expect(await sandboxSentMail(backend.url, SENDER)).toHaveLength(before);
    await page.locator('[data-testid="uncertain-send-again-confirm"]').click();
    await expect.poll(async () => (await sandboxSentMail(backend.url, SENDER)).length, { timeout: 30_000, interval: 200 }).toBe(before + 1);
    await expect.poll(async () => page.$$eval('[data-testid="uncertain-message"]', (nodes) => nodes.length), { timeout: 15_000, interval: 200 }).toBe(1);
  });

  it('"Skip" ends the other; the campaign is simply finished again', async () => {
    await page.locator('[data-testid="uncertain-message"] [data-testid="uncertain-skip"]').click();
    await page.waitForSelector('[data-testid="uncertain-messages"]', { hidden: true, timeout: 15_000 });
    await expect.poll(async () => (await campaign()).status, { timeout: 30_000, interval: 200 }).toBe('completed');
    expect((await campaign()).progress?.jobs).toMatchObject({ sent: 1, skipped: 1, uncertain: 0 });
    expect(problems).toEqual([]);
  });
});
