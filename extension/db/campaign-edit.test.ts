import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../shared/schemas/campaigns';
import { withEdit } from './campaign-edit';

const campaign = { id: 'cmp_1', tracking: { opens: true, clicks: true, consentField: 'Tracking consent' } } as Campaign;

describe('withEdit', () => {
  it('keeps the consent column when a queued tracking edit does not name it, as the server does', () => {
    expect(withEdit(campaign, { tracking: { opens: false, clicks: true } }).tracking).toEqual({ opens: false, clicks: true, consentField: 'Tracking consent' });
    expect(withEdit(campaign, { tracking: { opens: true, clicks: true, consentField: null } }).tracking).toEqual({ opens: true, clicks: true, consentField: null });
  });

  it('keeps variant A and the subject and body one, whichever the queued edit names (issue 18)', () => {
    const withVariants = { id: 'cmp_1', subject: 'A', html: '<p>A</p>', variants: [{ subject: 'A', html: '<p>A</p>' }, { subject: 'B', html: '<p>B</p>' }] } as Campaign;
    expect(withEdit(withVariants, { subject: 'A2' }).variants).toEqual([{ subject: 'A2', html: '<p>A</p>' }, { subject: 'B', html: '<p>B</p>' }]);
    const listed = withEdit(withVariants, { variants: [{ subject: 'B', html: '<p>B</p>' }, { subject: 'C', html: '<p>C</p>' }] });
    expect([listed.subject, listed.html]).toEqual(['B', '<p>B</p>']);
    expect(withEdit(withVariants, { variants: [] }).variants).toEqual([]);
  });
});
