import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';

export type Download = { suggestedFilename: string; text: string };

/**
 * Lets the browser save downloads into `dir` and tells when each one is complete (the DevTools
 * protocol's Browser.setDownloadBehavior and its download events: a positive signal, no polling of
 * the folder). Files are saved under their download guid, so two with the same name never collide.
 *
 * @example
 * const downloads = await saveDownloadsIn(browser, dir);
 * const next = downloads.next();
 * await page.locator('[data-testid="recipients-export-csv"]').click();
 * const { suggestedFilename, text } = await next;
 */
export async function saveDownloadsIn(browser: Browser, dir: string): Promise<{ next(timeoutMs?: number): Promise<Download> }> {
  const session = await browser.target().createCDPSession();
  await session.send('Browser.setDownloadBehavior', { behavior: 'allowAndName', downloadPath: dir, eventsEnabled: true });
  const names = new Map<string, string>();
  const waiting: Array<(download: Download) => void> = [];
  session.on('Browser.downloadWillBegin', (event) => names.set(event.guid, event.suggestedFilename));
  session.on('Browser.downloadProgress', (event) => {
    if (event.state !== 'completed') return;
    const text = readFileSync(join(dir, event.guid), 'utf8');
    waiting.shift()?.({ suggestedFilename: names.get(event.guid) ?? '', text });
  });
  return {
    next(timeoutMs = 15_000) {
      return new Promise<Download>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no download completed within ${timeoutMs} ms`)), timeoutMs);
        waiting.push((download) => {
          clearTimeout(timer);
          resolve(download);
        });
      });
    },
  };
}
