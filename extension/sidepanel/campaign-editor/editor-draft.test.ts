import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../../shared/schemas/campaigns';
import { draftFromCampaign, patchFromDraft, rebase } from './editor-draft';

const campaign: Campaign = {
  id: 'cmp_1',
  name: 'Spring',
  subject: 'Hi {{ first_name }}',
  html: '<p>Hello</p>',
  text: null,
  accountIds: ['acc_1'],
  schedule: { startAt: null, timezone: 'Europe/Paris', days: [1, 2, 3, 4, 5], window: { start: '09:00', end: '17:00' } },
  throttle: { minGapSeconds: 60, maxGapSeconds: 120 },
  tracking: { opens: true, clicks: true },
  unsubscribe: true,
  followUps: [{ delayHours: 48, subject: null, html: '<p>Bump</p>', condition: 'no_reply', variants: [] }],
  status: 'draft',
  statusReason: null,
  fields: ['first_name'],
  counts: { total: 0, pending: 0, sent: 0, replied: 0, bounced: 0, unsubscribed: 0, failed: 0 },
  version: 7,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  launchedAt: null,
};

describe('patchFromDraft', () => {
  it('sends only the version when nothing changed', () => {
    expect(patchFromDraft(draftFromCampaign(campaign), campaign)).toEqual({ ok: true, patch: { version: 7 }, changed: false });
  });

  it('sends the changed fields with the version the user edited', () => {
    const draft = { ...draftFromCampaign(campaign), subject: 'Hello', dailyCap: '50' };
    expect(patchFromDraft(draft, campaign)).toEqual({
      ok: true,
      changed: true,
      patch: { version: 7, subject: 'Hello', throttle: { minGapSeconds: 60, maxGapSeconds: 120, dailyCap: 50 } },
    });
  });

  it('leaves out fields that can no longer change once the campaign is sending', () => {
    const sending = { ...campaign, status: 'sending' as const };
    const draft = { ...draftFromCampaign(sending), subject: 'Changed', name: 'Renamed' };
    expect(patchFromDraft(draft, sending)).toEqual({ ok: true, changed: true, patch: { version: 7, name: 'Renamed' } });
  });

  it('refuses a half-typed number and an empty follow-up, naming them', () => {
    const draft = { ...draftFromCampaign(campaign), minGapSeconds: '1.5', followUps: [{ delayHours: '', condition: 'always' as const, subject: '', html: ' ', variants: [] }] };
    const result = patchFromDraft(draft, campaign);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.field)).toEqual(['minGapSeconds', 'followUps.0.delayHours', 'followUps.0.html']);
  });

  it("sends a follow-up's own subject, and none (the same thread) when it is left empty", () => {
    const base = draftFromCampaign(campaign);
    const own = { ...base, followUps: [{ ...base.followUps[0]!, subject: 'Still there, {{ first_name }}?' }] };
    const result = patchFromDraft(own, campaign);
    expect(result.ok && result.patch.followUps?.[0]?.subject).toBe('Still there, {{ first_name }}?');
    const none = { ...base, followUps: [{ ...base.followUps[0]!, subject: '  ' }] };
    expect(patchFromDraft(none, campaign)).toEqual({ ok: true, patch: { version: 7 }, changed: false });
  });
});

describe('the consent column (issue 16)', () => {
  it('round-trips the campaign consent column through the draft and sends it when picked or cleared', () => {
    const withField = { ...campaign, fields: ['first_name', 'Tracking consent'], tracking: { opens: true, clicks: true, consentField: 'Tracking consent' } };
    const draft = draftFromCampaign(withField);
    expect(draft.consentField).toBe('Tracking consent');
    expect(patchFromDraft(draft, withField)).toEqual({ ok: true, patch: { version: 7 }, changed: false });
    expect(patchFromDraft({ ...draft, consentField: null }, withField)).toEqual({
      ok: true,
      changed: true,
      patch: { version: 7, tracking: { opens: true, clicks: true, consentField: null } },
    });
    const none = { ...withField, tracking: { opens: true, clicks: true, consentField: null } };
    expect(patchFromDraft({ ...draftFromCampaign(none), consentField: 'Tracking consent' }, none)).toEqual({
      ok: true,
      changed: true,
      patch: { version: 7, tracking: { opens: true, clicks: true, consentField: 'Tracking consent' } },
    });
  });

  it('sends no consent key to a server that does not know it, unless one is picked', () => {
    // `campaign` has no consentField at all, as an older server answers.
    const draft = draftFromCampaign(campaign);
    expect(draft.consentField).toBeNull();
    expect(patchFromDraft({ ...draft, trackOpens: false }, campaign)).toEqual({
      ok: true,
      changed: true,
      patch: { version: 7, tracking: { opens: false, clicks: true } },
    });
  });

  it('saves the column naming each recipient’s file, and sends none to a server that does not know it', () => {
    const withFiles = { ...campaign, fields: ['first_name', 'Invoice'], attachmentField: null };
    expect(patchFromDraft({ ...draftFromCampaign(withFiles), attachmentField: 'Invoice' }, withFiles)).toEqual({
      ok: true,
      changed: true,
      patch: { version: 7, attachmentField: 'Invoice' },
    });
    // `campaign` has no attachmentField at all, as an older server answers: nothing to send.
    expect(patchFromDraft(draftFromCampaign(campaign), campaign)).toEqual({ ok: true, patch: { version: 7 }, changed: false });
  });

  it('saves the column holding each recipient’s time zone in the schedule, and clears it', () => {
    const withZones = { ...campaign, fields: ['first_name', 'Time zone'] };
    expect(patchFromDraft({ ...draftFromCampaign(withZones), recipientTimeZoneField: 'Time zone' }, withZones)).toEqual({
      ok: true,
      changed: true,
      patch: { version: 7, schedule: { ...campaign.schedule, recipientTimeZoneField: 'Time zone' } },
    });
    const named = { ...withZones, schedule: { ...campaign.schedule, recipientTimeZoneField: 'Time zone' } };
    expect(draftFromCampaign(named).recipientTimeZoneField).toBe('Time zone');
    expect(patchFromDraft({ ...draftFromCampaign(named), recipientTimeZoneField: null }, named)).toEqual({
      ok: true,
      changed: true,
      patch: { version: 7, schedule: { ...campaign.schedule, recipientTimeZoneField: null } },
    });
  });
});

describe('A/B variants (issue 18)', () => {
  it('sends every variant, A (the subject and body) first, and none when back to one', () => {
    const draft = { ...draftFromCampaign(campaign), variants: [{ subject: 'Quick question', html: '<p>Short</p>' }] };
    const result = patchFromDraft(draft, campaign);
    expect(result).toEqual({
      ok: true,
      changed: true,
      patch: { version: 7, variants: [{ subject: 'Hi {{ first_name }}', html: '<p>Hello</p>' }, { subject: 'Quick question', html: '<p>Short</p>' }] },
    });
    const saved = { ...campaign, version: 8, variants: result.ok ? result.patch.variants : [], abTest: { metric: 'replies' as const, testPercent: 20, waitHours: 24 } };
    const again = draftFromCampaign(saved);
    expect(again.variants).toEqual([{ subject: 'Quick question', html: '<p>Short</p>' }]);
    expect(patchFromDraft(again, saved)).toEqual({ ok: true, patch: { version: 8 }, changed: false });
    // Back to one: the list is emptied and the test, with nothing to pick between, goes with it.
    expect(patchFromDraft({ ...again, variants: [] }, saved)).toEqual({ ok: true, changed: true, patch: { version: 8, variants: [], abTest: null } });
  });

  it("edits variant A's subject in both the subject and the list", () => {
    const saved = { ...campaign, variants: [{ subject: 'Hi {{ first_name }}', html: '<p>Hello</p>' }, { subject: 'B', html: '<p>B</p>' }] };
    const result = patchFromDraft({ ...draftFromCampaign(saved), subject: 'New A' }, saved);
    expect(result.ok && result.patch.subject).toBe('New A');
    expect(result.ok && result.patch.variants?.map((variant) => variant.subject)).toEqual(['New A', 'B']);
  });

  it('checks the winner settings as the server does, naming them', () => {
    const draft = { ...draftFromCampaign(campaign), variants: [{ subject: 'B', html: '' }], abTest: { metric: 'clicks' as const, testPercent: '60', waitHours: '24' } };
    expect(patchFromDraft(draft, campaign)).toEqual({ ok: false, errors: [{ field: 'abTest', message: 'Pick a winner: test a whole percent from 5 to 50' }] });
    const fine = patchFromDraft({ ...draft, abTest: { metric: 'clicks', testPercent: '10', waitHours: '2.5' } }, campaign);
    expect(fine.ok && fine.patch.abTest).toEqual({ metric: 'clicks', testPercent: 10, waitHours: 2.5 });
  });

  it("sends a follow-up's variants whole, an empty subject as the same thread, and names an empty one", () => {
    const base = draftFromCampaign(campaign);
    const two = { ...base, followUps: [{ ...base.followUps[0]!, variants: [{ subject: 'Other angle', html: '<p>B</p>' }] }] };
    const result = patchFromDraft(two, campaign);
    expect(result.ok && result.patch.followUps?.[0]?.variants).toEqual([
      { subject: null, html: '<p>Bump</p>' },
      { subject: 'Other angle', html: '<p>B</p>' },
    ]);
    const empty = { ...base, followUps: [{ ...base.followUps[0]!, variants: [{ subject: '', html: '<p></p>' }] }] };
    const refused = patchFromDraft({ ...empty, followUps: [{ ...empty.followUps[0]!, variants: [{ subject: '', html: ' ' }] }] }, campaign);
    expect(refused).toEqual({ ok: false, errors: [{ field: 'followUps.0.variants.1.html', message: 'Follow-up 1: write variant B' }] });
  });
});

describe('rebase', () => {
  it("keeps the user's unsaved fields over a newer version, and takes the rest from the server", () => {
    const mine = { ...draftFromCampaign(campaign), subject: 'My unsaved subject' };
    const newer = draftFromCampaign({ ...campaign, version: 8, schedule: { ...campaign.schedule, days: [1, 2, 3, 4, 5, 6, 7] }, subject: 'Theirs' });
    const rebased = rebase(newer, mine, new Set(['subject']));
    expect(rebased.subject).toBe('My unsaved subject');
    expect(rebased.days).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
