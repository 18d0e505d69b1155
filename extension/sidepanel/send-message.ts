import browser from 'webextension-polyfill';
import type { MessageInput, MessageType, ResponseValue } from '../messages';
import { err, isResultEnvelope, type Result } from '../messages/result-envelope';

/**
 * Sends a typed message to the background and checks that the answer is a `Result` envelope, so
 * the UI only ever handles a `Result` it can render.
 *
 * Why only the envelope and not the value: the edge is background <-> server, where the background
 * validates every server answer with the shared schemas; the router validates every message sent TO
 * the background. The panel and the background are the same extension, so re-parsing the value here
 * guarded nothing and cost the panel zod (about 30 KB gzipped of its 250 KB budget, issue 14).
 */
export async function sendMessage<T extends MessageType>(message: MessageInput<T>): Promise<Result<ResponseValue<T>>> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage(message);
  } catch {
    return err('internal', 'The extension is not responding. Close and reopen the side panel.');
  }
  if (!isResultEnvelope(raw)) return err('internal', 'The extension answered in an unexpected way. Close and reopen the side panel.');
  // The value's type is the router's promise (responseValueSchemas in messages/index.ts), checked there.
  return raw as Result<ResponseValue<T>>;
}
