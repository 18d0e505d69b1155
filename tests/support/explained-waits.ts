import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { SCREENSHOTS } from './extension-paths';
import { waitForTestIdText } from './side-panel';

/**
 * Waits on a panel page that explain themselves when they time out: what the screen shows (alerts,
 * status lines, headings) goes into the error, and a screenshot `<name>-failure.png` is saved.
 *
 * @example const { el, waitText } = explainedWaits(() => page, 'list-hygiene')
 */
export function explainedWaits(page: () => Page, name: string) {
  async function onScreen(): Promise<string> {
    const texts = await page().$$eval('[role="alert"], [role="status"], h1, h2, h3', (nodes) => nodes.map((node) => node.textContent ?? ''));
    await page().screenshot({ path: join(SCREENSHOTS, `${name}-failure.png`), fullPage: true });
    return ` On screen: ${texts.join(' | ')}`;
  }

  async function el(selector: string): Promise<ElementHandle<Element>> {
    try {
      const handle = await page().waitForSelector(selector, { visible: true, timeout: 15_000 });
      if (!handle) throw new Error('not found');
      return handle;
    } catch (error) {
      throw new Error(`${selector} did not appear: ${String(error)}.${await onScreen()}`);
    }
  }

  /** waitForTestIdText, saying what the element reads instead when it times out. */
  async function waitText(testId: string, expected: RegExp | string): Promise<void> {
    try {
      await waitForTestIdText(page(), testId, expected);
    } catch (error) {
      const text = await page().$eval(`[data-testid="${testId}"]`, (node) => node.textContent).catch(() => '(absent)');
      throw new Error(`[data-testid="${testId}"] never read ${String(expected)} (it reads: ${text}).${await onScreen()}`, { cause: error });
    }
  }

  return { onScreen, el, waitText };
}
