import { formatCount } from '../../format';
import { AB_TEST_PERCENT, AB_WAIT_HOURS, MIN_DECISION_EVENTS, variantLetter } from './variant-limits';
import type { AbTestDraft } from './variant-draft';

/**
 * What the first message's variants do, in plain words: "20% of recipients get A or B first; 24 h
 * after the last of them, the variant with more replies goes to the other 80%." Numbers not yet
 * valid are said as the setting, not computed from.
 */
export function abTestSentence(count: number, abTest: AbTestDraft | null, locale?: string): string {
  const letters = new Intl.ListFormat(locale, { type: 'disjunction' }).format(Array.from({ length: count }, (_, index) => variantLetter(index)));
  if (!abTest) return `Recipients are split evenly: each gets ${letters}, for the first message and its thread.`;
  const percent = Number(abTest.testPercent);
  const hours = Number(abTest.waitHours);
  if (!Number.isInteger(percent) || percent < AB_TEST_PERCENT.min || percent > AB_TEST_PERCENT.max || !Number.isFinite(hours) || hours < AB_WAIT_HOURS.min || hours > AB_WAIT_HOURS.max) {
    return `Give a test share from ${AB_TEST_PERCENT.min}% to ${AB_TEST_PERCENT.max}% and a wait from ${AB_WAIT_HOURS.min} to ${AB_WAIT_HOURS.max} hours.`;
  }
  const clicks = abTest.metric === 'clicks';
  const n = (value: number) => formatCount(value, { locale });
  return (
    `${n(percent)}% of recipients get ${letters} first; ${n(hours)} h after the last of them, the variant with ${clicks ? 'more people clicking a link' : 'more replies'} goes to the other ${n(100 - percent)}%. ` +
    // Below MIN_DECISION_EVENTS, or on a tie, no winner is picked (backend/src/variants/pick-winner.ts).
    `With fewer than ${n(MIN_DECISION_EVENTS)} ${clicks ? 'people clicking' : 'replies'} in the test, or a tie, the rest are split evenly too.`
  );
}
