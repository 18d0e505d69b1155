import { campaignPatchSchema, type CampaignPatch, type CampaignStatus } from './campaigns';

/** A field a PATCH may carry, `version` aside (it is the concurrency check, never an edit). */
export type CampaignField = Exclude<keyof CampaignPatch, 'version'>;

/** Every field of the PATCH schema, so a field added there is editable in draft without a second list. */
const EVERY_FIELD = Object.keys(campaignPatchSchema.shape).filter((field): field is CampaignField => field !== 'version');
/** What has been sent must stay what it was; the name, the pace and the follow-ups still ahead may change. */
const AFTER_LAUNCH: readonly CampaignField[] = ['name', 'schedule', 'throttle', 'followUps'];
const FINISHED: readonly CampaignField[] = ['name'];

/**
 * What may change in each state, the one rule the server enforces (backend/src/campaigns/editability.ts)
 * and the side panel's editor follows. In draft, everything. Once launched, what has been sent must
 * stay what it was (subject, body, tracking, unsubscribe, senders); the name, the pace (schedule and
 * throttle) and the follow-ups may still change, those that have started sending excepted (the server
 * checks that per step). Finished campaigns keep only their name editable.
 *
 * @example editableFields('paused').has('subject') // false
 */
export function editableFields(status: CampaignStatus): ReadonlySet<CampaignField> {
  if (status === 'draft') return new Set(EVERY_FIELD);
  if (status === 'completed' || status === 'cancelled') return new Set(FINISHED);
  return new Set(AFTER_LAUNCH);
}
