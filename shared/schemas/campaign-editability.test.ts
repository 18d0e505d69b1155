import { describe, expect, it } from 'vitest';
import { EVERY_FIELD, editableFields } from './campaign-editability';
import { campaignPatchSchema } from './campaigns';

describe('editableFields', () => {
  it('lets everything change in draft', () => {
    expect([...editableFields('draft')].sort()).toEqual(
      ['abTest', 'accountIds', 'attachmentField', 'followUps', 'html', 'name', 'schedule', 'subject', 'text', 'throttle', 'tracking', 'unsubscribe', 'variants'],
    );
  });

  it.each(['scheduled', 'sending', 'paused'] as const)('keeps what was sent as it was once %s: only the name, the pace and the follow-ups', (status) => {
    expect([...editableFields(status)].sort()).toEqual(['followUps', 'name', 'schedule', 'throttle']);
  });

  it.each(['completed', 'cancelled'] as const)('leaves only the name of a %s campaign editable', (status) => {
    expect([...editableFields(status)]).toEqual(['name']);
  });

  it('lists every field of the PATCH schema, version aside', () => {
    expect([...EVERY_FIELD].sort()).toEqual(Object.keys(campaignPatchSchema.shape).filter((field) => field !== 'version').sort());
  });
});
