import * as z from 'zod';
import { sourceSchema } from './campaigns';

export const accountMessageSchemas = [
  z.object({ type: z.literal('accounts/list'), source: sourceSchema }).strict(),
  /** Opens the dashboard's accounts page in a tab: Google's consent screen cannot run in the panel. */
  z.object({ type: z.literal('accounts/connect-gmail') }).strict(),
] as const;
