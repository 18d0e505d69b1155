/**
 * The side panel's first paint from the cache (issue 7; its weight is bench/panel-bundle-size.ts):
 * with a 10,000-recipient campaign in the background's cache and the server unreachable, the
 *    time from opening the panel to the campaign in the list, and from a click to its screen.
 *
 *   npm run build:ext && node_modules/.bin/tsx bench/extension-panel.ts [runs=5]
 */
import { join, resolve } from 'node:path';
import { extensionServiceWorker, launchChromium } from '../tests/support/chromium';

const ROOT = resolve(import.meta.dirname, '..');
const OUTPUT = join(ROOT, '.output/chrome-mv3');
const RUNS = Number(process.argv[2] ?? 5);
const EXTENSION_ID = 'mjnpgoahphiokkmbakhebijcbljooiap';

// Time to show a cached campaign.
const campaign = {
  id: 'cmp_bench',
  name: 'Ten thousand',
  subject: 'Hello {{ first name }}',
  html: '<p>Hi</p>',
  text: null,
  accountIds: [],
  schedule: { startAt: null, timezone: 'UTC', days: [1, 2, 3, 4, 5], window: { start: '09:00', end: '17:00' } },
  throttle: {},
  tracking: { opens: true, clicks: true },
  unsubscribe: true,
  followUps: [],
  status: 'sending',
  statusReason: null,
  fields: ['first name', 'company'],
  counts: { total: 10_000, pending: 6_000, sent: 3_500, replied: 400, bounced: 60, unsubscribed: 40, failed: 0 },
  version: 4,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  launchedAt: '2026-01-01T09:00:00.000Z',
};

const chromium = await launchChromium({ extensionPath: OUTPUT });
try {
  await extensionServiceWorker(chromium.browser);
  // A first visit makes the background open (and create) its database; our pages share its origin,
  // so this one can seed it. Port 9 (discard) refuses at once: the panel must draw from the cache.
  const seeder = await chromium.browser.newPage();
  await seeder.goto(`chrome-extension://${EXTENSION_ID}/sidepanel.html`);
  await seeder.waitForSelector('[data-testid="connect"]');
  await seeder.evaluate(
    (row) =>
      new Promise<void>((done, fail) => {
        const open = indexedDB.open('iconnect');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['connection', 'campaigns'], 'readwrite');
          tx.objectStore('connection').put({
            id: 'current',
            serverUrl: 'http://127.0.0.1:9',
            token: 'ick_bench',
            userId: 'usr_bench',
            email: 'bench@example.com',
            connectedAt: '2026-01-01T00:00:00.000Z',
          });
          tx.objectStore('campaigns').put({ id: row.id, updatedAt: row.updatedAt, campaign: row, fetchedAt: '2026-01-02T00:00:00.000Z' });
          tx.oncomplete = () => {
            db.close();
            done();
          };
          tx.onerror = () => fail(tx.error);
        };
      }),
    campaign,
  );
  await seeder.close();

  const listTimes: number[] = [];
  const screenTimes: number[] = [];
  const loadTimes: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const page = await chromium.browser.newPage();
    await page.setViewport({ width: 360, height: 720 });
    // Records, inside the page, when the row first exists (ms since navigation start).
    await page.evaluateOnNewDocument(() => {
      const observer = new MutationObserver(() => {
        if (document.querySelector('[data-testid="campaign-row"]')) {
          observer.disconnect();
          (window as unknown as { rowAt: number }).rowAt = performance.now();
        }
      });
      document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true }));
    });
    await page.goto(`chrome-extension://${EXTENSION_ID}/sidepanel.html`);
    await page.waitForSelector('[data-testid="campaign-row"]');
    const timing = await page.evaluate(() => ({
      rowAt: (window as unknown as { rowAt: number }).rowAt,
      scriptsDone: performance.getEntriesByType('navigation')[0] instanceof PerformanceNavigationTiming
        ? (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd
        : 0,
    }));
    listTimes.push(timing.rowAt);
    loadTimes.push(timing.scriptsDone);
    // A person reads the list for a moment before clicking; the panel fetches the screen's code meanwhile.
    await new Promise((done) => setTimeout(done, 1000));
    // Timed inside the page (click to the title in the DOM), without the DevTools round trips.
    screenTimes.push(
      await page.evaluate(
        () =>
          new Promise<number>((done) => {
            const start = performance.now();
            const observer = new MutationObserver(() => {
              if (document.querySelector('[data-testid="campaign-title"]')) {
                observer.disconnect();
                done(performance.now() - start);
              }
            });
            observer.observe(document.body, { childList: true, subtree: true });
            document.querySelector<HTMLButtonElement>('[data-testid="campaign-open"]')?.click();
          }),
      ),
    );
    await page.close();
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(`Open panel → cached 10,000-recipient campaign in the list: median ${median(listTimes).toFixed(0)} ms after navigation start over ${RUNS} runs (${listTimes.map((t) => t.toFixed(0)).join(', ')})`);
  console.log(`  of which loading and running the scripts (DOMContentLoaded): median ${median(loadTimes).toFixed(0)} ms`);
  console.log(`Click → its screen from the cache: median ${median(screenTimes).toFixed(0)} ms (${screenTimes.map((t) => t.toFixed(0)).join(', ')})`);
} finally {
  await chromium.close();
}
