import { editableFields } from '../../../shared/schemas/campaign-editability';
import type { CampaignPatch, CampaignStatus, StoredFollowUp } from '../../../shared/schemas/campaigns';

export type EditRefusal = { field: string; message: string };

/**
 * Why a PATCH may not apply in this status: a field the status does not allow (the rule the side
 * panel's editor follows too, shared/schemas/campaign-editability.ts), or a follow-up that has
 * started sending. Empty when the edit may go ahead.
 */
export function refusedEdits(
  status: CampaignStatus,
  patch: CampaignPatch,
  current: { followUps: StoredFollowUp[]; startedSteps: number },
): EditRefusal[] {
  if (status === 'draft') return [];
  const allowed: ReadonlySet<string> = editableFields(status);
  const refusals: EditRefusal[] = Object.keys(patch)
    .filter((field) => field !== 'version' && !allowed.has(field))
    .map((field) => ({ field, message: `Cannot change ${field} once the campaign is ${status}` }));
  if (patch.followUps && allowed.has('followUps')) {
    // Steps 1..startedSteps have begun sending: they must stay exactly as they were.
    for (let index = 0; index < current.startedSteps; index++) {
      const before = current.followUps[index];
      const after = patch.followUps[index];
      if (!before) continue;
      // Its variants too (issue 18): each was sent to some of its recipients.
      if (!after || JSON.stringify(normalise(after)) !== JSON.stringify(normalise(before))) {
        refusals.push({ field: `followUps.${index}`, message: `Follow-up ${index + 1} has started sending and cannot change` });
      }
    }
  }
  return refusals;
}

type PatchedFollowUp = CampaignPatch['followUps'] extends (infer T)[] | undefined ? T : never;

/** A step as sent or as stored (before variants: none), in one shape and member order to compare. */
function normalise(step: PatchedFollowUp | StoredFollowUp) {
  const variants = (step.variants ?? []).map((variant) => ({ subject: variant.subject ?? null, html: variant.html }));
  return { delayHours: step.delayHours, subject: step.subject ?? null, html: step.html, condition: step.condition ?? 'no_reply', variants };
}
