import type { Browser, Page } from 'puppeteer-core';
import { launchWithExtension, type ExtensionBrowser } from './extension-browser';
import { SIDE_PANEL_URL } from './extension-paths';
import { collectProblems } from './page-problems';

/** About the width of Chrome's side panel. */
const PANEL_WIDTH = 360;

/**
 * The side panel's page in a normal tab, sized like the panel. `problems`, when given, collects the
 * page's errors from its first load on (see collectProblems).
 */
export async function openSidePanelTab(browser: Browser, options: { height?: number; problems?: string[] } = {}): Promise<Page> {
  const page = await browser.newPage();
  if (options.problems) collectProblems(page, options.problems);
  await page.setViewport({ width: PANEL_WIDTH, height: options.height ?? 640 });
  await page.goto(SIDE_PANEL_URL);
  return page;
}

/**
 * The real side panel Chrome opened after a user gesture (the toolbar icon, the Gmail button). It
 * is a target without a tab: `target.page()` is null, `asPage()` reaches it (NOTES-TOOLING).
 */
export async function openedSidePanel(browser: Browser): Promise<Page> {
  const target = await browser.waitForTarget((t) => t.url() === SIDE_PANEL_URL, { timeout: 10_000 });
  return target.asPage();
}

/**
 * What most panel e2e files start from: Chromium with the extension, the side panel in a tab
 * (its errors into `problems`) and connected to `serverUrl` with `token`. A failure after Chromium
 * started closes it, so no browser outlives a set-up that did not finish.
 */
export async function connectedSidePanel(
  serverUrl: string,
  token: string,
  options: { height: number; problems: string[] },
): Promise<{ chromium: ExtensionBrowser; page: Page }> {
  const chromium = await launchWithExtension();
  try {
    const page = await openSidePanelTab(chromium.browser, options);
    await connectSidePanel(page, serverUrl, token);
    return { chromium, page };
  } catch (error) {
    await chromium.close();
    throw error;
  }
}

/** Fills the connect form, then presses Connect, or Enter in the token field as a keyboard user would. */
export async function connectSidePanel(page: Page, serverUrl: string, token: string, submit: 'click' | 'enter' = 'click'): Promise<void> {
  await page.locator('[data-testid="server-url"]').fill(serverUrl);
  await page.locator('[data-testid="api-token"]').fill(token);
  if (submit === 'enter') await page.keyboard.press('Enter');
  else await page.locator('[data-testid="connect"]').click();
}

/** Waits until the text of `[data-testid=testId]` matches `expected` (a string must match all of it). */
export async function waitForTestIdText(page: Page, testId: string, expected: RegExp | string, timeout = 15_000): Promise<void> {
  const source = typeof expected === 'string' ? `^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` : expected.source;
  await page.waitForFunction(
    (selector, pattern) => new RegExp(pattern).test(document.querySelector(selector)?.textContent ?? ''),
    { timeout, polling: 100 },
    `[data-testid="${testId}"]`,
    source,
  );
}
