import * as z from 'zod';
import { gmailAccountSchema } from '../../shared/schemas/accounts';
import { campaignStatsSchema, timelineSchema } from '../../shared/schemas/analytics';
import { attachmentListSchema, attachmentSchema } from '../../shared/schemas/attachments';
import { campaignSchema } from '../../shared/schemas/campaigns';
import { preflightSchema, previewSchema, skipHygieneResultSchema, testSendResultSchema } from '../../shared/schemas/launch';
import { importResultSchema, recipientPageSchema } from '../../shared/schemas/recipients';
import { suppressionListSchema, suppressionSchema } from '../../shared/schemas/suppressions';
import { accountMessageSchemas } from './accounts';
import { attachmentMessageSchemas } from './attachments';
import { campaignMessageSchemas } from './campaigns';
import { composeCampaignsSchema, composeExportResultSchema, composeMessageSchemas } from './compose';
import {
  connectionCheckSchema,
  connectionConnectSchema,
  connectionHealthGetSchema,
  connectionHealthSchema,
  connectionLinkMessageSchemas,
  connectionDisconnectSchema,
  connectionGetSchema,
  connectionStateSchema,
  linkStatusSchema,
} from './connection';
import { recipientMessageSchemas } from './recipients';
import { suppressionMessageSchemas } from './suppressions';
import { resultSchema, type Result } from './result';
import { patchResultSchema, syncMessageSchemas, syncStatusSchema } from './sync';

/**
 * Every message the background answers. A message that does not parse against
 * this union is refused before any handler sees it.
 */
export const messageSchema = z.discriminatedUnion('type', [
  connectionGetSchema,
  connectionConnectSchema,
  connectionDisconnectSchema,
  connectionHealthGetSchema,
  connectionCheckSchema,
  ...connectionLinkMessageSchemas,
  ...campaignMessageSchemas,
  ...recipientMessageSchemas,
  ...suppressionMessageSchemas,
  ...attachmentMessageSchemas,
  ...accountMessageSchemas,
  ...composeMessageSchemas,
  ...syncMessageSchemas,
]);
/** A message as handlers get it: parsed, defaults filled in. */
export type Message = z.infer<typeof messageSchema>;
export type MessageType = Message['type'];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;
/** A message as a page writes it: fields with defaults may be left out. */
export type MessageInput<T extends MessageType> = Extract<z.input<typeof messageSchema>, { type: T }>;

/** A read that may come from the cache: `fetchedAt` is when the server last answered it (null: never). */
const cached = <T extends z.ZodType>(value: T) => z.object({ value, fetchedAt: z.string().nullable() });

/** Checked by the panel on every answer: validate at the edge, even our own background's. */
const responseValueSchemas = {
  'connection/get': connectionStateSchema,
  'connection/connect': connectionStateSchema,
  'connection/disconnect': connectionStateSchema,
  'connection/health': connectionHealthSchema,
  'connection/check': connectionHealthSchema,
  'connection/link-start': linkStatusSchema,
  'connection/link-status': linkStatusSchema,
  'connection/link-cancel': linkStatusSchema,
  'campaigns/list': cached(z.array(campaignSchema)),
  'campaigns/get': cached(campaignSchema.nullable()),
  'campaigns/create': campaignSchema,
  'campaigns/patch': patchResultSchema,
  'campaigns/duplicate': campaignSchema,
  'campaigns/delete': z.object({ id: z.string() }),
  'campaigns/preview': previewSchema,
  'campaigns/preflight': preflightSchema,
  'campaigns/launch': campaignSchema,
  'campaigns/control': campaignSchema,
  'campaigns/resolve-message': campaignSchema,
  'campaigns/test-send': testSendResultSchema,
  'campaigns/stats': cached(campaignStatsSchema.nullable()),
  'campaigns/timeline': timelineSchema,
  /** `cachedAt`: the rows come from this device's cache (the server could not be reached), as of then. */
  'recipients/list': recipientPageSchema.extend({ cachedAt: z.string().nullable() }),
  'recipients/import': importResultSchema,
  'recipients/add': importResultSchema,
  'recipients/export-csv': z.object({ filename: z.string(), csv: z.string() }),
  'recipients/skip-hygiene': skipHygieneResultSchema,
  'attachments/list': attachmentListSchema,
  /** `received`: bytes the background holds so far; `attachment`: the server's answer, once the last piece is in. */
  'attachments/upload': z.object({ received: z.number(), attachment: attachmentSchema.nullable() }),
  'attachments/remove': z.object({ id: z.string() }),
  'suppressions/list': suppressionListSchema,
  'suppressions/add': suppressionSchema,
  'suppressions/remove': z.object({ email: z.string() }),
  'accounts/list': cached(z.array(gmailAccountSchema)),
  'accounts/connect-gmail': z.object({ url: z.string() }),
  'accounts/get': gmailAccountSchema,
  'accounts/set-warmup': gmailAccountSchema,
  'compose/campaigns': composeCampaignsSchema,
  'compose/export': composeExportResultSchema,
  'sync/status': syncStatusSchema,
  'sync/now': syncStatusSchema,
  'sync/resolve': syncStatusSchema,
} satisfies { [T in MessageType]: z.ZodType };

/** The value each message answers with, wrapped by the router in a `Result`. */
export type ResponseValues = { [T in MessageType]: z.output<(typeof responseValueSchemas)[T]> };
export type ResponseValue<T extends MessageType> = ResponseValues[T];

export function responseSchema<T extends MessageType>(type: T): z.ZodType<Result<ResponseValue<T>>> {
  // TypeScript cannot correlate the indexed schema with T; the map's `satisfies` keeps them in step.
  return resultSchema<ResponseValue<T>>(responseValueSchemas[type] as unknown as z.ZodType<ResponseValue<T>>);
}

export { connectionHealthSchema, connectionStateSchema, type ConnectionHealth, type ConnectionState, type LinkStatus } from './connection';
export { err, ok, type MessageError, type MessageErrorCode, type Result } from './result';
