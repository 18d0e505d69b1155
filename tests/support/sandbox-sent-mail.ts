import PostalMime, { type Email } from 'postal-mime';
import * as z from 'zod';

/** Where the backend serves the Gmail sandbox (SANDBOX_PATH in backend/src/gmail-sandbox/mount-sandbox.ts). */
const SANDBOX_PATH = '/sandbox/google';

const mailboxMessagesSchema = z.array(z.object({ id: z.string(), labelIds: z.array(z.string()), raw: z.string() }));

/**
 * What `mailbox` has sent, read from the Gmail sandbox's control API
 * (backend/src/gmail-sandbox/control-routes.ts) on a backend that serves it, each message parsed.
 *
 * @example
 * const [first] = await sandboxSentMail(backend.url, 'sender@example.com');
 * first?.to?.[0]?.address; // 'ann@example.com'
 */
export async function sandboxSentMail(serverUrl: string, mailbox: string): Promise<Email[]> {
  const response = await fetch(`${serverUrl}${SANDBOX_PATH}/mailboxes/${encodeURIComponent(mailbox)}/messages`);
  if (!response.ok) throw new Error(`the sandbox answered ${response.status} for ${mailbox}: ${await response.text()}`);
  const messages = mailboxMessagesSchema.parse(await response.json());
  const sent = messages.filter((message) => message.labelIds.includes('SENT'));
  // The sandbox keeps Gmail's `raw`: base64url of the RFC 5322 message.
  return Promise.all(sent.map((message) => PostalMime.parse(Buffer.from(message.raw, 'base64url'))));
}
