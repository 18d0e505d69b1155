const MB = 1024 * 1024;
const KB = 1024;

/**
 * A size in the units the server's limits are written in (1 MB = 1,048,576 bytes), with at most one
 * decimal, through Intl so the number and unit read naturally in the user's language.
 *
 * @example formatSize(5.2 * 1024 * 1024) // '5.2 MB'
 * @example formatSize(1024 * 1024) // '1 MB'
 */
export function formatSize(bytes: number, locale?: string): string {
  const [value, unit] = bytes >= MB ? [bytes / MB, 'megabyte'] : bytes >= KB ? [bytes / KB, 'kilobyte'] : [bytes, 'byte'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: unit === 'byte' ? 'long' : 'short', maximumFractionDigits: 1 }).format(value);
}

/**
 * What the user reads when a message is over a size limit (issue 14): its size and the limit, or
 * only the limit when the size is unknown.
 *
 * @example tooLargeMessage(5.2 * 1024 * 1024, 1024 * 1024) // 'The message is 5.2 MB; at most 1 MB.'
 */
export function tooLargeMessage(sizeBytes: number | null, limitBytes: number, locale?: string): string {
  const limit = formatSize(limitBytes, locale);
  if (sizeBytes === null) return `The message is over the limit of ${limit}.`;
  const size = formatSize(sizeBytes, locale);
  // Just over the limit rounds to its figure: "over 1 MB" rather than "1 MB; at most 1 MB".
  return `The message is ${size === limit ? `over ${limit}` : size}; at most ${limit}.`;
}
