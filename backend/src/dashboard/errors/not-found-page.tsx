/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import { pageHeaders } from '../middleware/page-headers';
import { renderPage } from '../lib/render-page';
import { ErrorPage } from './error-page';

/**
 * A person who follows a broken link sees a page, not problem+json. Used by the app's not-found
 * handler for browser navigations outside `/api`; it applies the dashboard's security headers itself
 * because no page route (and so no `pageHeaders` middleware) matched.
 */
export async function htmlNotFound(c: Context): Promise<Response> {
  await pageHeaders(c, async () => {
    c.res = await renderPage(
      c,
      <ErrorPage title="Page not found" detail="There is no page at this address." user={undefined} path={c.req.path} />,
      404,
    );
  });
  return c.res;
}

/** A browser navigation (it asks for HTML) to something that is not the API. */
export function wantsHtmlPage(c: Context): boolean {
  return !c.req.path.startsWith('/api/') && (c.req.header('accept') ?? '').includes('text/html');
}
