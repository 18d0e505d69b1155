import * as z from 'zod';

/**
 * The audit log (backend/src/audit/): what was done in a user's account and by whom,
 * `GET /api/audit?cursor=` newest first. Never a secret, a message body or a person's address.
 */
export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'auth.password_changed',
  'auth.email_changed',
  'token.created',
  'token.revoked',
  'account.connected',
  'account.reconnected',
  'account.disconnected',
  'account.settings_changed',
  'settings.changed',
  'campaign.created',
  'campaign.deleted',
  'campaign.launched',
  'campaign.paused',
  'campaign.resumed',
  'campaign.cancelled',
  /** An uncertain message settled by the user (detail: jobId, outcome). */
  'campaign.message_resolved',
  'recipients.imported',
  'recipients.import_taken_back',
  'data.exported',
  'person.viewed',
  'person.erased',
  'retention.applied',
  'user.deleted',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditEntrySchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  /** 'dashboard' (a signed-in browser), 'token' (`tokenId`: which API token), 'system' (scheduled work), 'anonymous' (not signed in). */
  actor: z.enum(['dashboard', 'token', 'system', 'anonymous']),
  tokenId: z.string().nullable(),
  /** The token's name when it still exists. */
  tokenName: z.string().nullable().optional(),
  action: z.string(),
  subject: z.string().nullable(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
  ipAddress: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.object({
  /** The `nextCursor` of the page before; absent: the newest entries. */
  cursor: z.string().regex(/^\d{1,15}$/, 'Use the nextCursor of the page before').optional(),
  limit: z.string().regex(/^\d{1,3}$/, 'A number from 1 to 200').transform(Number).refine((n) => n >= 1 && n <= 200, 'A number from 1 to 200').optional(),
});

export const auditPageSchema = z.object({ entries: z.array(auditEntrySchema), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof auditPageSchema>;
