import * as z from 'zod';
import { resourceIdSchema, sourceSchema } from './campaigns';

export const accountMessageSchemas = [
  z.object({ type: z.literal('accounts/list'), source: sourceSchema }).strict(),
  /** One account with its domain's SPF, DKIM and DMARC, looked up by the server (`GET /api/accounts/:id`). */
  z.object({ type: z.literal('accounts/get'), id: resourceIdSchema }).strict(),
  /** Opens the dashboard's accounts page in a tab: Google's consent screen cannot run in the panel. */
  z.object({ type: z.literal('accounts/connect-gmail') }).strict(),
] as const;
