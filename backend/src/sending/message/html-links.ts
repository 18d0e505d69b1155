/**
 * Finds the links of an HTML body and where its `</body>` is, with htmlparser2's tokenizer (the
 * one html-to-text already uses): attributes are read as a browser reads them, so
 * `<a title=">" href=...>`, single, double and unquoted values, comments and `<script>`/`<style>`
 * bodies are handled, and entities in a value (`&amp;`) are decoded exactly once. Only the link
 * attributes we rewrite are touched; every other byte is copied.
 */

import { QuoteType, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { escapeHtml } from '../../../../shared/merge';

/** One `href` of an `<a>` or `<area>` tag: its source span (name through value) and decoded value. */
type HrefAttribute = { start: number; end: number; value: string };

type Scan = { hrefs: HrefAttribute[]; bodyEndAt: number | null };

const LINK_TAGS = new Set(['a', 'area']);

function scanHtml(html: string): Scan {
  const hrefs: HrefAttribute[] = [];
  let bodyEndAt: number | null = null;
  let htmlEndAt: number | null = null;

  let tagName = '';
  let tagHref: HrefAttribute | null = null;
  let attributeName = '';
  let attributeStart = 0;
  let value = '';

  const callbacks: TokenizerCallbacks = {
    onopentagname(start, end) {
      tagName = html.slice(start, end).toLowerCase();
      tagHref = null;
    },
    onattribname(start, end) {
      attributeName = html.slice(start, end).toLowerCase();
      attributeStart = start;
      value = '';
    },
    onattribdata(start, end) {
      value += html.slice(start, end);
    },
    onattribentity(codePoint) {
      value += String.fromCodePoint(codePoint);
    },
    onattribend(quote, end) {
      // A browser uses the first of duplicate attributes and ignores the rest.
      if (attributeName === 'href' && tagHref === null && LINK_TAGS.has(tagName) && quote !== QuoteType.NoValue) {
        tagHref = { start: attributeStart, end, value };
      }
    },
    onopentagend() {
      // Only a finished tag counts: a browser drops `<a href=...` cut off at the end of the input.
      if (tagHref !== null) hrefs.push(tagHref);
      tagHref = null;
    },
    onselfclosingtag() {
      if (tagHref !== null) hrefs.push(tagHref);
      tagHref = null;
    },
    onclosetag(start, end) {
      const name = html.slice(start, end).toLowerCase();
      if (name === 'body') bodyEndAt = start - 2; // the `</`
      else if (name === 'html') htmlEndAt = start - 2;
    },
    oncdata() {},
    oncomment() {},
    ondeclaration() {},
    onend() {},
    onprocessinginstruction() {},
    ontext() {},
    ontextentity() {},
  };
  const tokenizer = new Tokenizer({ xmlMode: false, decodeEntities: true }, callbacks);
  tokenizer.write(html);
  tokenizer.end();
  return { hrefs, bodyEndAt: bodyEndAt ?? htmlEndAt };
}

/**
 * The http(s) URL a browser would follow for this href value, or null for anything else
 * (`mailto:`, `tel:`, `javascript:`, `data:`, `#anchor`, relative, unparseable). Per the URL
 * Standard, leading and trailing C0 controls and spaces and any tab or newline are ignored,
 * which is also how `java\nscript:` stays a `javascript:` URL here.
 */
function httpUrlOf(value: string): string | null {
  const cleaned = value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  if (!/^https?:/i.test(cleaned)) return null;
  try {
    const url = new URL(cleaned);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export type RewrittenLinks = {
  html: string;
  /** The original URL of each rewritten link, in order: `links[i]` was given index `i`. */
  links: string[];
};

/** One http(s) link of a body: where its `href` sits and the URL a browser would open. */
type FoundLink = { href: HrefAttribute; url: string };

function findHttpLinks(html: string): FoundLink[] {
  const found: FoundLink[] = [];
  for (const href of scanHtml(html).hrefs) {
    const url = httpUrlOf(href.value);
    if (url !== null) found.push({ href, url });
  }
  return found;
}

function splice(html: string, found: readonly FoundLink[], replacements: readonly string[]): string {
  let out = '';
  let copiedTo = 0;
  for (const [i, { href }] of found.entries()) {
    out += html.slice(copiedTo, href.start) + `href="${escapeHtml(replacements[i] ?? '')}"`;
    copiedTo = href.end;
  }
  return out + html.slice(copiedTo);
}

/**
 * The http(s) links `rewriteLinks` would rewrite, in order (decoded, normalised): how many click
 * tokens a body needs.
 *
 * @example
 * findLinks('<a href="https://a.example/?x=1&amp;y=2">A</a> <a href="mailto:b@c.example">B</a>')
 * // ['https://a.example/?x=1&y=2']
 */
export function findLinks(html: string): string[] {
  return findHttpLinks(html).map((link) => link.url);
}

/**
 * The http(s) links of a step's template (merge tags not filled in), as the author wrote them, in the
 * order `rewriteLinks` numbers them once the template is rendered: what analytics shows for each link
 * instead of one recipient's merged URL. A merge value fills in text only (it is percent-encoded in a
 * URL), so it never adds or removes a link, and index N is the same link for every recipient; a tag
 * is read as a plain word to tell whether the address will be an http(s) one.
 *
 * @example
 * findLinksAsWritten('<a href="https://x.test/offer?c={{company}}&amp;s=1">Offer</a> <a href="mailto:a@b.c">Mail</a>')
 * // ['https://x.test/offer?c={{company}}&s=1']
 */
export function findLinksAsWritten(templateHtml: string): string[] {
  const written: string[] = [];
  for (const href of scanHtml(templateHtml).hrefs) {
    if (httpUrlOf(href.value.replace(/\{\{[^}]*\}\}/g, 'tag')) !== null) written.push(href.value.trim());
  }
  return written;
}

/**
 * Sends every http(s) `<a href>` / `<area href>` through `rewrite(url, index)`. The URL given to
 * `rewrite` and returned in `links` is the decoded, normalised URL a browser would open
 * (`&amp;` already `&`, `new URL(...).href`); the replacement is written back HTML-escaped as
 * `href="..."`. Links of any other scheme, anchors and relative links are left byte for byte.
 *
 * @example
 * rewriteLinks('<a href="https://a.example/?x=1&amp;y=2">A</a>', (url, i) => `https://t.example/c/${i}`)
 * // { html: '<a href="https://t.example/c/0">A</a>', links: ['https://a.example/?x=1&y=2'] }
 */
export function rewriteLinks(html: string, rewrite: (url: string, index: number) => string): RewrittenLinks {
  const found = findHttpLinks(html);
  const links = found.map((link) => link.url);
  return { html: splice(html, found, links.map(rewrite)), links };
}

/** `rewriteLinks` with a rewriter that may be async (e.g. signs a click token per index). */
export async function rewriteLinksAsync(
  html: string,
  rewrite: (url: string, index: number) => string | Promise<string>,
): Promise<RewrittenLinks> {
  const found = findHttpLinks(html);
  const links = found.map((link) => link.url);
  return { html: splice(html, found, await Promise.all(links.map(rewrite))), links };
}

/**
 * Inserts `fragment` before the document's `</body>` (or `</html>`), or appends it when the HTML
 * is a fragment, so footers land inside the body a client renders.
 */
export function insertAtBodyEnd(html: string, fragment: string): string {
  const { bodyEndAt } = scanHtml(html);
  return bodyEndAt === null ? html + fragment : html.slice(0, bodyEndAt) + fragment + html.slice(bodyEndAt);
}
