import type { ExtensionIdentity, SenderInfo } from './is-extension-page';

/** Gmail's one origin: the content script's `matches` is `https://mail.google.com/*`, nothing wider. */
export const GMAIL_ORIGIN = 'https://mail.google.com';

/** The parts of Chrome's `runtime.MessageSender` that say which tab and frame a message came from. */
export interface TabSenderInfo extends SenderInfo {
  /** Chrome 80+: the frame's security origin (webextension-polyfill's types do not list it yet). */
  origin?: string;
  tab?: { id?: number; windowId?: number };
  frameId?: number;
}

/**
 * True only for our content script in the top frame of a Gmail tab. A message from a page's
 * context is as trustworthy as that page, so the tab, the frame and the origin must all be Gmail's:
 * no other site, no iframe inside Gmail, no extension page pretending to be a tab.
 *
 * @example
 * isGmailTab({ id, url: 'https://mail.google.com/mail/u/0/', origin: 'https://mail.google.com', tab: { id: 4 }, frameId: 0 }, extension) // true
 */
export function isGmailTab(sender: TabSenderInfo, extension: ExtensionIdentity): boolean {
  if (sender.id !== extension.id) return false;
  if (typeof sender.tab?.id !== 'number' || sender.frameId !== 0) return false;
  // `origin` is what the browser enforces; `url` is checked too, as older senders lack `origin`.
  if (sender.origin !== undefined && sender.origin !== GMAIL_ORIGIN) return false;
  return typeof sender.url === 'string' && originOf(sender.url) === GMAIL_ORIGIN;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
