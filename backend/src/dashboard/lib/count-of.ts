const number = new Intl.NumberFormat('en');
const plural = new Intl.PluralRules('en');

/**
 * A count with its noun, as every dashboard page says one: "1 campaign", "50,000 recipients".
 *
 * @example countOf(3, 'tracking event', 'tracking events') // "3 tracking events"
 */
export function countOf(n: number, one: string, other: string): string {
  return `${number.format(n)} ${plural.select(n) === 'one' ? one : other}`;
}
