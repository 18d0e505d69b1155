import { describe, expect, it } from 'vitest';
import { returnDateOf } from './return-date';

const received = new Date('2026-12-03T09:30:00Z');
const december14 = '2026-12-14T00:00:00.000Z';

describe('returnDateOf', () => {
  it.each([
    ['I am out of the office until Monday 14 December with limited access to email.'],
    ['Thanks for your message. I will be back on December 14.'],
    ['Back on 14 December, returning to the usual schedule.'],
    ["I'm returning on 12/14/2026 and will answer then."],
    ['Away until 2026-12-14.'],
    ['Ich bin bis zum 14.12.2026 nicht im Büro.'],
    ['Ich bin bis Montag, 14. Dezember im Urlaub.'],
    ["Je suis absent jusqu'au lundi 14 décembre."],
    ['Estoy fuera de la oficina hasta el 14 de diciembre.'],
    ['Estou ausente até 14 de dezembro de 2026.'],
  ])('reads the return date in %j', (text) => {
    expect(returnDateOf(text, received)?.toISOString()).toBe(december14);
  });

  it('takes a date without a year that has passed as next year\'s', () => {
    expect(returnDateOf('On holiday until 4 January.', received)?.toISOString()).toBe('2027-01-04T00:00:00.000Z');
  });

  it('finds nothing when no date follows the phrase, or the date is not ahead', () => {
    expect(returnDateOf('I am out of the office with limited access to email.', received)).toBeNull();
    expect(returnDateOf('Back on Monday.', received)).toBeNull();
    expect(returnDateOf('I was away until 2026-11-20.', received)).toBeNull();
  });

  it('reads only the start of the text', () => {
    expect(returnDateOf(`${'x '.repeat(600)} back on 14 December`, received)).toBeNull();
  });
});
