import * as z from 'zod';
import type { Result } from './result-envelope';

/**
 * Why a message failed, as a stable code the UI can switch on and a sentence
 * it can show as is.
 */
export const messageErrorSchema = z.object({
  code: z.enum([
    // The router's own refusals.
    'bad-request',
    'forbidden',
    'internal',
    // Connecting to a server.
    'invalid-url',
    'invalid-token',
    'unreachable',
    'unauthorized',
    'not-iconnect',
    'server-error',
    // Linking through the dashboard: the tab was closed first, or the 10 minutes ran out.
    'cancelled',
    'expired',
    // Talking to the API once connected (issue 7).
    'not-connected',
    'not-found',
    'conflict',
    /** 409 `/problems/version-conflict`: the campaign changed since the version the edit was made from. */
    'version-conflict',
    'invalid',
  ]),
  message: z.string(),
  /** Per-field messages from a problem+json `errors` list, for forms to show beside their inputs. */
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type MessageError = z.infer<typeof messageErrorSchema>;
export type MessageErrorCode = MessageError['code'];

/** Every answer from the background: a value, or an error the UI can show. */
export function resultSchema<V>(value: z.ZodType<V>): z.ZodType<Result<V>> {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: messageErrorSchema }),
  ]);
}

export type { Result } from './result-envelope';
export { err, isServerOutOfReach, ok } from './result-envelope';
