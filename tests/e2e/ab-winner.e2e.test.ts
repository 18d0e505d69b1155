import { createClient } from '@libsql/client';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignSchema } from '../../shared/schemas/campaigns';
import { campaignStatsSchema } from '../../shared/schemas/analytics';
import { refreshAnalytics } from '../support/analytics-panel';
import { axeFindings, describeFindings } from '../support/axe';
import { startBackend, type BackendProcess } from '../support/backend-process';
import { apiJson, signUpWithToken, type DashboardUser } from '../support/dashboard-user';
import { explainedWaits } from '../support/explained-waits';
import type { ExtensionBrowser } from '../support/extension-browser';
import { SCREENSHOTS } from '../support/extension-paths';
import { deliverToMailbox } from '../support/sandbox-incoming';
import { sandboxSentMail } from '../support/sandbox-sent-mail';
import { ALWAYS_OPEN, campaignWithRecipients, connectSenderAccount } from '../support/seeded-campaign';
import { connectedSidePanel } from '../support/side-panel';

/**
 * Issue 18, "Pick a winner", as the user sees it in the panel: variant B and a test of 40% judged
 * by replies with a 1-hour wait are set in the editor; at launch the test share goes (A and B,
 * alternately), and the campaign's status says the rest wait for the test, with the time the winner
 * is picked; the replies to B come in through the Gmail sandbox; the wait passes (the stored send
 * times are moved back an hour, as other tests move time: no real waiting); the winner is picked,
 * the analytics screen says so in a sentence and marks B, and the rest are sent B's subject. The
 * preview shows each recipient the variant they got. 25 recipients at 40%: 10 in the test (5 A,
 * 5 B), so 5 replies reach MIN_DECISION_EVENTS (fewer would be "too few", the engine's tests).
 */

const USER = 'olga@example.com';
const SENDER = 'olga@sender.example.net';
const SUBJECT_A = 'Our autumn offer, {{first name}}';
const SUBJECT_B = 'Can I ask you something, {{first name}}?';
const PEOPLE = Array.from({ length: 25 }, (_, index) => `P${String(index + 1).padStart(2, '0')}`);
const TEST_SHARE = 10;
const HOUR_MS = 3_600_000;

let backend: BackendProcess;
let chromium: ExtensionBrowser;
let user: DashboardUser;
let page: Page;
let campaignId: string;
const problems: string[] = [];

const { el, waitText } = explainedWaits(() => page, 'ab-winner');
const api = (path: string) => apiJson(backend.url, user.token, path);
const campaign = async () => campaignSchema.parse(await api(`/api/campaigns/${campaignId}`));
const sent = async () => (await sandboxSentMail(backend.url, SENDER)).filter((mail) => !mail.subject?.startsWith('[Test]'));
const emailOf = (name: string) => `${name.toLowerCase()}@acme.example`;
const subjectFor = (subject: string, name: string) => subject.replace('{{first name}}', name);
const textOf = (testId: string) => page.$eval(`[data-testid="${testId}"]`, (node) => node.textContent ?? '');

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // The scheduler every 200 ms and the mailbox read for replies every second: the test waits on them, not on the clock.
  backend = await startBackend({ env: { SCHEDULER_INTERVAL_MS: '200', REPLY_POLL_SECONDS: '1' } });
  user = await signUpWithToken(backend.url, USER, 'e2e ab winner');
  const accountId = await connectSenderAccount(backend.url, user, SENDER);
  campaignId = await campaignWithRecipients(
    backend.url,
    user,
    { name: 'Autumn offer', subject: SUBJECT_A, html: '<p>Hi {{first name}}, the autumn offer is on.</p>', accountIds: [accountId], schedule: ALWAYS_OPEN },
    PEOPLE.map((name) => ({ email: emailOf(name), fields: { 'first name': name } })),
  );
  ({ chromium, page } = await connectedSidePanel(backend.url, user.token, { height: 1000, problems }));
});

afterAll(async () => {
  await chromium?.close();
  await backend?.stop();
});

describe('Pick a winner in the side panel', () => {
  it('sets variant B and "Pick a winner" (replies, 40%, 1 hour) in the editor', async () => {
    await (await el(`[data-campaign-id="${campaignId}"] [data-testid="campaign-open"]`)).click();
    await page.locator('[data-testid="variant-add"]').click();
    await el('[data-testid="variant-1"][aria-selected="true"]');
    await page.locator('[data-testid="editor-subject"]').fill(SUBJECT_B);
    await page.locator('[data-testid="ab-test-on"]').click();
    await page.locator('[data-testid="ab-test-percent"]').fill('40');
    await page.locator('[data-testid="ab-test-wait"]').fill('1');
    await waitText('ab-test-sentence', /^40% of recipients get A or B first; 1 h after the last of them, the variant with more replies goes to the other 60%\./);
    await page.locator('[data-testid="editor-save"]').click();
    await waitText('editor-save-state', 'All changes saved');
    expect(await campaign()).toMatchObject({ abTest: { metric: 'replies', testPercent: 40, waitHours: 1 }, abDecision: null });
    expect((await campaign()).variants?.map((variant) => variant.subject)).toEqual([SUBJECT_A, SUBJECT_B]);
  });

  it('launches: the test share goes, A and B alternately, and the status says the rest wait for the winner until when', async () => {
    await (await el('[data-testid="campaign-tab-launch"]')).click();
    await el('[data-testid="preflight-variants"]');
    const launchedAt = Date.now();
    await page.locator('[data-testid="launch-button"]').click();
    await el('[data-testid="pause-button"]');

    await expect.poll(async () => (await sent()).length, { timeout: 30_000, interval: 250 }).toBe(TEST_SHARE);
    const testSentBy = Date.now();
    // 40% of 25: every other recipient of the first 25 in ten (k with ceil((k+1)·0.4) > ceil(k·0.4)), A then B.
    const subjects = new Map((await sent()).map((mail) => [mail.to?.[0]?.address ?? '', mail.subject]));
    const inTest = PEOPLE.filter((_, k) => Math.ceil(((k + 1) * 40) / 100) > Math.ceil((k * 40) / 100));
    expect(inTest).toHaveLength(TEST_SHARE);
    expect(inTest.map((name) => subjects.get(emailOf(name)))).toEqual(
      inTest.map((name, index) => subjectFor(index % 2 === 0 ? SUBJECT_A : SUBJECT_B, name)),
    );

    // The waiting line, on the campaign's clock (UTC): the last test message's send time + 1 hour.
    // From the API and the screen, not the database: a read through @libsql/client here left a stale
    // snapshot that the UPDATE below then wrote into, unseen by the backend (seen in 4 of 7 runs).
    await page.waitForSelector('[data-testid="campaign-waiting"][data-reason="ab-test"]', { visible: true, timeout: 15_000 });
    const until = (await campaign()).progress?.waiting?.until ?? '';
    expect(new Date(until).getTime()).toBeGreaterThanOrEqual(launchedAt + HOUR_MS);
    expect(new Date(until).getTime()).toBeLessThanOrEqual(testSentBy + HOUR_MS);
    expect(await page.$eval('[data-testid="campaign-waiting"]', (node) => node.getAttribute('data-until'))).toBe(until);
    const clock = new Date(until).toISOString().slice(11, 16);
    expect(await textOf('campaign-waiting-text')).toMatch(new RegExp(`^A/B test: winner picked around (today |tomorrow |\\w{3} )?${clock} \\(UTC\\)$`));
    expect(describeFindings('waiting for the A/B test', await axeFindings(page))).toBe('');
    await page.screenshot({ path: join(SCREENSHOTS, 'ab-test-waiting.png'), fullPage: true });
  });

  it('counts the replies to B; once the wait is over B wins and the rest get B', async () => {
    const testB = (await sent()).filter((mail) => mail.subject?.startsWith('Can I ask you something'));
    expect(testB).toHaveLength(TEST_SHARE / 2);
    for (const mail of testB) {
      await deliverToMailbox(
        backend.url,
        SENDER,
        { From: `<${mail.to?.[0]?.address}>`, Subject: `Re: ${mail.subject}`, 'In-Reply-To': mail.messageId ?? '', References: mail.messageId ?? '' },
        'Yes, tell me more.',
      );
    }
    const replies = async () => campaignStatsSchema.parse(await api(`/api/campaigns/${campaignId}/stats`)).variants?.map((variant) => variant.replied);
    await expect.poll(replies, { timeout: 30_000, interval: 250 }).toEqual([0, TEST_SHARE / 2]);
    expect((await campaign()).abDecision).toBeNull();

    // The hour passes: the test's send times, as the decision reads them, move back past the wait.
    const db = createClient({ url: `file:${join(backend.dataDir, 'iconnect.db')}` });
    try {
      await db.execute({ sql: 'UPDATE analytics_variants SET last_sent_at = last_sent_at - ? WHERE campaign_id = ? AND step = 0', args: [HOUR_MS + 60_000, campaignId] });
    } finally {
      db.close();
    }

    await expect
      .poll(async () => (await campaign()).abDecision?.winner, { timeout: 30_000, interval: 250 })
      .toBe(1)
      .catch(async (error: unknown) => {
        throw new Error(`${String(error)}; the test's figures: ${JSON.stringify(await testFigures())}; the backend said: ${backend.output().slice(-2000)}`);
      });
    await expect.poll(async () => (await sent()).length, { timeout: 30_000, interval: 250 }).toBe(PEOPLE.length);
    const subjects = new Map((await sent()).map((mail) => [mail.to?.[0]?.address ?? '', mail.subject]));
    const inTest = new Set(PEOPLE.filter((_, k) => Math.ceil(((k + 1) * 40) / 100) > Math.ceil((k * 40) / 100)));
    const rest = PEOPLE.filter((name) => !inTest.has(name));
    expect(rest.map((name) => subjects.get(emailOf(name)))).toEqual(rest.map((name) => subjectFor(SUBJECT_B, name)));
  });

  it('says on the analytics screen that B won, with the numbers, and marks B', async () => {
    await (await el('[data-testid="campaign-tab-analytics"]')).click();
    const decision = async () => {
      await refreshAnalytics(page);
      return (await page.$('[data-testid="ab-decision"]')) ? textOf('ab-decision') : '';
    };
    await expect.poll(decision, { timeout: 20_000, interval: 500 }).toMatch(/^B won the test on replies: B 100\s?% \(5 of 5\) and A 0\s?% \(0 of 5\)\. B went to the rest\.$/);
    const headings = await page.$$eval('[data-testid="variant-stats-0"] thead th', (cells) => cells.map((cell) => cell.textContent));
    expect(headings).toEqual(['A', 'B (winner)']);
    const perVariant = () => page.$$eval('[data-testid="variant-stats-0"] [data-testid="variant-sent"]', (cells) => cells.map((cell) => cell.textContent));
    await expect.poll(async () => (await refreshAnalytics(page), perVariant()), { timeout: 20_000, interval: 500 }).toEqual(['5', '20']);
    expect(describeFindings('analytics with the A/B decision', await axeFindings(page))).toBe('');
    await (await el('[data-testid="variant-stats-0"]')).screenshot({ path: join(SCREENSHOTS, 'ab-winner-analytics.png') });
  });

  it('previews each recipient in the variant they got, and the one picked', async () => {
    await (await el('[data-testid="campaign-tab-write"]')).click();
    // Recipient 1: in the test, A. Recipient 2: held, then sent the winner B. Recipient 3: in the test, B.
    await waitText('preview-subject', subjectFor(SUBJECT_A, PEOPLE[0]!));
    expect(await page.$eval('[data-testid="preview-variant"]', (node) => (node as HTMLSelectElement).value)).toBe('0');
    for (const name of [PEOPLE[1]!, PEOPLE[2]!]) {
      await page.locator('[data-testid="preview-next"]').click();
      await waitText('preview-subject', subjectFor(SUBJECT_B, name));
      expect(await page.$eval('[data-testid="preview-variant"]', (node) => (node as HTMLSelectElement).value)).toBe('1');
    }
    await page.select('[data-testid="preview-variant"]', '0');
    await waitText('preview-subject', subjectFor(SUBJECT_A, PEOPLE[2]!));
    expect(problems).toEqual([]);
  });
});

/** What the decision reads (analytics_variants of step 0), the first messages by status, and the campaign's status: said when no decision comes. */
async function testFigures() {
  const db = createClient({ url: `file:${join(backend.dataDir, 'iconnect.db')}` });
  try {
    const figures = await db.execute({ sql: 'SELECT variant, sent, replied, last_sent_at FROM analytics_variants WHERE campaign_id = ? AND step = 0', args: [campaignId] });
    const jobs = await db.execute({ sql: 'SELECT status, variant, due_at, count(*) AS n FROM send_jobs WHERE campaign_id = ? GROUP BY status, variant, due_at', args: [campaignId] });
    const status = await db.execute({ sql: 'SELECT status FROM campaigns WHERE id = ?', args: [campaignId] });
    const replyEvents = await db.execute({ sql: "SELECT count(*) AS n, group_concat(step) AS steps FROM tracking_events WHERE campaign_id = ? AND kind = 'reply'", args: [campaignId] });
    const firsts = await db.execute({ sql: "SELECT who, step, count(*) AS n FROM analytics_event_firsts WHERE campaign_id = ? AND kind = 'reply' GROUP BY who, step", args: [campaignId] });

    const served = campaignStatsSchema.parse(await api(`/api/campaigns/${campaignId}/stats`)).variants?.map(({ sent, replied }) => ({ sent, replied }));
    return { now: Date.now(), figures: figures.rows, served, replyEvents: replyEvents.rows, firsts: firsts.rows, jobs: jobs.rows, status: status.rows };
  } finally {
    db.close();
  }
}
