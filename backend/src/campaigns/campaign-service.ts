import { and, eq, inArray, sql } from 'drizzle-orm';
import type * as z from 'zod';
import type { campaignInputSchema, campaignPatchSchema, Schedule } from '../../../shared/schemas/campaigns';
import { scheduleSchema } from '../../../shared/schemas/campaigns';
import { normaliseFieldName } from '../../../shared/merge';
import type { AppDeps } from '../deps';
import { campaigns, gmailAccounts, sendJobs } from '../db/schema';
import { ProblemError } from '../http/problem';
import { newId } from '../lib/random';
import { defaultSchedule, zoneAfterAccountChange } from './campaign-defaults';
import { updateCampaign, type CampaignRow } from './campaign-store';
import { refusedEdits } from './editability';

type Deps = Pick<AppDeps, 'db' | 'clock'>;
type CampaignInput = z.output<typeof campaignInputSchema>;
type CampaignPatch = z.output<typeof campaignPatchSchema>;

export async function createCampaign(deps: Deps, userId: string, input: CampaignInput): Promise<CampaignRow> {
  const accounts = await ownedAccounts(deps, userId, input.accountIds);
  const now = deps.clock.now();
  const row: CampaignRow = {
    id: newId('cmp'),
    userId,
    name: input.name,
    subject: input.subject,
    html: input.html,
    text: input.text,
    accountIds: input.accountIds,
    schedule: zoneFieldChecked(completeSchedule(input.schedule, defaultSchedule(accounts[0]?.timezone ?? 'UTC')), []),
    throttle: input.throttle,
    trackOpens: input.tracking.opens,
    trackClicks: input.tracking.clicks,
    trackingConsentField: input.tracking.consentField,
    unsubscribe: input.unsubscribe,
    followUps: input.followUps,
    attachmentField: importedField(input.attachmentField, [], ATTACHMENT_FIELD),
    variants: input.variants,
    abTest: input.abTest,
    // An empty subject or body is "not given": the defaults a create fills in never contradict variant A.
    ...firstMessageWrites({ variants: [] }, input, { subject: input.subject !== '', html: input.html !== '' }),
    abDecision: null,
    // A zone given at creation (the panel sends the browser's) is the user's; none: the account's.
    timezoneChosen: input.schedule?.timezone !== undefined,
    ...newDraftState(now),
  };
  await deps.db.insert(campaigns).values(row);
  return row;
}

/**
 * Applies an edit. Refuses what the campaign's state does not allow (400 naming the fields) and,
 * when the client says which version it edited, an edit of a version that has moved on (409 with
 * the current version, so the client can merge instead of overwriting).
 */
export async function editCampaign(deps: Deps, campaign: CampaignRow, patch: CampaignPatch): Promise<CampaignRow> {
  const { version, ...changes } = patch;
  if (version !== undefined && version !== campaign.version) throw versionConflict(campaign);
  const refusals = refusedEdits(campaign.status, patch, { followUps: campaign.followUps, startedSteps: await startedFollowUps(deps, campaign.id) });
  if (refusals.length > 0) {
    throw new ProblemError('validation-failed', { detail: 'Some changes are not possible in this state.', errors: refusals });
  }
  if (changes.attachmentField !== undefined) importedField(changes.attachmentField, campaign.fields, ATTACHMENT_FIELD);
  const firstMessage = firstMessageWrites(campaign, changes, { subject: changes.subject !== undefined, html: changes.html !== undefined });
  const accounts = changes.accountIds ? await ownedAccounts(deps, campaign.userId, changes.accountIds) : null;
  const { tracking, schedule, ...rest } = changes;
  // The editor sends the whole schedule: only a zone that differs is a choice.
  const choosesZone = schedule?.timezone !== undefined && schedule.timezone !== campaign.schedule.timezone;
  // A draft only: a launched campaign's hours do not move under it.
  const followedZone = accounts && !choosesZone && campaign.status === 'draft' ? zoneAfterAccountChange(campaign, accounts) : null;
  const nextSchedule = schedule || followedZone ? completeSchedule({ ...schedule, ...(followedZone ? { timezone: followedZone } : {}) }, campaign.schedule) : null;
  // Only a newly named field is checked: a column the campaign already uses stays valid.
  if (schedule?.recipientTimeZoneField && schedule.recipientTimeZoneField !== campaign.schedule.recipientTimeZoneField) zoneFieldChecked(nextSchedule!, campaign.fields);
  const updated = await updateCampaign(
    deps,
    campaign,
    {
      ...rest,
      ...firstMessage,
      ...(tracking ? { trackOpens: tracking.opens, trackClicks: tracking.clicks } : {}),
      ...(tracking?.consentField !== undefined ? { trackingConsentField: tracking.consentField } : {}),
      ...(nextSchedule ? { schedule: nextSchedule } : {}),
      ...(choosesZone ? { timezoneChosen: true } : {}),
    },
    version ?? campaign.version,
  );
  if (!updated) throw versionConflict(campaign);
  return updated;
}

/** What every new campaign starts with, created or duplicated: a draft at version 1 that never sent. */
export function newDraftState(now: Date) {
  return {
    status: 'draft',
    statusReason: null,
    fields: [],
    version: 1,
    createdAt: now,
    updatedAt: now,
    launchedAt: null,
    lastSentAt: null,
    recipientsDeletedAt: null,
  } satisfies Partial<CampaignRow>;
}

/** Follow-up steps (1-based count) that have at least one job: they have started and are frozen. */
async function startedFollowUps(deps: Deps, campaignId: string): Promise<number> {
  const [row] = await deps.db
    .select({ highest: sql<number | null>`max(${sendJobs.step})` })
    .from(sendJobs)
    .where(eq(sendJobs.campaignId, campaignId));
  return row?.highest ?? 0;
}

type FirstMessage = Pick<CampaignRow, 'subject' | 'html' | 'variants' | 'abTest'>;

/**
 * Variant A is the first message's own subject and body (shared/schemas/variants.ts); this is the one
 * place that keeps them equal. Non-empty `variants`: the first is written to subject and html, and a
 * subject or html in the same request that says otherwise is refused (422 naming the variant's field),
 * never silently picked. Subject or html alone, on a campaign with variants: variant A changes with
 * them. `variants: []` removes them, and the test that picked between them. A test needs variants.
 */
function firstMessageWrites(
  current: Pick<FirstMessage, 'variants'>,
  changes: Partial<FirstMessage>,
  given: { subject: boolean; html: boolean },
): Partial<FirstMessage> {
  const writes: Partial<FirstMessage> = {};
  if (changes.subject !== undefined) writes.subject = changes.subject;
  if (changes.html !== undefined) writes.html = changes.html;
  const variants = changes.variants;
  if (variants && variants.length > 0) {
    const a = variants[0]!;
    const errors = [
      ...(given.subject && changes.subject !== a.subject ? [{ field: 'variants.0.subject', message: 'Variant A is the subject: give the same subject, or only one of them' }] : []),
      ...(given.html && changes.html !== a.html ? [{ field: 'variants.0.html', message: 'Variant A is the message body: give the same body, or only one of them' }] : []),
    ];
    if (errors.length > 0) throw new ProblemError('contradictory-fields', { detail: 'The subject or body and variant A disagree.', errors });
    Object.assign(writes, { variants, subject: a.subject, html: a.html });
  } else if (variants) {
    Object.assign(writes, { variants: [], abTest: null });
  } else if ((given.subject || given.html) && current.variants.length > 0) {
    const [a, ...others] = current.variants;
    writes.variants = [{ subject: changes.subject ?? a!.subject, html: changes.html ?? a!.html }, ...others];
  }
  if (changes.abTest !== undefined && changes.abTest !== null) {
    if ((writes.variants ?? current.variants).length === 0) {
      throw new ProblemError('validation-failed', {
        detail: 'Check the A/B test.',
        errors: [{ field: 'abTest', message: 'Add variants (A and B) first: the test picks one of them' }],
      });
    }
    writes.abTest = changes.abTest;
  } else if (changes.abTest === null) writes.abTest = null;
  return writes;
}

function completeSchedule(partial: Partial<Schedule> | undefined, base: Schedule): Schedule {
  const merged = { ...base, ...partial };
  const parsed = scheduleSchema.safeParse(merged);
  if (!parsed.success) {
    throw new ProblemError('validation-failed', {
      detail: 'Check the schedule.',
      errors: parsed.error.issues.map((issue) => ({ field: ['schedule', ...issue.path].join('.'), message: issue.message })),
    });
  }
  return parsed.data;
}

async function ownedAccounts(deps: Deps, userId: string, accountIds: string[]) {
  if (accountIds.length === 0) return [];
  const unique = [...new Set(accountIds)];
  const rows = await deps.db
    .select({ id: gmailAccounts.id, timezone: gmailAccounts.timezone })
    .from(gmailAccounts)
    .where(and(eq(gmailAccounts.userId, userId), inArray(gmailAccounts.id, unique)));
  if (rows.length !== unique.length) {
    throw new ProblemError('validation-failed', {
      detail: 'Pick accounts from your connected Gmail accounts.',
      errors: [{ field: 'accountIds', message: 'Unknown Gmail account' }],
    });
  }
  // Keep the user's order: the first account gives the default time zone.
  return accountIds.map((id) => rows.find((row) => row.id === id)!);
}

const ATTACHMENT_FIELD = { path: 'attachmentField', detail: 'Check the attachment field.' };
const TIME_ZONE_FIELD = { path: 'schedule.recipientTimeZoneField', detail: 'Check the time zone field.' };

/** A field a rule reads per recipient must be one of the imported columns (compared as merge tags compare names). */
function importedField(field: string | null, fields: readonly string[], where: { path: string; detail: string }): string | null {
  if (field === null || fields.some((name) => normaliseFieldName(name) === normaliseFieldName(field))) return field;
  const message = fields.length === 0 ? 'Import recipients first: the field must be one of their columns' : `Not an imported field; pick one of: ${fields.slice(0, 20).join(', ')}`;
  throw new ProblemError('validation-failed', { detail: where.detail, errors: [{ field: where.path, message }] });
}

/** The schedule, once its recipient time zone field (issue 18) is known to be an imported column. */
function zoneFieldChecked(schedule: Schedule, fields: readonly string[]): Schedule {
  importedField(schedule.recipientTimeZoneField ?? null, fields, TIME_ZONE_FIELD);
  return schedule;
}

function versionConflict(campaign: CampaignRow) {
  return new ProblemError('version-conflict', {
    detail: 'The campaign was changed elsewhere since you loaded it. Reload it and apply your change again.',
    extra: { currentVersion: campaign.version },
  });
}
