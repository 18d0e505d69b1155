import type { Campaign } from '../../shared/schemas/campaigns';
import type { CampaignEdit } from './iconnect-db';

/** The campaign as the user sees it with their not-yet-saved edit laid over it. */
export function withEdit(campaign: Campaign, edit: CampaignEdit): Campaign {
  const { schedule, tracking, ...rest } = edit;
  // A PATCH schedule is partial: the server merges it into the current one, and so do we. So is
  // tracking's consent field: absent, it stays as it is (shared/schemas/campaigns.ts).
  const next = {
    ...campaign,
    ...rest,
    ...(schedule ? { schedule: { ...campaign.schedule, ...schedule } } : {}),
    ...(tracking ? { tracking: { ...campaign.tracking, ...tracking } } : {}),
  } as Campaign;
  // Variant A is the subject and body (shared/schemas/variants.ts), as the server keeps them: a list
  // names A first, and a subject or body edited alone edits A.
  const [first, ...others] = next.variants ?? [];
  if (!first) return next;
  if (edit.variants) return { ...next, subject: first.subject, html: first.html };
  return { ...next, variants: [{ subject: next.subject, html: next.html }, ...others] };
}

/** The values `edit` changes, as they are in `campaign` (what the edit was made from). */
export function valuesBefore(campaign: Campaign, edit: CampaignEdit): Partial<Record<keyof CampaignEdit, unknown>> {
  const before: Partial<Record<keyof CampaignEdit, unknown>> = {};
  for (const key of Object.keys(edit) as Array<keyof CampaignEdit>) before[key] = campaign[key];
  return before;
}

/** Whether every field the edit touches still has, in `campaign`, the value it had when the edit was made. */
export function untouchedSince(campaign: Campaign, before: Partial<Record<keyof CampaignEdit, unknown>>): boolean {
  return (Object.keys(before) as Array<keyof CampaignEdit>).every((key) => sameJson(campaign[key], before[key]));
}

/** Deep equality for JSON values, whatever the order of object keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
