import type { CampaignPatch, CampaignStatus, FollowUp } from '../../../shared/schemas/campaigns';

/**
 * What may change in each state. In draft, everything. Once launched, what has been sent must stay
 * what it was (subject, body, tracking, unsubscribe, senders); the name, the pace (schedule and
 * throttle) and the follow-ups that have not started yet may still change. Finished campaigns
 * keep only their name editable.
 */
const AFTER_LAUNCH = new Set(['name', 'schedule', 'throttle', 'followUps', 'version']);
const FINISHED = new Set(['name', 'version']);

export type EditRefusal = { field: string; message: string };

export function refusedEdits(
  status: CampaignStatus,
  patch: CampaignPatch,
  current: { followUps: FollowUp[]; startedSteps: number },
): EditRefusal[] {
  if (status === 'draft') return [];
  const allowed = status === 'completed' || status === 'cancelled' ? FINISHED : AFTER_LAUNCH;
  const refusals: EditRefusal[] = Object.keys(patch)
    .filter((field) => !allowed.has(field))
    .map((field) => ({ field, message: `Cannot change ${field} once the campaign is ${status}` }));
  if (patch.followUps && allowed.has('followUps')) {
    // Steps 1..startedSteps have begun sending: they must stay exactly as they were.
    for (let index = 0; index < current.startedSteps; index++) {
      const before = current.followUps[index];
      const after = patch.followUps[index];
      if (!before) continue;
      if (!after || JSON.stringify(normalise(after)) !== JSON.stringify(before)) {
        refusals.push({ field: `followUps.${index}`, message: `Follow-up ${index + 1} has started sending and cannot change` });
      }
    }
  }
  return refusals;
}

function normalise(step: CampaignPatch['followUps'] extends (infer T)[] | undefined ? T : never): FollowUp {
  return { delayHours: step.delayHours, subject: step.subject ?? null, html: step.html, condition: step.condition ?? 'no_reply' };
}
