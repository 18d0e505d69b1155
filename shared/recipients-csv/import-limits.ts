/**
 * How much one CSV import may hold: the server's defaults (IMPORT_MAX_BYTES, IMPORT_MAX_ROWS in
 * backend/src/config) and the panel's check before it reads a file, defined once so the two count
 * in the same units. Size is in **bytes** of the file as uploaded (`File.size`, the request body),
 * never in characters: "é" is one character and two bytes in UTF-8. Rows are data rows, blank lines
 * not counted (see `parseRecipientsCsv`).
 */
export const IMPORT_LIMITS = { maxBytes: 20 * 1024 * 1024, maxRows: 100_000 } as const;

export type ImportLimits = { maxBytes: number; maxRows: number };

/**
 * The sentence for a file over `maxBytes`, or null when it fits. The server answers 413 with it and
 * the panel shows it before reading the file.
 *
 * @example fileSizeProblem(24_536_678, 20_971_520) // 'The file is 23.4 MB; at most 20 MB can be imported at once. Split it into smaller files.'
 */
export function fileSizeProblem(bytes: number, maxBytes: number): string | null {
  if (bytes <= maxBytes) return null;
  const size = formatFileSize(bytes);
  const limit = formatFileSize(maxBytes);
  // A file a few bytes over the limit rounds to the limit's figure: say "over" rather than "20 MB; at most 20 MB".
  return `The file is ${size === limit ? `over ${limit}` : size}; at most ${limit} can be imported at once. Split it into smaller files.`;
}

/** A size as file managers show it, in binary units (1 MB = 1,048,576 bytes, as the limit is set), to one decimal. */
export function formatFileSize(bytes: number): string {
  const [unit, size] = bytes >= 1024 * 1024 ? ['MB', bytes / (1024 * 1024)] : bytes >= 1024 ? ['KB', bytes / 1024] : ['bytes', bytes];
  return `${Math.round(size * 10) / 10} ${unit}`;
}
