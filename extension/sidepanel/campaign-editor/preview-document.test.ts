import { describe, expect, it } from 'vitest';
import type { Preview } from '../../../shared/schemas/launch';
import { PreviewCache, previewDocument } from './preview-document';

const preview: Preview = { recipient: null, subject: 'Hi', html: '<p>Hi Ann</p>', text: 'Hi Ann', missing: [] };

describe('previewDocument', () => {
  it("shows the body in Gmail's sans-serif, with the signature after it as the sender appends it", () => {
    expect(previewDocument({ html: '<p>Hi Ann</p>', signature: { account: 'a@x.test', html: '<p>Ada, Sales</p>' } })).toBe(
      '<font face="Arial, Helvetica, sans-serif" size="2"><p>Hi Ann</p><br><div class="gmail_signature"><p>Ada, Sales</p></div></font>',
    );
  });

  it('adds nothing when there is no signature', () => {
    expect(previewDocument({ html: '<p>Hi</p>', signature: null })).toBe('<font face="Arial, Helvetica, sans-serif" size="2"><p>Hi</p></font>');
    expect(previewDocument({ html: '<p>Hi</p>' })).not.toContain('gmail_signature');
  });
});

describe('PreviewCache', () => {
  it('keeps the last preview per campaign, step and recipient', () => {
    const cache = new PreviewCache();
    const at = new Date('2026-12-03T08:00:00Z');
    cache.put('cmp_1', 1, 0, { preview, version: 3, at });
    expect(cache.get('cmp_1', 1, 0)).toEqual({ preview, version: 3, at });
    expect(cache.get('cmp_1', 0, 0)).toBeUndefined();
    expect(cache.get('cmp_1', 1, 1)).toBeUndefined();
  });

  it('forgets the oldest past fifty', () => {
    const cache = new PreviewCache();
    for (let i = 0; i < 51; i++) cache.put('cmp_1', 0, i, { preview, version: 1, at: new Date(0) });
    expect(cache.get('cmp_1', 0, 0)).toBeUndefined();
    expect(cache.get('cmp_1', 0, 50)).toBeDefined();
  });
});
