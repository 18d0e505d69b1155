import { editableFields } from '../../../shared/schemas/campaign-editability';
import type { Campaign, CampaignPatch, FollowUp } from '../../../shared/schemas/campaigns';
import { FOLLOW_UP_CONDITIONS } from '../../../shared/schemas/follow-up-conditions';
import { abTestDraft, abTestFromDraft, firstMessageVariants, followUpVariants, otherVariants, type AbTestDraft, type VariantDraft } from './variants/variant-draft';

export type FollowUpCondition = (typeof FOLLOW_UP_CONDITIONS)[number];

/**
 * The editor's form state: numbers are kept as typed (strings) so a half-typed value is not lost,
 * and turned into a PATCH by {@link patchFromDraft}.
 */
export interface Draft {
  name: string;
  subject: string;
  html: string;
  accountIds: string[];
  /** `YYYY-MM-DDTHH:MM` in the browser's local time (a datetime-local input), or '' for "when launched". */
  startAt: string;
  timezone: string;
  /** The column holding each recipient's time zone (issue 18); null: everyone in `timezone`. */
  recipientTimeZoneField: string | null;
  days: number[];
  windowStart: string;
  windowEnd: string;
  minGapSeconds: string;
  maxGapSeconds: string;
  dailyCap: string;
  trackOpens: boolean;
  trackClicks: boolean;
  /** The column whose yes allows tracking a recipient (issue 16); null: everyone. */
  consentField: string | null;
  unsubscribe: boolean;
  /** The column naming each recipient's own file (issue 18); null: none. */
  attachmentField: string | null;
  /** `subject` '' is none of its own: "Re: " and the first subject, in the same thread; `variants`: its B… (issue 18). */
  followUps: Array<{ delayHours: string; condition: FollowUpCondition; subject: string; html: string; variants: VariantDraft[] }>;
  /** The first message's A/B variants besides A (its subject and html); [] none (issue 18). */
  variants: VariantDraft[];
  /** "Pick a winner" among the first message's variants; null: split everyone. */
  abTest: AbTestDraft | null;
}

export function draftFromCampaign(campaign: Campaign): Draft {
  return {
    name: campaign.name,
    subject: campaign.subject,
    html: campaign.html,
    accountIds: [...campaign.accountIds],
    startAt: campaign.schedule.startAt ? toLocalInput(new Date(campaign.schedule.startAt)) : '',
    timezone: campaign.schedule.timezone,
    recipientTimeZoneField: campaign.schedule.recipientTimeZoneField ?? null,
    days: [...campaign.schedule.days],
    windowStart: campaign.schedule.window.start,
    windowEnd: campaign.schedule.window.end,
    minGapSeconds: numberText(campaign.throttle.minGapSeconds),
    maxGapSeconds: numberText(campaign.throttle.maxGapSeconds),
    dailyCap: numberText(campaign.throttle.dailyCap),
    trackOpens: campaign.tracking.opens,
    trackClicks: campaign.tracking.clicks,
    consentField: campaign.tracking.consentField ?? null,
    unsubscribe: campaign.unsubscribe,
    attachmentField: campaign.attachmentField ?? null,
    followUps: campaign.followUps.map((step) => ({
      delayHours: String(step.delayHours),
      condition: step.condition,
      subject: step.subject ?? '',
      html: step.html,
      variants: otherVariants(step.variants),
    })),
    variants: otherVariants(campaign.variants),
    abTest: abTestDraft(campaign.abTest),
  };
}

/** The server's `fresh` draft with the user's `touched` fields from `mine` on top. */
export function rebase(fresh: Draft, mine: Draft, touched: ReadonlySet<keyof Draft>): Draft {
  const result: Draft = { ...fresh };
  for (const key of touched) Object.assign(result, { [key]: mine[key] });
  return result;
}

export type DraftPatch = { ok: true; patch: CampaignPatch; changed: boolean } | { ok: false; errors: Array<{ field: string; message: string }> };

/**
 * Only what changed and may change, plus the `version` the user edited, so a save never rewrites
 * fields the user did not touch and a concurrent change elsewhere is a 409, not a silent overwrite.
 */
export function patchFromDraft(draft: Draft, campaign: Campaign): DraftPatch {
  const errors: Array<{ field: string; message: string }> = [];
  const whole = (field: string, text: string): number | undefined => {
    if (text.trim() === '') return undefined;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) errors.push({ field, message: 'Use a whole number, 0 or more' });
    return n;
  };

  const startAt = draft.startAt ? new Date(draft.startAt) : null;
  if (startAt && Number.isNaN(startAt.getTime())) errors.push({ field: 'startAt', message: 'Pick a date and time' });
  const throttle = {
    ...optional('minGapSeconds', whole('minGapSeconds', draft.minGapSeconds)),
    ...optional('maxGapSeconds', whole('maxGapSeconds', draft.maxGapSeconds)),
    ...optional('dailyCap', whole('dailyCap', draft.dailyCap)),
  };
  const followUps: FollowUp[] = draft.followUps.map((step, index) => {
    const delayHours = Number(step.delayHours);
    if (step.delayHours.trim() === '' || !Number.isFinite(delayHours) || delayHours < 0) {
      errors.push({ field: `followUps.${index}.delayHours`, message: `Follow-up ${index + 1}: give a delay in hours` });
    }
    if (!step.html.trim()) errors.push({ field: `followUps.${index}.html`, message: `Follow-up ${index + 1}: write the message` });
    step.variants.forEach((variant, other) => {
      if (!variant.html.trim()) errors.push({ field: `followUps.${index}.variants.${other + 1}.html`, message: `Follow-up ${index + 1}: write variant ${'BCDE'[other]}` });
    });
    const variants = followUpVariants(step.subject, step.html, step.variants);
    return { delayHours, subject: step.subject.trim() === '' ? null : step.subject, html: step.html, condition: step.condition, variants };
  });
  const variants = firstMessageVariants(draft.subject, draft.html, draft.variants);
  const abTest = abTestFromDraft(draft.abTest, variants.length > 0);
  if (!abTest.ok) errors.push({ field: 'abTest', message: abTest.message });
  if (!draft.name.trim()) errors.push({ field: 'name', message: 'Name the campaign' });
  if (errors.length > 0) return { ok: false, errors };

  const next: Required<Omit<CampaignPatch, 'version' | 'text'>> = {
    name: draft.name.trim(),
    subject: draft.subject,
    html: draft.html,
    accountIds: draft.accountIds,
    schedule: {
      startAt: startAt ? startAt.toISOString() : null,
      timezone: draft.timezone,
      days: [...draft.days].sort((a, b) => a - b),
      window: { start: draft.windowStart, end: draft.windowEnd },
      // An older server has no such field (absent from its campaign) and would refuse the key.
      ...(draft.recipientTimeZoneField !== null || campaign.schedule.recipientTimeZoneField !== undefined ? { recipientTimeZoneField: draft.recipientTimeZoneField } : {}),
    },
    throttle,
    tracking: {
      opens: draft.trackOpens,
      clicks: draft.trackClicks,
      // An older server has no consent field (absent from its campaign) and would refuse the key.
      ...(draft.consentField !== null || campaign.tracking.consentField !== undefined ? { consentField: draft.consentField } : {}),
    },
    unsubscribe: draft.unsubscribe,
    followUps,
    // An older server has none (absent from its campaign): null there is "unchanged", never sent.
    attachmentField: draft.attachmentField,
    variants,
    abTest: abTest.ok ? abTest.abTest : null,
  };
  const current: typeof next = {
    name: campaign.name,
    subject: campaign.subject,
    html: campaign.html,
    accountIds: campaign.accountIds,
    schedule: campaign.schedule,
    throttle: campaign.throttle,
    tracking: campaign.tracking,
    unsubscribe: campaign.unsubscribe,
    // A campaign kept from an older server has follow-ups without `variants`: none.
    followUps: campaign.followUps.map((step) => ({ ...step, variants: step.variants ?? [] })),
    attachmentField: campaign.attachmentField ?? null,
    variants: campaign.variants ?? [],
    abTest: campaign.abTest ?? null,
  };
  // The server's rule, shared with it: a field it would refuse is never sent.
  const editable = editableFields(campaign.status);
  const patch: CampaignPatch = { version: campaign.version };
  let changed = false;
  for (const key of Object.keys(next) as Array<keyof typeof next>) {
    if (!editable.has(key) || same(next[key], current[key])) continue;
    Object.assign(patch, { [key]: next[key] });
    changed = true;
  }
  return { ok: true, patch, changed };
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Partial<Record<K, number>>);
}

function numberText(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}

/** Structural equality for plain JSON values, ignoring key order. */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

/** A Date as a datetime-local input's value, in the browser's time zone. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
