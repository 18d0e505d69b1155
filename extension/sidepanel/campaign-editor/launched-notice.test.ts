import { describe, expect, it } from 'vitest';
import { CAMPAIGN_STATUSES } from '../../../shared/schemas/campaigns';
import { editableFields } from '../../../shared/schemas/campaign-editability';
import { fixedHint, launchedNotice } from './launched-notice';

describe('launchedNotice', () => {
  it('says nothing for a draft', () => {
    expect(launchedNotice('draft')).toBeNull();
  });

  it('never tells a finished or cancelled campaign that something besides the name can change', () => {
    expect(launchedNotice('cancelled')).toBe('Cancelled: nothing can change now but the name.');
    expect(launchedNotice('completed')).toBe('Finished: nothing can change now but the name.');
    expect(fixedHint('cancelled')).toBe('Fixed: the campaign is cancelled.');
  });

  it('matches the editability rule for every state: "can change" only where more than the name can', () => {
    for (const status of CAMPAIGN_STATUSES) {
      const notice = launchedNotice(status) ?? '';
      const more = [...editableFields(status)].some((field) => field !== 'name');
      if (status !== 'draft') expect(notice.includes('follow-ups not yet started can change')).toBe(more);
    }
  });
});
