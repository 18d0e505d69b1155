import * as z from 'zod';
import { bodyText } from './text';
import { subjectSchema } from './subject';
import { AB_METRICS, AB_TEST_PERCENT, AB_WAIT_HOURS, MAX_VARIANTS } from './variant-limits';

/**
 * A/B variants (issue 18). The first message and each follow-up may have 2 to 5 variants, each its
 * own subject and body; none (an empty list) is a step as before. Variant 0 ("A") is always the
 * step's own `subject` and `html`: when `variants` is given its first entry is written to them, and
 * a later edit of the subject or body alone edits variant A (backend/src/campaigns/campaign-service.ts).
 *
 * Recipients are split evenly and for good at launch (backend/src/variants/variant-split.ts): the job
 * of each step stores the variant its recipient gets. With `abTest` only a test share is split at
 * first; once it is sent and `waitHours` have passed, the variant with the best rate of `metric`
 * goes to the rest (backend/src/variants/pick-winner.ts), recorded in `abDecision`.
 */
export { AB_METRICS, MAX_VARIANTS, variantLetter } from './variant-limits';

const variantCount = <T>(list: T[]) => list.length !== 1;
const countMessage = { message: 'Give two variants or more (A and B), or none' };

/** A variant of the first message. */
export const variantSchema = z
  .object({ subject: subjectSchema(), html: bodyText().max(500_000, 'The body is over 500,000 characters') })
  .strict();
export type Variant = z.infer<typeof variantSchema>;

/** A variant of a follow-up: subject null, "Re: " + the subject this recipient's first message had, in its thread. */
export const followUpVariantSchema = z
  .object({ subject: subjectSchema().nullable().default(null), html: bodyText().min(1, 'Write this variant').max(500_000) })
  .strict();
export type FollowUpVariant = z.infer<typeof followUpVariantSchema>;

export const variantsSchema = z.array(variantSchema).max(MAX_VARIANTS, `At most ${MAX_VARIANTS} variants`).refine(variantCount, countMessage);
export const followUpVariantsSchema = z
  .array(followUpVariantSchema)
  .max(MAX_VARIANTS, `At most ${MAX_VARIANTS} variants`)
  .refine(variantCount, countMessage);

export const abMetricSchema = z.enum(AB_METRICS);
export type AbMetric = z.infer<typeof abMetricSchema>;

/** "Pick a winner" for the first message; null: every recipient split evenly. */
export const abTestSchema = z
  .object({
    metric: abMetricSchema.default('replies'),
    /** Share of the recipients (percent) split among the variants first. */
    testPercent: z.number().int('A whole percent').min(AB_TEST_PERCENT.min, `At least ${AB_TEST_PERCENT.min}%`).max(AB_TEST_PERCENT.max, `At most ${AB_TEST_PERCENT.max}%`).default(20),
    /** Hours after the last test message before the winner is picked. */
    waitHours: z.number().min(AB_WAIT_HOURS.min, 'Wait at least an hour').max(AB_WAIT_HOURS.max, 'At most 14 days').default(24),
  })
  .strict();
export type AbTest = z.output<typeof abTestSchema>;

/**
 * The decision, once made: `winner` (the variant's index) went to the rest; `tie` and `too-few`
 * (fewer than `minimumEvents` replies or clicks in the test) kept the split for the rest.
 */
export const AB_OUTCOMES = ['winner', 'tie', 'too-few'] as const;
export const abDecisionSchema = z.object({
  decidedAt: z.string(),
  metric: abMetricSchema,
  outcome: z.enum(AB_OUTCOMES),
  winner: z.number().int().nullable(),
  minimumEvents: z.number().int().nonnegative(),
  /**
   * Test figures per variant: messages sent, replies (or recipients who clicked as people), and their
   * rate (0–1) of `base`: the messages sent (replies) or of them the tracked ones (clicks). `base`
   * optional: a decision recorded before it was kept is of `sent`.
   */
  variants: z.array(
    z.object({ index: z.number().int(), sent: z.number().int(), events: z.number().int(), base: z.number().int().optional(), rate: z.number() }),
  ),
});
export type AbDecision = z.infer<typeof abDecisionSchema>;
