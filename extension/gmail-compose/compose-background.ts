import type * as z from 'zod';
import {
  composeCampaignsSchema,
  composeExportResultSchema,
  type ComposeCampaignChoice,
  type ComposeDraft,
  type ComposeExportResult,
  type ComposeTarget,
} from '../messages/compose';
import { err, resultSchema, type Result } from '../messages/result';

/** What the compose button may ask the background: the two `compose/*` messages, nothing else. */
export interface ComposeBackground {
  campaigns(): Promise<Result<{ campaigns: ComposeCampaignChoice[] }>>;
  /** Must be called in the click's event handler, before any await (the side panel needs the gesture). */
  exportDraft(draft: ComposeDraft, target: ComposeTarget): Promise<Result<ComposeExportResult>>;
}

/** `browser.runtime.sendMessage`, taken as an argument so the flow can be tested without a browser. */
export type SendMessage = (message: unknown) => Promise<unknown>;

/**
 * The content script's side of the `compose/*` messages. It holds no token and knows no server:
 * it sends a draft, and checks every answer's shape before showing anything from it.
 *
 * @example
 * const background = composeBackground((message) => browser.runtime.sendMessage(message));
 * const answer = await background.exportDraft({ subject: 'Hi', html: '<p>Hi</p>' }, { kind: 'new' });
 */
export function composeBackground(sendMessage: SendMessage): ComposeBackground {
  async function request<V>(message: unknown, schema: z.ZodType<V>): Promise<Result<V>> {
    let raw: unknown;
    try {
      raw = await sendMessage(message);
    } catch {
      // "Extension context invalidated": the extension was updated or reloaded since Gmail was opened.
      return err('internal', 'iConnect was updated or restarted. Reload Gmail to use the button again.');
    }
    const parsed = resultSchema(schema).safeParse(raw);
    return parsed.success ? parsed.data : err('internal', 'iConnect answered in an unexpected way. Reload Gmail and try again.');
  }

  return {
    campaigns: () => request({ type: 'compose/campaigns' }, composeCampaignsSchema),
    exportDraft: (draft, target) => request({ type: 'compose/export', draft, target }, composeExportResultSchema),
  };
}
