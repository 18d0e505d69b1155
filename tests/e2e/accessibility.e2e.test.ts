import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeFindings, describeFindings } from '../support/axe';
import { startBackend, type BackendProcess } from '../support/backend-process';
import { DASHBOARD_VIEWPORT, openDashboardPage, signInOnDashboard } from '../support/dashboard-page';
import { apiJson, signUpWithToken, type DashboardUser } from '../support/dashboard-user';
import { launchWithExtension, type ExtensionBrowser } from '../support/extension-browser';
import { EXTENSION_ID } from '../support/extension-paths';
import { ALWAYS_OPEN, campaignWithRecipients, connectSenderAccount } from '../support/seeded-campaign';
import { connectSidePanel, openSidePanelTab } from '../support/side-panel';

/**
 * Issue 14, "Keyboard": axe-core (the real engine) finds no serious or critical violation on any
 * panel screen or dashboard page. One walk through every screen, in the order a user meets them;
 * each screen is checked once it shows its heading or its main control, and every finding is
 * printed (rule, element, help) so a failure says what to fix. Screens are reached by test ids and
 * roles, so small changes to their layout do not break the walk.
 */

const USER = 'ada@example.com';
const SENDER = 'sender@example.com';
const CSV = ['email,first name,company', 'ann@example.com,Ann,Acme', 'bob@example.com,Bob,Beta', 'not-an-email,Zed,Nope', ''].join('\n');

let backend: BackendProcess;
let chromium: ExtensionBrowser;
let user: DashboardUser;
let panel: Page;
let tempDir: string;
let seededId: string;
let accountId: string;

/** Checks the page as it is now; a soft assertion, so one walk reports every screen's findings. */
async function expectNoSeriousViolation(page: Page, screen: string): Promise<void> {
  const findings = await axeFindings(page);
  expect.soft(describeFindings(screen, findings), `axe-core on ${screen}`).toBe('');
}

/** The panel has a dark theme (theme.css): colour contrast is checked in both. */
async function expectNoSeriousViolationInBothThemes(screen: string): Promise<void> {
  await expectNoSeriousViolation(panel, screen);
  await panel.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
  try {
    await expectNoSeriousViolation(panel, `${screen} (dark theme)`);
  } finally {
    await panel.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
  }
}

async function visible(page: Page, selector: string): Promise<ElementHandle<Element>> {
  const handle = await page.waitForSelector(selector, { visible: true, timeout: 15_000 });
  if (!handle) throw new Error(`${selector} did not appear`);
  return handle;
}

const byTestId = (testId: string) => `[data-testid="${testId}"]`;

beforeAll(async () => {
  tempDir = mkdtempSync(join(tmpdir(), 'iconnect-a11y-'));
  backend = await startBackend({ env: { SCHEDULER_INTERVAL_MS: '200' } });
  user = await signUpWithToken(backend.url, USER, 'e2e accessibility');
  accountId = await connectSenderAccount(backend.url, user, SENDER);
  await apiJson(backend.url, user.token, '/api/suppressions', { method: 'POST', json: { email: 'gone@example.com', reason: 'manual' } });
  chromium = await launchWithExtension();
  panel = await openSidePanelTab(chromium.browser, { height: 720 });
});

afterAll(async () => {
  await chromium?.close();
  await backend?.stop();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

describe('accessibility: every side panel screen', () => {
  it('the connect screen', async () => {
    await visible(panel, byTestId('server-url'));
    await expectNoSeriousViolationInBothThemes('panel: connect');
  });

  it('the empty campaign list with its new-campaign form; the first Tab offers to skip to it', async () => {
    await connectSidePanel(panel, backend.url, user.token);
    await visible(panel, byTestId('campaign-list-empty'));
    await visible(panel, byTestId('new-campaign-name'));
    // A fresh start of the keyboard's path: the first Tab of the panel is the skip link, shown while focused.
    await panel.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await panel.keyboard.press('Tab');
    const skip = await visible(panel, `${byTestId('skip-to-content')}:focus`);
    expect(await skip.evaluate((node) => node.textContent)).toBe('Skip to the campaign list');
    await panel.keyboard.press('Enter');
    expect(await panel.evaluate(() => document.activeElement?.id)).toBe('workspace-content');
    await expectNoSeriousViolationInBothThemes('panel: empty campaign list and the new campaign form');
  });

  it('a new campaign in the Write tab, with its settings open', async () => {
    await panel.locator(byTestId('new-campaign-name')).fill('Winter outreach');
    await panel.locator(byTestId('new-campaign-create')).click();
    await visible(panel, byTestId('campaign-editor'));
    await expectNoSeriousViolationInBothThemes('panel: Write tab');
    // Every folded part of the editor (its settings, follow-ups) opened, as a person clicks their summaries.
    const folded = await panel.$$eval(`${byTestId('campaign-editor')} details:not([open]) > summary`, (summaries) => {
      for (const summary of summaries) (summary as HTMLElement).click();
      return summaries.length;
    });
    expect(folded, 'the editor folds its settings away').toBeGreaterThan(0);
    await panel.waitForFunction(() => document.querySelectorAll('[data-testid="campaign-editor"] details:not([open])').length === 0, { timeout: 5000 });
    await expectNoSeriousViolationInBothThemes('panel: Write tab, settings open');
  });

  it('the Recipients tab: the CSV check table, then the imported rows', async () => {
    await panel.locator(byTestId('campaign-tab-recipients')).click();
    const file = join(tempDir, 'people.csv');
    writeFileSync(file, CSV);
    const input = (await panel.waitForSelector(byTestId('csv-file'))) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
    await visible(panel, byTestId('csv-valid-count'));
    await expectNoSeriousViolationInBothThemes('panel: Recipients, CSV check');
    await panel.locator(byTestId('csv-upload')).click();
    await visible(panel, byTestId('recipient-row'));
    await expectNoSeriousViolationInBothThemes('panel: Recipients with rows');
  });

  it('the Launch tab preflight', async () => {
    await panel.locator(byTestId('campaign-tab-launch')).click();
    await visible(panel, byTestId('preflight'));
    await expectNoSeriousViolationInBothThemes('panel: Launch preflight');
  });

  it('the campaign list with rows', async () => {
    seededId = await campaignWithRecipients(
      backend.url,
      user,
      { name: 'Autumn news', subject: 'Hello {{first name}}', html: '<p>Hi {{first name}}, news from {{company}}.</p>', accountIds: [accountId], schedule: ALWAYS_OPEN },
      [
        { email: 'ann@example.com', fields: { 'first name': 'Ann', company: 'Acme' } },
        { email: 'bob@example.com', fields: { 'first name': 'Bob', company: 'Beta' } },
      ],
    );
    await panel.locator(byTestId('back-to-list')).click();
    await visible(panel, `[data-campaign-id="${seededId}"]`);
    await expectNoSeriousViolationInBothThemes('panel: campaign list with rows');
    await panel.locator(`[data-campaign-id="${seededId}"] ${byTestId('campaign-delete')}`).click();
    await visible(panel, `[data-campaign-id="${seededId}"] ${byTestId('campaign-delete-confirm')}`);
    await expectNoSeriousViolationInBothThemes('panel: campaign list, the question before deleting');
    // Leave the question unanswered: another section and back shows the list afresh.
    await panel.locator(byTestId('nav-accounts')).click();
    await panel.locator(byTestId('nav-campaigns')).click();
    await visible(panel, `[data-campaign-id="${seededId}"] ${byTestId('campaign-open')}`);
  });

  it('a campaign ready to go: its preview, then launched, its Launch and Analytics tabs', async () => {
    await panel.locator(`[data-campaign-id="${seededId}"] ${byTestId('campaign-open')}`).click();
    await visible(panel, byTestId('campaign-title'));
    await visible(panel, byTestId('preview-subject'));
    await expectNoSeriousViolationInBothThemes('panel: Write tab with the preview and the test form');

    // Issue 14: from the bottom of the editor to the subject took 48 Shift+Tabs. Now: Tab reaches
    // "Back to the top", Enter, and the subject is a few Tabs on.
    await panel.evaluate(() => {
      const screen = document.getElementById('workspace-content');
      const focusable = [...(screen?.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), input:not([disabled]), select, textarea, iframe, [tabindex="0"], [contenteditable="true"]') ?? [])];
      focusable.at(-1)?.focus();
    });
    await panel.keyboard.press('Tab');
    const backToTop = await panel.evaluate(() => {
      const active = document.activeElement;
      return { testId: active?.getAttribute('data-testid'), text: active?.textContent, width: active?.getBoundingClientRect().width ?? 0 };
    });
    expect(backToTop).toMatchObject({ testId: 'back-to-top', text: expect.stringMatching(/^Back to the top/) });
    expect(backToTop.width, 'the link is visible while it has focus').toBeGreaterThan(20);
    await panel.keyboard.press('Enter');
    let tabs = 0;
    while (tabs < 10 && (await panel.evaluate(() => document.activeElement?.getAttribute('data-testid'))) !== 'editor-subject') {
      await panel.keyboard.press('Tab');
      tabs++;
    }
    expect(tabs, 'Tabs from "Back to the top" to the subject').toBeLessThanOrEqual(5);
    await panel.locator(byTestId('campaign-tab-launch')).click();
    await visible(panel, byTestId('launch-button'));
    await panel.locator(byTestId('launch-button')).click();
    await visible(panel, byTestId('sending-progress'));
    await expectNoSeriousViolationInBothThemes('panel: launched campaign');
    await panel.locator(byTestId('campaign-tab-analytics')).click();
    await visible(panel, byTestId('headline-numbers'));
    await expectNoSeriousViolationInBothThemes('panel: Analytics');
  });

  it('the Gmail accounts screen', async () => {
    await panel.locator(byTestId('nav-accounts')).click();
    await visible(panel, byTestId('account-card'));
    await expectNoSeriousViolationInBothThemes('panel: Gmail accounts');
  });

  it('moves between the sections with the keyboard (arrows, Home, End)', async () => {
    await panel.focus(byTestId('nav-accounts'));
    await panel.keyboard.press('End');
    await visible(panel, byTestId('suppressions'));
    expect(await panel.evaluate(() => document.activeElement?.id)).toBe('nav-suppressions');
    await panel.keyboard.press('Home');
    await visible(panel, byTestId('campaign-list'));
    await panel.keyboard.press('ArrowLeft');
    await visible(panel, byTestId('suppressions'));
    expect(await panel.evaluate(() => document.activeElement?.getAttribute('aria-selected'))).toBe('true');
  });

  it('the suppression list, and its question before removing an address', async () => {
    await panel.locator(byTestId('nav-suppressions')).click();
    await visible(panel, byTestId('suppression-item'));
    await expectNoSeriousViolationInBothThemes('panel: Suppressions');
    await panel.locator(byTestId('suppression-remove')).click();
    await visible(panel, byTestId('suppression-confirm'));
    await expectNoSeriousViolationInBothThemes('panel: Suppressions, removal question');
  });
});

describe('accessibility: every dashboard page', () => {
  let page: Page;

  beforeAll(async () => {
    page = await chromium.browser.newPage();
    await page.setViewport(DASHBOARD_VIEWPORT);
  });

  it('the signed-out pages: sign-in, sign-up, privacy', async () => {
    for (const [path, name] of [['/login', 'sign in'], ['/signup', 'sign up'], ['/privacy', 'privacy']] as const) {
      await openDashboardPage(page, backend.url, path);
      await expectNoSeriousViolation(page, `dashboard: ${name}`);
    }
    // A form sent empty: the error summary and the fields' messages.
    for (const path of ['/login', '/signup']) {
      await openDashboardPage(page, backend.url, path);
      await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]').click()]);
      await visible(page, '.error-summary');
      await expectNoSeriousViolation(page, `dashboard: ${path} with errors`);
    }
  });

  it('the signed-in pages', async () => {
    await signInOnDashboard(page, backend.url, USER);
    const linkQuery = new URLSearchParams({ state: 'a'.repeat(43), extension: EXTENSION_ID });
    const pages = [
      ['/', 'home'],
      ['/account', 'account (profile, your data)'],
      ['/accounts', 'Gmail accounts'],
      ['/tokens', 'API tokens'],
      ['/campaigns', 'campaigns'],
      [`/campaigns/${seededId}`, 'a campaign'],
      [`/campaigns/${seededId}/delete`, 'delete a campaign'],
      ['/suppressions', 'suppressions'],
      ['/people', 'find a person'],
      [`/people?email=${encodeURIComponent('nobody@example.com')}`, 'find a person (nothing held)'],
      [`/people/erase?email=${encodeURIComponent('nobody@example.com')}`, 'erase a person (confirmation)'],
      ['/activity', 'activity log'],
      [`/extension/link?${linkQuery}`, 'link the extension'],
      ['/privacy', 'privacy (signed in)'],
    ] as const;
    for (const [path, name] of pages) {
      await openDashboardPage(page, backend.url, path);
      await expectNoSeriousViolation(page, `dashboard: ${name}`);
    }
  });
});

/**
 * Last, because they end the session: the signed-out screen (the token revoked on the dashboard),
 * then, on a new token, the offline banner (the backend stopped for good) and the in-panel
 * question before Sign out discards an edit that could not reach the server.
 */
describe('accessibility: the panel when the server refuses or is gone', () => {
  const dashboard = (path: string, method = 'GET', json?: unknown) =>
    fetch(`${backend.url}${path}`, {
      method,
      headers: { cookie: user.cookie, origin: backend.url, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      body: json === undefined ? undefined : JSON.stringify(json),
    });

  it('the "This device was signed out" screen', async () => {
    // The dashboard pages were opened in a tab in front: a background tab paints no frames.
    await panel.bringToFront();
    const { tokens } = (await (await dashboard('/api/tokens')).json()) as { tokens: { id: string }[] };
    for (const token of tokens) expect((await dashboard(`/api/tokens/${token.id}`, 'DELETE')).status).toBe(204);
    // The next request the panel makes meets the refusal.
    await panel.locator(byTestId('nav-campaigns')).click();
    await visible(panel, byTestId('link-again'));
    await expectNoSeriousViolationInBothThemes('panel: this device was signed out');
    // Nothing unsynced: it signs out without a question.
    await panel.locator(byTestId('use-another-server')).click();
    await visible(panel, byTestId('server-url'));
  });

  it('the offline banner, and the question before Sign out discards an unsynced edit', async () => {
    const created = (await (await dashboard('/api/tokens', 'POST', { name: 'e2e accessibility, again' })).json()) as { token: string };
    await connectSidePanel(panel, backend.url, created.token);
    await visible(panel, `[data-campaign-id="${seededId}"] ${byTestId('campaign-open')}`);

    await backend.stop();
    // A section that asks the server meets the outage; the saved campaign still opens from this device.
    await panel.locator(byTestId('nav-accounts')).click();
    await visible(panel, byTestId('connection-banner'));
    await panel.locator(byTestId('nav-campaigns')).click();
    await panel.locator(`[data-campaign-id="${seededId}"] ${byTestId('campaign-open')}`).click();
    await panel.locator(byTestId('editor-name')).fill('Autumn news, renamed offline');
    await panel.locator(byTestId('editor-save')).click();
    const pending = await visible(panel, byTestId('sync-pending'));
    expect(await pending.evaluate((node) => node.textContent)).toMatch(/^1 edit not synced/);
    await expectNoSeriousViolationInBothThemes('panel: offline, one edit not synced');

    await panel.locator(byTestId('sign-out')).click();
    const dialog = await visible(panel, `[role="alertdialog"]${byTestId('sign-out-dialog')}`);
    expect(await dialog.evaluate((node) => node.textContent)).toMatch(/^Sign out and discard 1 edit\?1 edit saved on this device has not reached the server yet/);
    // The choice that loses nothing has the focus.
    expect(await panel.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('sign-out-keep');
    await expectNoSeriousViolationInBothThemes('panel: the question before Sign out');
    await panel.keyboard.press('Escape');
    await panel.waitForSelector(byTestId('sign-out-dialog'), { hidden: true });
    await panel.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'sign-out');
    expect(await panel.$(byTestId('sync-pending'))).not.toBeNull();

    await panel.locator(byTestId('sign-out')).click();
    await panel.locator(byTestId('sign-out-confirm')).click();
    await visible(panel, byTestId('server-url'));
  });
});
