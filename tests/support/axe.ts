import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';

/**
 * axe-core (the real engine, as in the browser's accessibility tools) run inside a page: WCAG 2.0
 * and 2.1 A and AA rules. Only serious and critical findings are returned: those are what issue 14
 * asks to be absent from every panel screen and dashboard page.
 */

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const RULE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

export type AxeFinding = { id: string; impact: string; help: string; helpUrl: string; targets: string[] };

/**
 * The serious and critical violations on `page` as it is now (inject once per document; a second
 * injection is harmless). Wait for the screen first: axe checks what is in the DOM at that moment.
 *
 * @example
 * await page.waitForSelector('h1');
 * expect(describeFindings('login', await axeFindings(page))).toBe('');
 */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  // Injected through the DevTools protocol, which the page's CSP does not govern (no inline script is added).
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: RawViolation[] }> } }).axe;
    type RawViolation = { id: string; impact: string | null; help: string; helpUrl: string; nodes: { target: unknown[] }[] };
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? 'unknown', help: v.help, helpUrl: v.helpUrl, targets: v.nodes.map((n) => n.target.map(String).join(' ')) }));
  }, RULE_TAGS);
  return violations.filter((v) => BLOCKING_IMPACTS.has(v.impact));
}

/** One line per finding ("screen: rule (impact) help: target, target"), '' when there is none: an assertion that explains itself. */
export function describeFindings(screen: string, findings: readonly AxeFinding[]): string {
  return findings.map((f) => `${screen}: ${f.id} (${f.impact}) ${f.help}: ${f.targets.slice(0, 5).join(', ')}${f.targets.length > 5 ? ` and ${f.targets.length - 5} more` : ''}`).join('\n');
}
