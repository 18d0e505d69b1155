import * as z from 'zod';
import { warmupSchema } from '../../shared/schemas/accounts';
import { resourceIdSchema, sourceSchema } from './campaigns';

export const accountMessageSchemas = [
  z.object({ type: z.literal('accounts/list'), source: sourceSchema }).strict(),
  /** One account with its domain's SPF, DKIM and DMARC, looked up by the server (`GET /api/accounts/:id`). */
  z.object({ type: z.literal('accounts/get'), id: resourceIdSchema }).strict(),
  /** Switches an account's warm-up on (with its figures) or off (null): `PATCH /api/accounts/:id`. */
  z.object({ type: z.literal('accounts/set-warmup'), id: resourceIdSchema, warmup: warmupSchema.nullable() }).strict(),
  /** Opens the dashboard's accounts page in a tab: Google's consent screen cannot run in the panel. */
  z.object({ type: z.literal('accounts/connect-gmail') }).strict(),
] as const;
