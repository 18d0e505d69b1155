import { Hono, type Context } from 'hono';
import PostalMime from 'postal-mime';
import { html, page, SANDBOX_CSP, type SafeHtml } from './html';
import { base64urlToBytes } from './ids';
import type { StoredMessage } from './mailbox-store';
import type { SandboxDeps } from './sandbox-deps';

/**
 * An HTML view of the sandbox for people: the mailboxes, and each mailbox like a mail client.
 * Message HTML is never put into the page: it goes into `<iframe sandbox srcdoc>` (no scripts,
 * unique origin), and the page's CSP (inherited by srcdoc frames) blocks remote images, so
 * viewing a campaign message does not fire its open-tracking pixel.
 */
export function viewerRoutes(deps: SandboxDeps) {
  const app = new Hono();
  const mailboxUrl = (address: string) => `${deps.basePath}/mailboxes/${encodeURIComponent(address)}`;

  app.use(async (c, next) => {
    await next();
    c.header('Content-Security-Policy', SANDBOX_CSP);
  });

  const index = async (c: Context) => {
    const mailboxes = await deps.mailboxes.listMailboxes();
    const rows = mailboxes.map(
      (m) => html`<tr><td><a href="${mailboxUrl(m.address)}">${m.address}</a></td><td>${m.messageCount}</td><td>${m.threadCount}</td>
<td>${m.historyId}</td><td>${m.perMinuteLimit}/min, ${m.dailyLimit}/day, ${deps.quota.unitsLastMinute(m.address, deps.clock.now())} of ${m.quotaUnitsPerMinute} units in the last minute</td></tr>`,
    );
    return c.html(
      page(
        'Gmail sandbox',
        html`<h1>Sandbox mailboxes</h1>
<div class="card">${
          mailboxes.length === 0
            ? html`<p>No mailbox yet. Connect a Gmail account from iConnect: the sandbox's consent page creates the mailbox.</p>`
            : html`<table><tr><th>Address</th><th>Messages</th><th>Threads</th><th>History id</th><th>Sending limits</th></tr>${rows}</table>`
        }</div>
<p class="meta">Machine-readable state: <a href="${deps.basePath}/state">${deps.basePath}/state</a></p>`,
      ),
    );
  };
  app.get('/', index);
  // Mounted with app.route('/sandbox/google', ...), Hono joins '/' to the bare prefix, so
  // '/sandbox/google/' (with the slash, as links and people type it) needs its own match.
  const mountPath = new URL(deps.basePath).pathname.replace(/\/+$/, '');
  app.get('/*', (c, next) => (c.req.path === `${mountPath}/` ? index(c) : next()));

  app.get('/mailboxes/:email', async (c) => {
    const address = c.req.param('email').toLowerCase();
    const mailbox = await deps.mailboxes.getMailbox(address);
    if (!mailbox) return c.html(page('Not found — Gmail sandbox', html`<h1>No sandbox mailbox ${address}</h1><p><a href="${deps.basePath}/">All mailboxes</a></p>`), 404);
    const messages = await deps.mailboxes.allMessages(address);
    const sections: SafeHtml[] = [];
    for (const [title, label] of [['Inbox', 'INBOX'], ['Sent', 'SENT']] as const) {
      sections.push(html`<h2 id="${label.toLowerCase()}">${title}</h2>${await threadList(messages, label)}`);
    }
    return c.html(
      page(
        `${address} — Gmail sandbox`,
        html`<p><a href="${deps.basePath}/">← All mailboxes</a></p><h1>${address}</h1>
<nav><a href="#inbox">Inbox</a><a href="#sent">Sent</a></nav>
<p class="meta">${messages.length} messages · history id ${mailbox.historyId} · limits ${mailbox.perMinuteLimit}/min, ${mailbox.dailyLimit}/day</p>
${sections}`,
      ),
    );
  });

  return app;
}

/** Threads with at least one message carrying `label`, newest activity first; whole threads shown. */
async function threadList(messages: StoredMessage[], label: string): Promise<SafeHtml> {
  const threads = new Map<string, StoredMessage[]>();
  for (const message of messages) threads.set(message.threadId, [...(threads.get(message.threadId) ?? []), message]);
  const shown = [...threads.values()]
    .filter((thread) => thread.some((m) => m.labelIds.includes(label)))
    .sort((a, b) => b.at(-1)!.internalDate - a.at(-1)!.internalDate);
  if (shown.length === 0) return html`<p class="meta">Nothing here.</p>`;
  const cards: SafeHtml[] = [];
  for (const thread of shown) {
    const items: SafeHtml[] = [];
    for (const message of thread) items.push(await messageView(message));
    cards.push(html`<div class="card"><strong>${thread[0]!.subject || '(no subject)'}</strong> <span class="meta">thread ${thread[0]!.threadId} · ${thread.length} message(s)</span>${items}</div>`);
  }
  return html`${cards}`;
}

async function messageView(message: StoredMessage): Promise<SafeHtml> {
  const email = await PostalMime.parse(base64urlToBytes(message.raw) ?? new Uint8Array());
  const to = (email.to ?? []).map((a) => (a.address ?? a.name)).join(', ');
  const from = email.from ? `${email.from.name ? `${email.from.name} ` : ''}<${email.from.address ?? ''}>` : '';
  const labels = message.labelIds.map((l) => html`<span class="label">${l}</span>`);
  const body = email.html
    ? html`<iframe sandbox title="Message body" srcdoc="${email.html}"></iframe>`
    : html`<pre>${email.text ?? ''}</pre>`;
  return html`<hr><div class="meta">From ${from} · To ${to} · ${new Date(message.internalDate).toISOString()} · id ${message.id} ${labels}</div>
<div><strong>${email.subject ?? ''}</strong></div>${body}`;
}
