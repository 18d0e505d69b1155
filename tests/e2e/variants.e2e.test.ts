import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignSchema } from '../../shared/schemas/campaigns';
import { refreshAnalytics } from '../support/analytics-panel';
import { axeFindings, describeFindings } from '../support/axe';
import { startBackend, type BackendProcess } from '../support/backend-process';
import { apiJson, signUpWithToken, type DashboardUser } from '../support/dashboard-user';
import { explainedWaits } from '../support/explained-waits';
import type { ExtensionBrowser } from '../support/extension-browser';
import { DOCS_SCREENSHOTS, SCREENSHOTS } from '../support/extension-paths';
import { sandboxSentMail } from '../support/sandbox-sent-mail';
import { ALWAYS_OPEN, campaignWithRecipients, connectSenderAccount } from '../support/seeded-campaign';
import { connectedSidePanel } from '../support/side-panel';

/**
 * Issue 18, "A/B variants", as the user sees it in the panel: variant B of the first message is
 * added in the editor with a subject of its own (tabs A and B, from the keyboard too) and saved with
 * A, and so is a follow-up's; the preview and a test send show B; a missing field in B is named at
 * launch and its button opens tab B there; the Launch tab says how the recipients are split; the
 * campaign sends each recipient one variant (half A, half B: recipients in order, alternately), and
 * the Analytics tab shows the messages sent per variant. (The split, the winner and the counters
 * are the engine's tests: backend/src/variants/, backend/src/analytics/.)
 */

const USER = 'ines@example.com';
const SENDER = 'ines@sender.example.net';
const TEST_TO = 'qa@review.example';
const SUBJECT_A = 'Our spring offer, {{first name}}';
const SUBJECT_B = 'A quick question, {{first name}}';
const PEOPLE = ['Ann', 'Bob', 'Cid', 'Dee', 'Eve', 'Fay'];

let backend: BackendProcess;
let chromium: ExtensionBrowser;
let user: DashboardUser;
let page: Page;
let campaignId: string;
const problems: string[] = [];

const { el, waitText } = explainedWaits(() => page, 'variants');
const campaign = async () => campaignSchema.parse(await apiJson(backend.url, user.token, `/api/campaigns/${campaignId}`));
const value = (testId: string) => page.$eval(`[data-testid="${testId}"]`, (node) => (node as HTMLInputElement).value);

beforeAll(async () => {
  mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  backend = await startBackend();
  user = await signUpWithToken(backend.url, USER, 'e2e variants');
  const accountId = await connectSenderAccount(backend.url, user, SENDER);
  campaignId = await campaignWithRecipients(
    backend.url,
    user,
    {
      name: 'Spring offer',
      subject: SUBJECT_A,
      html: '<p>Hi {{first name}}, the <a href="https://shop.example/spring">spring offer</a> is on.</p>',
      accountIds: [accountId],
      schedule: ALWAYS_OPEN,
    },
    PEOPLE.map((name) => ({ email: `${name.toLowerCase()}@acme.example`, fields: { 'first name': name } })),
  );
  ({ chromium, page } = await connectedSidePanel(backend.url, user.token, { height: 1000, problems }));
});

afterAll(async () => {
  await chromium?.close();
  await backend?.stop();
});

describe('A/B variants in the side panel', () => {
  it('adds variant B with its own subject in the editor and saves both, A first', async () => {
    await (await el(`[data-campaign-id="${campaignId}"] [data-testid="campaign-open"]`)).click();
    await el('[data-testid="variant-add"]');
    expect(await page.$('[role="tablist"][aria-label="First message: A/B variants"]')).toBeNull();
    await page.locator('[data-testid="variant-add"]').click();

    // B starts as a copy of A, on screen in its own tab.
    await el('[data-testid="variant-1"][aria-selected="true"]');
    expect(await value('editor-subject')).toBe(SUBJECT_A);
    const subject = await el('[data-testid="editor-subject"]');
    expect(await page.accessibility.snapshot({ root: subject })).toMatchObject({ name: 'Subject (variant B)' });
    await page.locator('[data-testid="editor-subject"]').fill(SUBJECT_B);

    // From the keyboard: the arrow keys move between the tabs, each showing its own subject.
    await page.focus('[data-testid="variant-1"]');
    await page.keyboard.press('ArrowLeft');
    await el('[data-testid="variant-0"][aria-selected="true"]');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('variant-0');
    expect(await value('editor-subject')).toBe(SUBJECT_A);
    await page.keyboard.press('ArrowRight');
    expect(await value('editor-subject')).toBe(SUBJECT_B);

    // "Pick a winner", in plain words; left off here: every recipient is split evenly.
    await page.locator('[data-testid="ab-test-on"]').click();
    await waitText('ab-test-sentence', /^20% of recipients get A or B first; 24 h after the last of them, the variant with more replies goes to the other 80%\./);
    await page.locator('[data-testid="ab-test-on"]').click();
    await waitText('ab-test-sentence', 'Recipients are split evenly: each gets A or B, for the first message and its thread.');
    await page.locator('[data-testid="editor-save"]').click();
    await waitText('editor-save-state', 'All changes saved');
    const saved = await campaign();
    expect(saved.variants?.map((variant) => variant.subject)).toEqual([SUBJECT_A, SUBJECT_B]);
    expect(saved.subject).toBe(SUBJECT_A);
    expect(saved.abTest).toBeNull();

    expect(describeFindings('editor with variants', await axeFindings(page))).toBe('');
    await (await el('[data-testid="campaign-editor"]')).screenshot({ path: join(DOCS_SCREENSHOTS, 'sidepanel-variants.png') });
  });

  it('asks before removing a variant that has text, and keeps it on "Keep it"', async () => {
    await page.locator('[data-testid="variant-remove"]').click();
    await waitText('variant-remove-dialog', /^Remove variant B\?/);
    await page.keyboard.press('Enter');
    expect(await page.$('[data-testid="variant-remove-dialog"]')).toBeNull();
    expect(await page.$$eval('[role="tab"][data-testid^="variant-"]', (tabs) => tabs.map((tab) => tab.textContent))).toEqual(['A', 'B']);
  });

  it('writes variant B of a follow-up in its own tab, saved with the follow-up', async () => {
    await page.locator('[data-testid="editor-more"] > summary').click();
    await page.locator('[data-testid="follow-up-add"]').click();
    await (await el('[data-testid="fu-body-0"]')).click();
    await page.keyboard.type('Any thoughts?');
    await page.locator('[data-testid="fu-variant-0-add"]').click();
    await el('[data-testid="fu-variant-0-1"][aria-selected="true"]');
    // B, a copy of A to start from, rewritten.
    await (await el('[data-testid="fu-body-0"]')).click();
    await page.keyboard.down('Control');
    await page.keyboard.press('a');
    await page.keyboard.up('Control');
    await page.keyboard.type('Worth a call this week?');
    await page.locator('[data-testid="editor-save"]').click();
    await waitText('editor-save-state', 'All changes saved');
    expect((await campaign()).followUps[0]?.variants).toEqual([
      { subject: null, html: '<p>Any thoughts?</p>' },
      { subject: null, html: '<p>Worth a call this week?</p>' },
    ]);
    expect(describeFindings('follow-up with variants', await axeFindings(page))).toBe('');
    await page.locator('[data-testid="editor-more"] > summary').click();
  });

  it('previews variant B as a recipient gets it, and sends it as a test', async () => {
    await page.select('[data-testid="preview-variant"]', '1');
    await waitText('preview-subject', 'A quick question, Ann');
    await page.select('[data-testid="preview-variant"]', '0');
    await waitText('preview-subject', 'Our spring offer, Ann');
    await page.select('[data-testid="preview-variant"]', '1');
    await waitText('preview-subject', 'A quick question, Ann');

    await page.locator('[data-testid="test-send-to"]').fill(TEST_TO);
    await page.locator('[data-testid="test-send-button"]').click();
    await waitText('test-send-result', /^Sent “\[Test\] A quick question, Ann”/);
    const tests = (await sandboxSentMail(backend.url, SENDER)).filter((mail) => mail.subject?.startsWith('[Test]'));
    expect(tests.map((mail) => mail.subject)).toEqual(['[Test] A quick question, Ann']);
  });

  it("names a missing field in variant B's subject before launch, and its button opens tab B there", async () => {
    await (await el('[data-testid="variant-1"]')).click();
    await page.locator('[data-testid="editor-subject"]').fill(`${SUBJECT_B} at {{company}}`);
    await page.locator('[data-testid="editor-save"]').click();
    await waitText('editor-save-state', 'All changes saved');
    await (await el('[data-testid="variant-0"]')).click();

    await (await el('[data-testid="campaign-tab-launch"]')).click();
    await waitText('preflight-missing-places', "{{company}} is in variant B's subjectGo to variant B's subject");
    await page.locator('[data-testid="preflight-go-to"]').click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'editor-subject', { timeout: 5_000 });
    await el('[data-testid="variant-1"][aria-selected="true"]');
    expect(await value('editor-subject')).toBe(`${SUBJECT_B} at {{company}}`);
    await page.locator('[data-testid="editor-subject"]').fill(SUBJECT_B);
    await page.locator('[data-testid="editor-save"]').click();
    await waitText('editor-save-state', 'All changes saved');
  });

  it('says at launch how the recipients are split, and sends each one variant', async () => {
    await (await el('[data-testid="campaign-tab-launch"]')).click();
    await waitText('preflight-variants', 'A/B: 2 variants, split evenly among 6 recipients');
    await page.locator('[data-testid="launch-button"]').click();
    await el('[data-testid="pause-button"]');

    const sent = async () => (await sandboxSentMail(backend.url, SENDER)).filter((mail) => !mail.subject?.startsWith('[Test]'));
    await expect.poll(async () => (await sent()).length, { timeout: 30_000, interval: 250 }).toBe(PEOPLE.length);
    // Recipients in order, alternately A and B.
    const subjects = new Map((await sent()).map((mail) => [mail.to?.[0]?.address ?? '', mail.subject]));
    expect(PEOPLE.map((name) => subjects.get(`${name.toLowerCase()}@acme.example`))).toEqual(
      PEOPLE.map((name, index) => (index % 2 === 0 ? `Our spring offer, ${name}` : `A quick question, ${name}`)),
    );
  });

  it('shows the messages sent per variant in analytics', async () => {
    await (await el('[data-testid="campaign-tab-analytics"]')).click();
    const perVariant = async () => {
      await refreshAnalytics(page);
      return page.$$eval('[data-testid="variant-stats-0"] [data-testid="variant-sent"]', (cells) => cells.map((cell) => cell.textContent));
    };
    await expect.poll(perVariant, { timeout: 20_000, interval: 500 }).toEqual(['3', '3']);
    expect(await page.$$eval('[data-testid="variant-stats-0"] [data-testid="variant-name"]', (cells) => cells.map((cell) => cell.textContent))).toEqual([
      `A: ${SUBJECT_A}`,
      `B: ${SUBJECT_B}`,
    ]);
    expect(describeFindings('analytics with variants', await axeFindings(page))).toBe('');
    await (await el('[data-testid="variant-stats-0"]')).screenshot({ path: join(DOCS_SCREENSHOTS, 'sidepanel-variants-analytics.png') });
    expect(problems).toEqual([]);
  });
});
