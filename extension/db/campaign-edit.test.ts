import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../shared/schemas/campaigns';
import { withEdit } from './campaign-edit';

const campaign = { id: 'cmp_1', tracking: { opens: true, clicks: true, consentField: 'Tracking consent' } } as Campaign;

describe('withEdit', () => {
  it('keeps the consent column when a queued tracking edit does not name it, as the server does', () => {
    expect(withEdit(campaign, { tracking: { opens: false, clicks: true } }).tracking).toEqual({ opens: false, clicks: true, consentField: 'Tracking consent' });
    expect(withEdit(campaign, { tracking: { opens: true, clicks: true, consentField: null } }).tracking).toEqual({ opens: true, clicks: true, consentField: null });
  });
});
