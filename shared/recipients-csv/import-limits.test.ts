import { describe, expect, it } from 'vitest';
import { fileSizeProblem, formatFileSize, IMPORT_LIMITS } from './import-limits';

describe('import limits', () => {
  it('are 20 MiB and 100,000 rows unless the server is configured otherwise', () => {
    expect(IMPORT_LIMITS).toEqual({ maxBytes: 20 * 1024 * 1024, maxRows: 100_000 });
  });

  it('count a file in bytes: a multibyte file under the limit in characters is over it in bytes', () => {
    const file = new Blob(['é'.repeat(12 * 1024 * 1024)]);
    expect(file.size).toBe(24 * 1024 * 1024);
    expect(fileSizeProblem(file.size, IMPORT_LIMITS.maxBytes)).toBe('The file is 24 MB; at most 20 MB can be imported at once. Split it into smaller files.');
    expect(fileSizeProblem(IMPORT_LIMITS.maxBytes, IMPORT_LIMITS.maxBytes)).toBeNull();
    expect(fileSizeProblem(IMPORT_LIMITS.maxBytes + 1, IMPORT_LIMITS.maxBytes)).toMatch(/^The file is over 20 MB; at most 20 MB/);
  });

  it('name sizes as a user reads them', () => {
    expect(formatFileSize(23.4 * 1024 * 1024)).toBe('23.4 MB');
    expect(formatFileSize(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatFileSize(1536)).toBe('1.5 KB');
    expect(formatFileSize(20)).toBe('20 bytes');
  });
});
