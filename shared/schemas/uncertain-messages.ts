import * as z from 'zod';

/**
 * A message whose earlier attempt may have reached Gmail from an account that cannot read its
 * mailbox ends 'uncertain' (backend/src/sending/deliver-job.ts) and asks the user to check the Sent
 * folder: these are how they answer. `POST /api/campaigns/:id/messages/:jobId/resolve`
 * (backend/src/campaigns/uncertain-messages.ts); the campaign's progress lists the messages waiting.
 */

/**
 * `was-sent`: the user found it in Sent (recorded as sent, its follow-ups queued); `send-again`: not
 * there (queued now, no mailbox check, it may go twice if it was there after all); `skip`: never sent.
 */
export const UNCERTAIN_OUTCOMES = ['was-sent', 'send-again', 'skip'] as const;
export type UncertainOutcome = (typeof UNCERTAIN_OUTCOMES)[number];

export const resolveUncertainSchema = z
  .object({ outcome: z.enum(UNCERTAIN_OUTCOMES, { error: 'Use was-sent, send-again or skip' }) })
  .strict();
export type ResolveUncertain = z.infer<typeof resolveUncertainSchema>;

/** The reason a message skipped this way shows (progress, recipient list). */
export const SKIPPED_AFTER_UNCERTAIN = 'Skipped by you after an uncertain attempt';

/** What the message became. */
export const resolvedMessageSchema = z.object({
  jobId: z.number().int(),
  status: z.enum(['sent', 'queued', 'skipped']),
});
export type ResolvedMessage = z.infer<typeof resolvedMessageSchema>;

/** One message waiting for the user's answer (progress `uncertainMessages`, oldest first). */
export const uncertainMessageSchema = z.object({
  jobId: z.number().int(),
  recipient: z.string(),
  step: z.number().int(),
  reason: z.string(),
});
export type UncertainMessage = z.infer<typeof uncertainMessageSchema>;

/** The most the progress lists; `jobs.uncertain` counts them all (the rest come as these are settled). */
export const UNCERTAIN_LISTED = 20;
