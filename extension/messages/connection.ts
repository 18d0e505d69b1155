import { z } from 'zod';

/**
 * What the side panel may know about the connection: never the API token,
 * which stays in the background's IndexedDB.
 */
export const connectionStateSchema = z.discriminatedUnion('connected', [
  z.object({ connected: z.literal(false) }).strict(),
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
