import { describe, expect, it } from 'vitest';
import { preflightFilesLine, previewFilesLine } from './recipient-files-wording';

const MB = 1024 * 1024;
const figures = { largestMessageBytes: 3.4 * MB, maxMessageBytes: 25 * MB };

describe('files in the preview and the preflight', () => {
  it('lists what this recipient’s message carries, and a missing own file', () => {
    expect(previewFilesLine([{ id: 'att_1', filename: 'brochure.pdf', size: 2.5 * MB, shared: true }], null)).toBe('With brochure.pdf (2.5 MB).');
    expect(previewFilesLine([], 'inv-9.pdf')).toBe("Their file inv-9.pdf is not among the campaign's files: they would be skipped.");
    expect(previewFilesLine(undefined, undefined)).toBeNull();
  });

  it('says nothing about files for a campaign without any', () => {
    expect(preflightFilesLine({ perRecipientField: null, files: 0, missing: 0, missingRecipients: [], ...figures })).toBeNull();
  });

  it('counts the recipients whose named file is missing', () => {
    expect(preflightFilesLine({ perRecipientField: 'Invoice', files: 2, missing: 0, missingRecipients: [], ...figures })).toBe(
      "2 files; the largest message is 3.4 MB of Gmail's 25 MB; every recipient's “Invoice” names one of them.",
    );
    expect(
      preflightFilesLine({ perRecipientField: 'Invoice', files: 1, missing: 3, missingRecipients: [{ id: 'rcp_1', email: 'a@b.example', filename: 'inv-9.pdf' }], ...figures }),
    ).toBe("1 file; the largest message is 3.4 MB of Gmail's 25 MB; 3 recipients’ “Invoice” name files the campaign does not have.");
  });
});
