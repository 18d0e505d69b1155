import { Hono } from 'hono';
import { DASHBOARD_CSS } from './dashboard-css';
import { DASHBOARD_JS } from './dashboard-js';

/** FNV-1a of the file text: a version that changes with the content, for cache-busting URLs. */
function contentVersion(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/** Pages link these URLs; the `?v=` changes whenever the file does, so browsers may cache for a year. */
export const ASSET_URLS = {
  css: `/assets/dashboard.css?v=${contentVersion(DASHBOARD_CSS)}`,
  js: `/assets/dashboard.js?v=${contentVersion(DASHBOARD_JS)}`,
} as const;

const CACHE_FOR_A_YEAR = 'public, max-age=31536000, immutable';

/** `/assets/*`: the stylesheet and script, from string constants (no file system on Workers). */
export function dashboardAssets() {
  const app = new Hono();
  const serve = (body: string, contentType: string) =>
    new Response(body, {
      headers: { 'content-type': contentType, 'cache-control': CACHE_FOR_A_YEAR, 'x-content-type-options': 'nosniff' },
    });
  app.get('/dashboard.css', () => serve(DASHBOARD_CSS, 'text/css; charset=utf-8'));
  app.get('/dashboard.js', () => serve(DASHBOARD_JS, 'text/javascript; charset=utf-8'));
  return app;
}
