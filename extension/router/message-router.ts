import {
  err,
  messageSchema,
  type MessageOf,
  type MessageType,
  type ResponseValue,
  type Result,
} from '../messages';
import { isExtensionPage, type ExtensionIdentity } from './is-extension-page';
import { refusal } from './refusal';
import { isGmailTab, type TabSenderInfo } from './is-gmail-tab';

/**
 * Who may send a message. Required on every route, so exposing one to content
 * scripts is a visible decision in review.
 * - `extension-pages`: only our own pages (anything touching the account).
 * - `gmail-content-script`: also our content script in the top frame of a
 *   `https://mail.google.com` tab (the compose-window button). Such a page may be
 *   hostile, so these routes take only narrow, validated messages and answer little.
 */
export type Access = 'extension-pages' | 'gmail-content-script';

/** What a handler may know about the sender: the Gmail tab it came from, if any. */
export interface MessageContext {
  /** Set only for messages from our Gmail content script. */
  tab?: { id: number; windowId?: number };
}

export interface Route<T extends MessageType> {
  access: Access;
  /**
   * Runs in the same turn as the `onMessage` event, up to its first `await`: anything that needs
   * the click's user gesture (`chrome.sidePanel.open`) must be started before awaiting. The router
   * always passes `context`; it is optional so handlers that do not need it can be called without.
   */
  handle(message: MessageOf<T>, context?: MessageContext): Promise<Result<ResponseValue<T>>>;
}

export type Routes = { [T in MessageType]: Route<T> };

export interface RouterOptions {
  routes: Routes;
  extension: ExtensionIdentity;
  /** Where unexpected handler failures are reported; the sender only gets a generic error. */
  onError(error: unknown, message: MessageType): void;
}

/**
 * A `runtime.onMessage` listener (webextension-polyfill style: the returned
 * promise is the response). Parses every message against the typed union,
 * checks the sender's right to send it, then runs the handler.
 *
 * @example
 * browser.runtime.onMessage.addListener(createMessageRouter({ routes, extension, onError }));
 */
/** Every message type the background answers, to tell a malformed message of ours from junk. */
const KNOWN_TYPES: ReadonlySet<string> = new Set(messageSchema.options.map((option) => option.shape.type.value));

export function createMessageRouter(options: RouterOptions) {
  const { routes, extension, onError } = options;

  return async function route(raw: unknown, sender: TabSenderInfo): Promise<Result<unknown>> {
    const parsed = messageSchema.safeParse(raw);
    if (!parsed.success) return refusal(raw, parsed.error, KNOWN_TYPES);
    const message = parsed.data;

    // TypeScript cannot correlate routes[type] with the narrowed message, hence the widening.
    const routeFor = routes[message.type] as Route<MessageType>;
    const context = contextFor(routeFor.access, sender, extension);
    if (!context) {
      return err('forbidden', 'This request is only accepted from the iConnect side panel.');
    }
    try {
      // No await before handle(): it must start in the event's turn (see Route.handle).
      return await routeFor.handle(message, context);
    } catch (error) {
      onError(error, message.type);
      return err('internal', 'Something went wrong inside the extension. Please try again.');
    }
  };
}

/** The context a sender gets for a route of this access level, or null when it may not use it. */
function contextFor(access: Access, sender: TabSenderInfo, extension: ExtensionIdentity): MessageContext | null {
  if (isExtensionPage(sender, extension)) return {};
  if (access === 'gmail-content-script' && isGmailTab(sender, extension) && sender.tab?.id !== undefined) {
    return { tab: { id: sender.tab.id, windowId: sender.tab.windowId } };
  }
  return null;
}
