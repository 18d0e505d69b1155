import browser from 'webextension-polyfill';
import {
  err,
  responseSchema,
  type MessageInput,
  type MessageType,
  type ResponseValue,
  type Result,
} from '../messages';

/**
 * Sends a typed message to the background and checks the answer's shape, so
 * the UI only ever handles a `Result` it can render.
 */
export async function sendMessage<T extends MessageType>(message: MessageInput<T>): Promise<Result<ResponseValue<T>>> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage(message);
  } catch {
    return err('internal', 'The extension is not responding. Close and reopen the side panel.');
  }
  const parsed = responseSchema<T>(message.type as T).safeParse(raw);
  if (!parsed.success) return err('internal', 'The extension answered in an unexpected way. Close and reopen the side panel.');
  return parsed.data;
}
