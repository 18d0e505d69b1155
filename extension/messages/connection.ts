import * as z from 'zod';
import { messageErrorSchema } from './result';

/**
 * What the side panel may know about the connection: never the API token,
 * which stays in the background's IndexedDB.
 */
export const connectionStateSchema = z.discriminatedUnion('connected', [
  z
    .object({
      connected: z.literal(false),
      /**
       * Only in the answer to a sign-out whose API token the server could not revoke (it was out
       * of reach): says so, and where the user can revoke it by hand.
       */
      tokenNotRevoked: z.string().optional(),
      /** The server this browser was last connected to, kept past a sign-out for the next connect (never the token). */
      lastServerUrl: z.string().optional(),
    })
    .strict(),
  z
    .object({
      connected: z.literal(true),
      serverUrl: z.string(),
      email: z.string(),
    })
    .strict(),
]);
export type ConnectionState = z.infer<typeof connectionStateSchema>;

export const connectionGetSchema = z.object({ type: z.literal('connection/get') }).strict();

export const connectionConnectSchema = z
  .object({
    type: z.literal('connection/connect'),
    // Bounded so a runaway caller cannot make the background hold megabytes.
    serverUrl: z.string().max(2048),
    token: z.string().max(512),
  })
  .strict();

export const connectionDisconnectSchema = z.object({ type: z.literal('connection/disconnect') }).strict();

/**
 * "Link with my iConnect account" (issue 7): the background opens the dashboard's link page for
 * `serverUrl` and waits for the token there. The panel asks for the host permission first.
 */
export const connectionLinkStartSchema = z
  .object({ type: z.literal('connection/link-start'), serverUrl: z.string().max(2048) })
  .strict();
export const connectionLinkStatusSchema = z.object({ type: z.literal('connection/link-status') }).strict();
/** Stops waiting for the dashboard tab (the tab itself is left to the user). */
export const connectionLinkCancelSchema = z.object({ type: z.literal('connection/link-cancel') }).strict();

/** Where a link attempt stands, as the panel may see it: never the state or the token. */
export const linkStatusSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('idle') }).strict(),
  z.object({ phase: z.literal('waiting'), serverUrl: z.string(), expiresAt: z.number() }).strict(),
  z.object({ phase: z.literal('failed'), error: messageErrorSchema }).strict(),
]);
export type LinkStatus = z.infer<typeof linkStatusSchema>;

/**
 * Whether the last request to the server worked (issue 14): `online` only when it did; `unreachable`
 * when no answer came; `server-error` for a 5xx; `revoked` when the server refused the stored token
 * (sticky until the next connect or sign-out); `unknown` before any request since connecting.
 */
export const connectionHealthSchema = z
  .object({
    state: z.enum(['unknown', 'online', 'unreachable', 'server-error', 'revoked']),
    /** The server the state is about. */
    serverUrl: z.string().nullable(),
    /** ISO 8601: when this state began. */
    since: z.string().nullable(),
  })
  .strict();
export type ConnectionHealth = z.infer<typeof connectionHealthSchema>;

/** The health as the background last saw it. */
export const connectionHealthGetSchema = z.object({ type: z.literal('connection/health') }).strict();
/** Asks the server now (`GET /api/me` with the token) and answers the health that follows. */
export const connectionCheckSchema = z.object({ type: z.literal('connection/check') }).strict();

export const connectionLinkMessageSchemas = [connectionLinkStartSchema, connectionLinkStatusSchema, connectionLinkCancelSchema] as const;
