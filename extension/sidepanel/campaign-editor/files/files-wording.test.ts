import { describe, expect, it } from 'vitest';
import { fileErrorMessage, sizeSummary, tooBigBeforeSending, whoGetsIt } from './files-wording';

const MB = 1024 * 1024;

describe('files wording', () => {
  it('says how large the largest message is against Gmail’s limit', () => {
    expect(sizeSummary({ largestMessageBytes: 3.2 * MB, maxMessageBytes: 25 * MB }, 'en')).toBe("Largest message with these files: 3.2 MB of Gmail's 25 MB");
  });

  it('names who gets a per-recipient file, or that no one does without a column', () => {
    expect(whoGetsIt({ shared: true, filename: 'a.pdf' }, null)).toBe('Every recipient');
    expect(whoGetsIt({ shared: false, filename: 'inv-0042.pdf' }, 'Invoice')).toBe('Recipients whose “Invoice” is inv-0042.pdf');
    expect(whoGetsIt({ shared: false, filename: 'inv-0042.pdf' }, null)).toMatch(/^No one yet/);
  });

  it('shows the server’s sentence about the file, with its figures, once', () => {
    const message = "This file would make each message 27.4 MB; Gmail's limit is 25 MB";
    expect(fileErrorMessage({ code: 'invalid', message: `${message}. File: ${message}.`, fields: [{ field: 'file', message }] }, 'big.pdf')).toBe(`big.pdf: ${message}.`);
  });

  it('says that files need the server when it cannot be reached', () => {
    expect(fileErrorMessage({ code: 'unreachable', message: 'Could not reach http://x. Is the server running?' }, 'a.pdf')).toMatch(/cannot be reached now: a.pdf was not added/);
  });

  it('refuses a file larger than a whole message before sending it', () => {
    expect(tooBigBeforeSending({ name: 'video.mp4', size: 30 * MB }, 25 * MB, 'en')).toBe("video.mp4 is 30 MB; Gmail's limit is 25 MB per message, this file included.");
    expect(tooBigBeforeSending({ name: 'a.pdf', size: MB }, 25 * MB)).toBeNull();
  });
});
