import { join, resolve } from 'node:path';

/**
 * Where the e2e tests find the built extension and put their screenshots, and the extension's id.
 */

export const ROOT = resolve(import.meta.dirname, '../..');

/**
 * What `wxt build` writes (`node_modules/.bin/wxt build`, or `npm run build:ext`): under
 * `ICONNECT_EXT_OUT` when set (wxt.config.ts reads it too), so two checkouts' builds can live apart.
 */
export const EXTENSION_PATH = join(process.env.ICONNECT_EXT_OUT ?? join(ROOT, '.output'), 'chrome-mv3');

/** Derived from the manifest `key` in wxt.config.ts: the same on every machine. */
export const EXTENSION_ID = 'mjnpgoahphiokkmbakhebijcbljooiap';

/** The side panel's page; opened in a normal tab it has the full `chrome.*` APIs of the real panel. */
export const SIDE_PANEL_URL = `chrome-extension://${EXTENSION_ID}/sidepanel.html`;

/** Every screenshot a run takes. The best are copied by hand to {@link DOCS_SCREENSHOTS} (extension/README.md). */
export const SCREENSHOTS = join(ROOT, '.output/screenshots');

/** The screenshots the README shows. */
export const DOCS_SCREENSHOTS = join(ROOT, 'docs/screenshots');
