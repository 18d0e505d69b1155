import type { AbTest, FollowUpVariant, Variant } from '../../../../shared/schemas/variants';
import { AB_METRICS, AB_TEST_PERCENT, AB_WAIT_HOURS, MAX_VARIANTS } from './variant-limits';

/**
 * A/B variants as the editor holds them (issue 18). A step's variant A is its own subject and body
 * (shared/schemas/variants.ts), so the draft keeps only the others, B to E, here; `[]` is a step
 * without variants. A follow-up's subject '' is "Re: " and the first subject, as for the step itself.
 */
export interface VariantDraft {
  subject: string;
  html: string;
}

/** "Pick a winner", numbers as typed (a half-typed value is not lost); null: off. */
export interface AbTestDraft {
  metric: AbTest['metric'];
  testPercent: string;
  waitHours: string;
}

export const DEFAULT_AB_TEST: AbTestDraft = { metric: 'replies', testPercent: '20', waitHours: '24' };

/** The draft's others (B…) from a step's whole list as the server sends it (A first). */
export function otherVariants(variants: ReadonlyArray<{ subject: string | null; html: string }> | undefined): VariantDraft[] {
  return (variants ?? []).slice(1).map((variant) => ({ subject: variant.subject ?? '', html: variant.html }));
}

/** The first message's whole list for a PATCH: A (its subject and body) first, or [] with none. */
export function firstMessageVariants(subject: string, html: string, others: VariantDraft[]): Variant[] {
  return others.length === 0 ? [] : [{ subject, html }, ...others.map((variant) => ({ subject: variant.subject, html: variant.html }))];
}

/** A follow-up's whole list for a PATCH; an empty subject is null ("Re: …"). */
export function followUpVariants(subject: string, html: string, others: VariantDraft[]): FollowUpVariant[] {
  const one = (variant: VariantDraft) => ({ subject: variant.subject.trim() === '' ? null : variant.subject, html: variant.html });
  return others.length === 0 ? [] : [one({ subject, html }), ...others.map(one)];
}

/** Whether another variant may be added to a step that has `others` besides A. */
export function canAddVariant(others: readonly VariantDraft[]): boolean {
  return others.length + 1 < MAX_VARIANTS;
}

/** A variant that has text the user would lose by removing it (asked first). */
export function hasText(variant: VariantDraft): boolean {
  return variant.subject.trim() !== '' || variant.html.replace(/<[^>]*>/g, '').trim() !== '';
}

export function abTestDraft(abTest: AbTest | null | undefined): AbTestDraft | null {
  return abTest ? { metric: abTest.metric, testPercent: String(abTest.testPercent), waitHours: String(abTest.waitHours) } : null;
}

export type AbTestResult = { ok: true; abTest: AbTest | null } | { ok: false; message: string };

/** The draft's "Pick a winner" as the PATCH carries it, checked as the server checks it (shared/schemas/variants.ts). */
export function abTestFromDraft(draft: AbTestDraft | null, hasVariants: boolean): AbTestResult {
  // Without variants there is nothing to pick between: the setting goes with them.
  if (!draft || !hasVariants) return { ok: true, abTest: null };
  const percent = Number(draft.testPercent);
  if (draft.testPercent.trim() === '' || !Number.isInteger(percent) || percent < AB_TEST_PERCENT.min || percent > AB_TEST_PERCENT.max) {
    return { ok: false, message: `Pick a winner: test a whole percent from ${AB_TEST_PERCENT.min} to ${AB_TEST_PERCENT.max}` };
  }
  const hours = Number(draft.waitHours);
  if (draft.waitHours.trim() === '' || !Number.isFinite(hours) || hours < AB_WAIT_HOURS.min || hours > AB_WAIT_HOURS.max) {
    return { ok: false, message: `Pick a winner: wait from ${AB_WAIT_HOURS.min} to ${AB_WAIT_HOURS.max} hours (14 days)` };
  }
  const metric = AB_METRICS.includes(draft.metric) ? draft.metric : 'replies';
  return { ok: true, abTest: { metric, testPercent: percent, waitHours: hours } };
}

/** A step's text: its own subject and body (variant A) and its other variants. */
export interface StepText {
  subject: string;
  html: string;
  variants: VariantDraft[];
}

/** Variant `index` of a step (0: A, its own subject and body). */
export function variantOf(step: StepText, index: number): VariantDraft {
  return index === 0 ? { subject: step.subject, html: step.html } : (step.variants[index - 1] ?? { subject: '', html: '' });
}

/** The change that writes `change` into variant `index` of `step`. */
export function editVariant(step: StepText, index: number, change: Partial<VariantDraft>): Partial<StepText> {
  if (index === 0) return change;
  return { variants: step.variants.map((variant, other) => (other === index - 1 ? { ...variant, ...change } : variant)) };
}

/** A new last variant, starting as a copy of A, to be changed from there. */
export function addVariant(step: StepText): Partial<StepText> {
  return { variants: [...step.variants, { subject: step.subject, html: step.html }] };
}

/** Without variant `index`; removing A makes B the step's own subject and body. */
export function removeVariant(step: StepText, index: number): Partial<StepText> {
  const all = [variantOf(step, 0), ...step.variants].filter((_, other) => other !== index);
  const [first, ...rest] = all;
  return { subject: first?.subject ?? '', html: first?.html ?? '', variants: rest };
}
