/** Where the backend serves the Gmail sandbox (SANDBOX_PATH in backend/src/gmail-sandbox/mount-sandbox.ts). */
const SANDBOX_PATH = '/sandbox/google';

/**
 * Delivers a message into a sandbox mailbox through its control API (backend/src/gmail-sandbox/
 * control-routes.ts), as Gmail would receive it: a reply (`In-Reply-To` one of our Message-IDs), an
 * automatic reply (`Auto-Submitted`), or a bounce (from mailer-daemon, with `X-Failed-Recipients`).
 * The backend finds it at its next mailbox check (once a minute per account).
 *
 * @example
 * await deliverToMailbox(backend.url, 'sender@example.com', { From: 'ann@example.com', Subject: 'Re: Hi', 'In-Reply-To': sent.messageId }, 'Thanks!');
 */
export async function deliverToMailbox(serverUrl: string, mailbox: string, headers: Record<string, string>, body: string): Promise<void> {
  const lines = Object.entries({ To: mailbox, ...headers }).map(([name, value]) => `${name}: ${value}`);
  const raw = Buffer.from([...lines, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n')).toString('base64url');
  const response = await fetch(`${serverUrl}${SANDBOX_PATH}/mailboxes/${encodeURIComponent(mailbox)}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ raw }),
  });
  if (response.status !== 201) throw new Error(`the sandbox answered ${response.status}: ${await response.text()}`);
}
