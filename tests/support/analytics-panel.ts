import type { Page } from 'puppeteer-core';

/**
 * Driving the side panel's Analytics tab (extension/sidepanel/analytics/) as a person does: press
 * its refresh button, read its numbers.
 */

/** Presses "refresh" and waits until the button is usable again (the numbers were asked for). */
export async function refreshAnalytics(page: Page): Promise<void> {
  await page.locator('[data-testid="analytics-refresh"]').click();
  await page.waitForSelector('[data-testid="analytics-refresh"]:not([disabled])', { timeout: 15_000 });
}

/**
 * The sums of each column of the timeline's table for screen readers, by column heading, e.g.
 * `{ Sent: 3, 'Opens (people)': 1 }`. Scoped to that table: the uPlot chart beside it has its own
 * legend `<table>`. Empty while the timeline shows no table ("No activity yet", or still loading).
 */
export function timelineTotals(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const table = document.querySelector('[data-testid="timeline-chart"] table[data-testid="timeline-table"]');
    if (!table) return {};
    const headings = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '');
    const totals: Record<string, number> = {};
    for (const row of table.querySelectorAll('tbody tr')) {
      row.querySelectorAll('td').forEach((cell, index) => {
        const heading = headings[index];
        const value = Number(cell.textContent);
        if (heading && index > 0 && Number.isFinite(value)) totals[heading] = (totals[heading] ?? 0) + value;
      });
    }
    return totals;
  });
}
