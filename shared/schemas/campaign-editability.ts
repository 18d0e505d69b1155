import type { CampaignPatch, CampaignStatus } from './campaigns';

/** A field a PATCH may carry, `version` aside (it is the concurrency check, never an edit). */
export type CampaignField = Exclude<keyof CampaignPatch, 'version'>;

/**
 * Every field of the PATCH schema. Written out rather than read from the schema so the side panel can
 * use this rule without loading zod (its JavaScript budget, issue 14); {@link EveryFieldListed} fails
 * to compile when a field is added to the schema and not here, and the test holds the two equal.
 */
export const EVERY_FIELD = ['name', 'subject', 'html', 'text', 'accountIds', 'schedule', 'throttle', 'tracking', 'unsubscribe', 'followUps', 'attachmentField', 'variants', 'abTest'] as const satisfies readonly CampaignField[];
type EveryFieldListed = Exclude<CampaignField, (typeof EVERY_FIELD)[number]> extends never ? true : never;
const everyFieldListed: EveryFieldListed = true;
void everyFieldListed;
/**
 * What has been sent must stay what it was; the name, the pace and the follow-ups still ahead may change.
 * The first message's A/B variants and test (issue 18) are its subject and body: locked with them.
 */
const AFTER_LAUNCH: readonly CampaignField[] = ['name', 'schedule', 'throttle', 'followUps'];
const FINISHED: readonly CampaignField[] = ['name'];

/**
 * What may change in each state, the one rule the server enforces (backend/src/campaigns/editability.ts)
 * and the side panel's editor follows. In draft, everything. Once launched, what has been sent must
 * stay what it was (subject, body and their A/B variants and test, tracking, unsubscribe, senders); the
 * name, the pace (schedule and throttle) and the follow-ups (their variants with them) may still change,
 * those that have started sending excepted (the server checks that per step). Finished campaigns keep only their name editable.
 *
 * @example editableFields('paused').has('subject') // false
 */
export function editableFields(status: CampaignStatus): ReadonlySet<CampaignField> {
  if (status === 'draft') return new Set(EVERY_FIELD);
  if (status === 'completed' || status === 'cancelled') return new Set(FINISHED);
  return new Set(AFTER_LAUNCH);
}
