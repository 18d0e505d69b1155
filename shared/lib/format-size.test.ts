import { describe, expect, it } from 'vitest';
import { formatSize, tooLargeMessage } from './format-size';

const MB = 1024 * 1024;

describe('tooLargeMessage', () => {
  it('says the size and the limit in MB with one decimal', () => {
    expect(tooLargeMessage(Math.round(5.2 * MB), MB, 'en')).toBe('The message is 5.2 MB; at most 1 MB.');
  });

  it('says "over" when the size rounds to the limit, and only the limit when the size is unknown', () => {
    expect(tooLargeMessage(MB + 10, MB, 'en')).toBe('The message is over 1 MB; at most 1 MB.');
    expect(tooLargeMessage(null, MB, 'en')).toBe('The message is over the limit of 1 MB.');
  });

  it('writes numbers the way the language does', () => {
    expect(formatSize(Math.round(5.25 * MB), 'de')).toBe('5,3 MB');
    expect(formatSize(1536, 'en')).toBe('1.5 kB');
    expect(formatSize(1000, 'en')).toBe('1,000 bytes');
  });
});
