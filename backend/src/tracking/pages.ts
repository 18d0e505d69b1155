import type { Context } from 'hono';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { encodeBase64url } from '../lib/base64';

/**
 * The pages a recipient sees: plain, readable without images or scripts, nothing loaded from
 * elsewhere. The only style is the inline sheet below, allowed by its hash, so the CSP can stay
 * `default-src 'none'` (no dashboard asset path or login involved).
 */
const STYLE = `body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1f2328;background:#f6f8fa;margin:0}
main{max-width:32rem;margin:4rem auto;padding:2rem;background:#fff;border:1px solid #d0d7de;border-radius:8px}
h1{font-size:1.4rem;line-height:1.3;margin:0 0 1rem}
p{margin:0 0 1rem}
.address{font-weight:600;word-break:break-all}
button{font:inherit;font-weight:600;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#1f6feb;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #0969da;outline-offset:2px}`;

let styleSource: Promise<string> | undefined;

/** `'sha256-…'` of the inline style, computed once (WebCrypto is async on both runtimes). */
function styleHash(): Promise<string> {
  styleSource ??= crypto.subtle.digest('SHA-256', new TextEncoder().encode(STYLE)).then((digest) => {
    const base64 = encodeBase64url(new Uint8Array(digest)).replace(/-/g, '+').replace(/_/g, '/');
    return `'sha256-${base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')}'`;
  });
  return styleSource;
}

export type Sender = { email: string; name: string } | null;

/** "Ada Sender" when the account has a name, else its address. */
function senderLabel(sender: Sender): string {
  if (!sender) return 'this sender';
  return sender.name.trim() || sender.email;
}

/** "Ada Sender (ada@gmail.com)", or the address alone. */
function senderFull(sender: Sender): string {
  if (!sender) return 'this sender';
  const name = sender.name.trim();
  return name ? `${name} (${sender.email})` : sender.email;
}

/** GET /u/:token: asks, changes nothing (link scanners fetch every link of a message). */
export function unsubscribeQuestion(sender: Sender, address: string) {
  return layout(
    `Unsubscribe from ${senderLabel(sender)}'s emails?`,
    html`<h1>Unsubscribe from ${senderLabel(sender)}'s emails?</h1>
<p><span class="address">${address}</span> will be removed from the mailing list of ${senderFull(sender)} and will receive no more of these emails.</p>
<form method="post"><button type="submit" name="confirm" value="yes">Unsubscribe</button></form>`,
  );
}

/** After the POST, and on GET once already unsubscribed. */
export function unsubscribeDone(sender: Sender, address: string) {
  return layout(
    'You are unsubscribed',
    html`<h1>You are unsubscribed</h1>
<p><span class="address">${address}</span> will receive no more emails from ${senderFull(sender)}.</p>
<p>You can close this page.</p>`,
  );
}

/** A forged, altered or out-of-date tracking or unsubscribe link. Never says which. */
export function linkNotValid() {
  return layout(
    'This link is not valid',
    html`<h1>This link is not valid</h1>
<p>The link may have been cut short or changed when it was copied. Try opening it again from the email.</p>`,
  );
}

function layout(title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>) {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>${raw(STYLE)}</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

/**
 * Answers a page with headers as strict as the dashboard's. The token is in the URL, so the page
 * must not leak it: no referrer, no cache, no framing.
 */
export async function sendPage(
  c: Context,
  page: HtmlEscapedString | Promise<HtmlEscapedString>,
  status: ContentfulStatusCode = 200,
): Promise<Response> {
  c.header(
    'Content-Security-Policy',
    `default-src 'none'; style-src ${await styleHash()}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  );
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store');
  c.header('X-Robots-Tag', 'noindex');
  c.header('Cross-Origin-Resource-Policy', 'same-origin');
  return c.html(await page, status);
}
