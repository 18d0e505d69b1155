import type { Page } from 'puppeteer-core';

/**
 * Collects what a page got wrong into `problems`: uncaught exceptions and console errors (a CSP
 * violation is one). `pageerror` (CDP Runtime.exceptionThrown) also reports exceptions thrown in a
 * content script's isolated world; that world's console is not seen. Attach before `goto`.
 *
 * @example
 * const problems = collectProblems(page);
 * await page.goto(url);
 * expect(problems).toEqual([]);
 */
export function collectProblems(page: Page, problems: string[] = [], label?: string): string[] {
  const add = (text: string) => problems.push(label === undefined ? text : `${label}: ${text}`);
  page.on('pageerror', (error) => add(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') add(message.text());
  });
  return problems;
}
