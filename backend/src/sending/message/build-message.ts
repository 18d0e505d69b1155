/**
 * One campaign message as RFC 5322 bytes for Gmail's `users.messages.send` (`raw`, base64url).
 * MIME is nodemailer's MailComposer: folded, encoded headers, CRLF, quoted-printable bodies and
 * lines under 998 octets (RFC 5322 §2.1.1).
 *
 * Link rewriting runs here, on the HTML already rendered for this recipient, not on the template:
 * the merge engine escapes every value (HTML text, attribute, or one percent-encoded URL
 * component), so a value can never add a tag, an attribute or a URL scheme; the links and their
 * order are the same for every recipient of a step, only the URL text a value fills in differs.
 * So index N means the same link across a step, and `links` holds the URL this recipient was
 * actually sent. The signature, the unsubscribe line and the pixel are added after rewriting and
 * are never rewritten.
 */

import { Buffer } from 'node:buffer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { checkEmailAddress } from '../../../../shared/lib/email-address';
import { stripLineBreaks } from '../../../../shared/merge';
import { htmlFooter, textFooter } from './footers';
import { insertAtBodyEnd, rewriteLinksAsync } from './html-links';
import { composerAttachments, type MessageAttachment } from './mime-attachments';

export type MessageInput = {
  /** The Gmail account (or its send-as alias); `name` may be ''. */
  readonly from: { readonly email: string; readonly name: string };
  /** One bare address; a test send may name up to five. */
  readonly to: string | readonly string[];
  /** Rendered for this recipient (merge context `subject`). */
  readonly subject: string;
  /** Rendered HTML body; '' sends a text-only message. */
  readonly html: string;
  /** Rendered text body. */
  readonly text: string;
  /** The account's signature (HTML); '' for none. Its text version goes in the text part. */
  readonly signatureHtml: string;
  /** Ours, fixed per job before the first attempt, e.g. `<cmp_12.345.0@host>`. */
  readonly messageId: string;
  /** Follow-ups: the previous step's Message-ID. */
  readonly inReplyTo?: string | undefined;
  /** Follow-ups: the thread's earlier Message-IDs, oldest first. */
  readonly references?: readonly string[] | undefined;
  /** From the injected clock. */
  readonly date: Date;
  /** One-click unsubscribe (RFC 8058) and the visible link; null sends neither. */
  readonly unsubscribe: { readonly url: string; readonly mailto?: string | undefined } | null;
  /** The sender's postal address (settings), printed in the footer beside the unsubscribe link (CAN-SPAM); null or absent: none. */
  readonly postalAddress?: string | null | undefined;
  readonly tracking: {
    /** The open pixel's URL; null when opens are not tracked. */
    readonly openPixelUrl: string | null;
    /**
     * Gives the tracked URL for the `index`-th http(s) link of the body (may be async, to sign a
     * click token for that index); null when clicks are not tracked.
     */
    readonly rewriteLink: ((url: string, index: number) => string | Promise<string>) | null;
  };
  /** Files the message carries (the campaign's, attachments/recipient-files.ts); absent or empty: none. */
  readonly attachments?: readonly MessageAttachment[] | undefined;
};

export type BuiltMessage = {
  /** base64url of the message bytes: Gmail's `messages.send` `raw`. */
  readonly raw: string;
  /** The same message as bytes: its size decides the send path (send-raw.ts), and the upload path sends them as they are. */
  readonly bytes: Uint8Array;
  readonly messageId: string;
  /** Each rewritten link's original URL; `links[i]` is the one given index `i`. Empty when clicks are not tracked. */
  readonly links: readonly string[];
};

// RFC 5322 §3.6.4 msg-id, kept to printable ASCII without angle brackets or spaces.
const MESSAGE_ID = /^<[!-;=?-~]+@[!-;=?-~]+>$/;
// A URL inside `<...>` of a List-Unsubscribe header: printable ASCII, no brackets.
const HEADER_URL = /^[!-;=?-~]+$/;

/**
 * Builds one message. Throws a TypeError when an address, Message-ID or URL is malformed (the
 * caller's data should have been validated before it got here).
 *
 * @example
 * const { raw, links } = await buildMessage({
 *   from: { email: 'ana@example.com', name: 'Ana' }, to: 'bo@example.org',
 *   subject, html, text, signatureHtml: '', messageId: '<cmp_3.41.0@iconnect.example>',
 *   date: clock.now(),
 *   unsubscribe: { url: `https://iconnect.example/u/${token}` },
 *   tracking: { openPixelUrl: null, rewriteLink: (url, i) => `https://iconnect.example/c/${tokenFor(i)}` },
 * });
 * await gmail.users.messages.send({ userId: 'me', requestBody: { raw } });
 */
export async function buildMessage(input: MessageInput): Promise<BuiltMessage> {
  const from = bareAddress(input.from.email, 'from');
  const to = (typeof input.to === 'string' ? [input.to] : input.to).map((address) => bareAddress(address, 'to'));
  if (to.length === 0) throw new TypeError('to: no address');
  const messageId = messageIdOf(input.messageId, 'messageId');
  const inReplyTo = input.inReplyTo === undefined ? undefined : messageIdOf(input.inReplyTo, 'inReplyTo');
  const references = (input.references ?? []).map((id) => messageIdOf(id, 'references'));

  const unsubscribeUrl = input.unsubscribe === null ? null : webUrl(input.unsubscribe.url, 'unsubscribe.url');
  const openPixelUrl = input.tracking.openPixelUrl === null ? null : webUrl(input.tracking.openPixelUrl, 'openPixelUrl');

  let html: string | undefined;
  let links: string[] = [];
  if (input.html !== '') {
    let body = crlf(input.html);
    if (input.tracking.rewriteLink !== null) ({ html: body, links } = await rewriteLinksAsync(body, input.tracking.rewriteLink));
    const footer = htmlFooter({ signatureHtml: input.signatureHtml, unsubscribeUrl, postalAddress: input.postalAddress, openPixelUrl });
    html = footer === '' ? body : insertAtBodyEnd(body, crlf(footer));
  }
  const text = crlf(input.text + textFooter({ signatureHtml: input.signatureHtml, unsubscribeUrl, postalAddress: input.postalAddress }));

  const headers: Record<string, string> = {};
  if (input.unsubscribe !== null && unsubscribeUrl !== null) {
    const mailto = input.unsubscribe.mailto === undefined ? null : mailtoUrl(input.unsubscribe.mailto);
    headers['List-Unsubscribe'] = `<${unsubscribeUrl}>` + (mailto === null ? '' : `, <${mailto}>`);
    // RFC 8058 §3.1: one-click needs an HTTPS URI; a plain-http URL (local development) gets the
    // classic header only.
    if (unsubscribeUrl.startsWith('https:')) headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }

  const composer = new MailComposer({
    // Names and the subject are single-line header text; MailComposer would otherwise encode a
    // CR/LF inside the encoded-word.
    from: { name: stripLineBreaks(input.from.name), address: from },
    to: to.map((address) => ({ name: '', address })),
    subject: stripLineBreaks(input.subject),
    date: input.date,
    messageId,
    inReplyTo,
    references: references.length > 0 ? references : undefined,
    headers,
    text,
    html,
    ...(input.attachments && input.attachments.length > 0 ? { attachments: composerAttachments(input.attachments) } : {}),
    newline: 'win',
    // Bodies are strings: never let a value make the composer read a file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
    xMailer: false,
    // Boundaries without the library's "NmP" fingerprint.
    boundaryPrefix: '--_ic',
    baseBoundary: randomHex(12),
  });
  const bytes = await composer.compile().build();
  let raw: string | undefined;
  return {
    // Made when read: a message sent through the upload endpoint never needs it (megabytes of base64).
    get raw() {
      return (raw ??= Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url'));
    },
    bytes,
    messageId,
    links,
  };
}

/** RFC 5322 §2.3: lines end in CRLF; a bare CR or LF is not allowed. */
function crlf(value: string): string {
  return value.replace(/\r\n|\r|\n/g, '\r\n');
}

function bareAddress(value: string, field: string): string {
  const check = checkEmailAddress(value);
  if (!check.ok || check.email !== value) throw new TypeError(`${field}: not a single bare email address`);
  return value;
}

function messageIdOf(value: string, field: string): string {
  if (!MESSAGE_ID.test(value)) throw new TypeError(`${field}: not a Message-ID of the form <id@host>`);
  return value;
}

/** An http(s) URL in its serialised form (spaces, quotes, brackets and line breaks percent-encoded or removed). */
function webUrl(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${field}: not a URL`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !HEADER_URL.test(url.href)) {
    throw new TypeError(`${field}: not an http(s) URL`);
  }
  return url.href;
}

function mailtoUrl(value: string): string {
  if (!/^mailto:/i.test(value) || !HEADER_URL.test(value)) throw new TypeError('unsubscribe.mailto: not a mailto: URL');
  return value;
}

function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}
