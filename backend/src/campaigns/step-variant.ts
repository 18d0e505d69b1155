import type { CampaignRow } from './campaign-store';
import { followUpSubject } from './follow-up-subject';

type Campaign = Pick<CampaignRow, 'subject' | 'html' | 'text' | 'variants' | 'followUps'>;

/** The templates one A/B variant of one step renders, as the engine sends it (backend/src/sending/deliver-job.ts). */
export type StepVariantTemplates = { subject: string; html: string; text: string | null };

export type StepVariant =
  | { ok: true; templates: StepVariantTemplates; variantCount: number }
  | { ok: false; problem: 'no-step' }
  | { ok: false; problem: 'no-variant'; variantCount: number };

/**
 * Step `step` (0: the first message, N: follow-up N), variant `variant` (0: "A", the step's own
 * subject and body), for the preview and the test send. `variantCount` is 1 for a step without
 * variants (it has only A). Variant A of the first message keeps its own text; the other variants'
 * text comes from their HTML. A follow-up without its own subject is "Re: " + `firstSubject`, the
 * subject of the first-message variant this recipient gets (default: the campaign's subject).
 */
export function stepVariant(campaign: Campaign, step: number, variant: number, firstSubject = campaign.subject): StepVariant {
  const followUp = step === 0 ? null : campaign.followUps[step - 1];
  if (followUp === undefined) return { ok: false, problem: 'no-step' };
  if (followUp === null) {
    const variantCount = Math.max(1, campaign.variants.length);
    if (variant >= variantCount) return { ok: false, problem: 'no-variant', variantCount };
    const chosen = variant === 0 ? undefined : campaign.variants[variant];
    const templates = chosen ? { subject: chosen.subject, html: chosen.html, text: null } : { subject: campaign.subject, html: campaign.html, text: campaign.text };
    return { ok: true, templates, variantCount };
  }
  const variants = followUp.variants ?? [];
  const variantCount = Math.max(1, variants.length);
  if (variant >= variantCount) return { ok: false, problem: 'no-variant', variantCount };
  const own = variants[variant] ?? followUp;
  return { ok: true, templates: { subject: followUpSubject(firstSubject, own.subject), html: own.html, text: null }, variantCount };
}

/** The subject of the first-message variant `variant` (null: the step has none, or not decided yet: variant A's). */
export function firstMessageSubject(campaign: Pick<CampaignRow, 'subject' | 'variants'>, variant: number | null): string {
  return (variant === null ? undefined : campaign.variants[variant]?.subject) ?? campaign.subject;
}

/** "no variant 3: the step has 2 (A and B)", as a field error on `variant`. */
export function variantFieldMessage(variantCount: number): string {
  return variantCount <= 1 ? 'This step has no A/B variants: use 0 (A)' : `This step has ${variantCount} variants: use 0 (A) to ${variantCount - 1}`;
}
