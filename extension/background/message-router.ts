import {
  err,
  messageSchema,
  type MessageOf,
  type MessageType,
  type ResponseValue,
  type Result,
} from '../messages';
import { isExtensionPage, type ExtensionIdentity, type SenderInfo } from './is-extension-page';

/**
 * Who may send a message. Required on every route, so exposing one to content
 * scripts is a visible decision in review.
 * - `extension-pages`: only our own pages (anything touching the account).
 * - `extension-contexts`: also our content scripts, which run inside web pages.
 */
export type Access = 'extension-pages' | 'extension-contexts';

export interface Route<T extends MessageType> {
  access: Access;
  handle(message: MessageOf<T>): Promise<Result<ResponseValue<T>>>;
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
export function createMessageRouter(options: RouterOptions) {
  const { routes, extension, onError } = options;

  return async function route(raw: unknown, sender: SenderInfo): Promise<Result<unknown>> {
    const parsed = messageSchema.safeParse(raw);
    if (!parsed.success) return err('bad-request', 'This message is not one iConnect understands.');
    const message = parsed.data;

    // TypeScript cannot correlate routes[type] with the narrowed message, hence the widening.
    const routeFor = routes[message.type] as Route<MessageType>;
    if (routeFor.access === 'extension-pages' && !isExtensionPage(sender, extension)) {
      return err('forbidden', 'This request is only accepted from the iConnect side panel.');
    }
    try {
      return await routeFor.handle(message);
    } catch (error) {
      onError(error, message.type);
      return err('internal', 'Something went wrong inside the extension. Please try again.');
    }
  };
}
