import type { Page } from 'puppeteer-core';
import { waitForTestIdText } from './side-panel';

/**
 * The panel's recipients screen (Recipients tab) as a person uses it: the rows shown, the search
 * box, the state filter, and the count a filtered list shows once every matching row is loaded.
 */

/** The rows on screen (the table is virtual: only those near the view), address and state, in order. */
export async function shownRecipientRows(page: Page): Promise<Array<{ email: string; state: string }>> {
  return page.$$eval('[data-testid="recipient-row"]', (rows) =>
    rows.map((row) => {
      const cells = [...row.querySelectorAll('[role="cell"]')].map((cell) => cell.textContent ?? '');
      return { email: cells[0] ?? '', state: cells.at(-1) ?? '' };
    }),
  );
}

/** Types a search and presses Enter; an empty one is erased as a person would (select all, Backspace). */
export async function searchRecipients(page: Page, text: string): Promise<void> {
  const box = '[data-testid="recipient-search-input"]';
  await page.click(box, { count: 3 });
  await page.keyboard.press('Backspace');
  if (text) await page.type(box, text);
  await page.keyboard.press('Enter');
}

/** Picks a state in the filter (`''` for every state; `pending` is shown as "Waiting"). */
export async function filterRecipientsByState(page: Page, value: string): Promise<void> {
  await page.select('[data-testid="recipient-state-filter"]', value);
}

/** Waits for the filtered list's count ("3 recipients match"); on a timeout, says what the screen showed instead. */
export async function waitForRecipientMatches(page: Page, expected: string): Promise<void> {
  try {
    await waitForTestIdText(page, 'recipients-matches', expected);
  } catch (error) {
    const shown = await page.evaluate(() => document.querySelector('[data-testid="recipients-matches"]')?.textContent ?? '(no count on screen)');
    throw new Error(`expected "${expected}", the screen says "${shown}" with rows ${JSON.stringify(await shownRecipientRows(page))}: ${String(error)}`);
  }
}
