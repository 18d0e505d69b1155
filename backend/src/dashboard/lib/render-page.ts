import type { Context } from 'hono';
import { html } from 'hono/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSX } from 'hono/jsx/jsx-runtime';

/**
 * Answers a full HTML page. Security and cache headers come from the `pageHeaders` middleware every
 * page route starts with; this only adds the doctype (which JSX cannot express).
 */
export function renderPage(c: Context, page: JSX.Element, status: ContentfulStatusCode = 200, headers?: Record<string, string>) {
  return c.html(html`<!doctype html>${page}`, status, headers);
}
