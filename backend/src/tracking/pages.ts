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
button:focus-visible{outline:3px solid #0969da;outline-offset:2px}
h2{font-size:1.1rem;line-height:1.3;margin:2rem 0 .5rem}
button.secondary{background:#fff;color:#1f2328;border:1px solid #8c959f}`;

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

/** Where the "stop tracking" button posts (relative to the page); null: the address already opted out. */
export type TrackingOffer = { action: string } | null;

/** GET /u/:token: asks, changes nothing (link scanners fetch every link of a message). */
export function unsubscribeQuestion(sender: Sender, address: string, offer: TrackingOffer) {
  return layout(
    `Unsubscribe from ${senderLabel(sender)}'s emails?`,
    html`<h1>Unsubscribe from ${senderLabel(sender)}'s emails?</h1>
<p><span class="address">${address}</span> will be removed from the mailing list of ${senderFull(sender)} and will receive no more of these emails.</p>
<form method="post"><button type="submit" name="confirm" value="yes">Unsubscribe</button></form>
${stopTrackingSection(sender, offer, `Keep receiving these emails, but stop ${senderLabel(sender)} from recording when you open them or click their links.`)}`,
  );
}

/** After the POST, and on GET once already unsubscribed. */
export function unsubscribeDone(sender: Sender, address: string, offer: TrackingOffer) {
  return layout(
    'You are unsubscribed',
    html`<h1>You are unsubscribed</h1>
<p><span class="address">${address}</span> will receive no more emails from ${senderFull(sender)}.</p>
${stopTrackingSection(sender, offer, `You can also stop ${senderLabel(sender)} from recording when you open the emails you already received or click their links.`)}
<p>You can close this page.</p>`,
  );
}

/** The offer to stop tracking, or what is already true. */
function stopTrackingSection(sender: Sender, offer: TrackingOffer, explanation: string) {
  if (offer === null) {
    return html`<p>Your opens and clicks are not tracked: you asked ${senderLabel(sender)} to stop tracking them.</p>`;
  }
  return html`<h2>Stop tracking my opens and clicks</h2>
<p>${explanation}</p>
<form method="post" action="${offer.action}"><button type="submit" class="secondary" name="confirm" value="yes">Stop tracking my opens and clicks</button></form>`;
}

/** After "Stop tracking my opens and clicks"; `unsubscribed`: the address is on the sender's suppression list too. */
export function trackingStopped(sender: Sender, address: string, unsubscribed: boolean) {
  return layout(
    'Your opens and clicks are no longer tracked',
    html`<h1>Your opens and clicks are no longer tracked</h1>
<p>${sender ? senderFull(sender) : 'This sender'} will not track <span class="address">${address}</span> again: from now on their emails to you carry no tracking image and their links go straight to where they point.</p>
<p>Opens and clicks of the emails you already received are no longer recorded.${unsubscribed ? '' : ' You are still on the mailing list; to leave it, use the unsubscribe link in any of their emails.'}</p>
<p>You can close this page.</p>`,
  );
}

/** An old link of a person the sender erased at their request: nothing of theirs is left to change. */
export function addressErased(sender: Sender) {
  return layout(
    'You are not on this list',
    html`<h1>You are not on this list</h1>
<p>Your address was erased from the lists of ${sender ? senderFull(sender) : 'this sender'} at your request. You will receive no more of these emails, and your opens and clicks are not recorded.</p>
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
