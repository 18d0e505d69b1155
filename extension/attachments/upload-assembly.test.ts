import { describe, expect, it } from 'vitest';
import { createUploadAssembly } from './upload-assembly';

const piece = (uploadId: string, over: Partial<Parameters<ReturnType<typeof createUploadAssembly>['add']>[0]> = {}) => ({
  campaignId: 'cmp_1',
  uploadId,
  filename: 'a.pdf',
  size: 4,
  shared: true,
  offset: 0,
  piece: btoa('ab'),
  last: false,
  ...over,
});

describe('createUploadAssembly', () => {
  it('forgets the oldest unfinished upload rather than holding every abandoned one', () => {
    const uploads = createUploadAssembly(2);
    uploads.add(piece('upl_first1'));
    uploads.add(piece('upl_second'));
    uploads.add(piece('upl_third3'));
    expect(uploads.openCount).toBe(2);
    // The first was dropped: its next piece asks for the file again.
    expect(uploads.add(piece('upl_first1', { offset: 2, piece: btoa('cd'), last: true }))).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(uploads.add(piece('upl_third3', { offset: 2, piece: btoa('cd'), last: true }))).toMatchObject({ ok: true, value: { received: 4 } });
    expect(uploads.openCount).toBe(1);
  });

  it('refuses a piece that would make the file longer than announced', () => {
    const uploads = createUploadAssembly();
    expect(uploads.add(piece('upl_longer', { piece: btoa('abcde') }))).toMatchObject({ ok: false, error: { message: 'a.pdf changed while it was being read. Add it again.' } });
    expect(uploads.openCount).toBe(0);
  });

  it('keeps each upload to its own campaign and file', () => {
    const uploads = createUploadAssembly();
    uploads.add(piece('upl_swapme'));
    expect(uploads.add(piece('upl_swapme', { campaignId: 'cmp_2', offset: 2, piece: btoa('cd'), last: true }))).toMatchObject({ ok: false });
  });
});
