import type { Preflight } from '../../../shared/schemas/launch';
import { formatCount, formatPlural } from '../format';

/**
 * The first message's A/B variants at launch (issue 18), from the preflight: "2 variants, 40 in the
 * test, 160 wait for the winner"; without a test, "2 variants, split evenly among 200 recipients".
 */
export function preflightVariantsLine(variants: NonNullable<Preflight['variants']>, locale?: string): string | null {
  if (variants.count < 2) return null;
  const count = formatPlural(variants.count, { one: 'variant', other: 'variants' }, { locale });
  if (variants.waitingForWinner === 0) {
    return `${count}, split evenly among ${formatPlural(variants.testRecipients, { one: 'recipient', other: 'recipients' }, { locale })}`;
  }
  return `${count}, ${formatCount(variants.testRecipients, { locale })} in the test, ${formatCount(variants.waitingForWinner, { locale })} wait for the winner`;
}
