import { describe, expect, it } from 'vitest';
import { formatAgo, formatCount, formatInZone, formatPlural, formatRate, formatTiming, formatWaiting, pluralWord, timingSegments, zoneName } from './format';

const en = { locale: 'en-US' };

describe('numbers and plurals through Intl', () => {
  it('groups thousands', () => {
    expect(formatCount(50_000, en)).toBe('50,000');
    expect(formatCount(50_000, { locale: 'de-DE' })).toBe('50.000');
  });

  it('picks the singular for one and the plural otherwise', () => {
    const replies = { one: 'reply', other: 'replies' };
    expect(formatPlural(1, replies, en)).toBe('1 reply');
    expect(formatPlural(0, replies, en)).toBe('0 replies');
    expect(formatPlural(2, replies, en)).toBe('2 replies');
    expect(formatPlural(50_000, { one: 'recipient', other: 'recipients' }, en)).toBe('50,000 recipients');
    expect(pluralWord(1, { one: 'address', other: 'addresses' }, en)).toBe('address');
  });

  it.each([
    [0, '0%'],
    [0.5, '50%'],
    [0.0123, '1.2%'],
    [0.1234, '12%'],
  ])('shows the rate %s as %s', (rate, shown) => {
    expect(formatRate(rate, en)).toBe(shown);
  });
});

describe('formatAgo', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  it('says just now, then minutes, hours and days in words', () => {
    expect(formatAgo('2026-03-01T11:59:40Z', now, en)).toBe('just now');
    expect(formatAgo('2026-03-01T11:59:00Z', now, en)).toBe('1 minute ago');
    expect(formatAgo('2026-03-01T11:50:00Z', now, en)).toBe('10 minutes ago');
    expect(formatAgo('2026-03-01T09:00:00Z', now, en)).toBe('3 hours ago');
    expect(formatAgo('2026-02-28T11:00:00Z', now, en)).toBe('yesterday');
  });
});

describe('time in the campaign zone', () => {
  const now = new Date('2026-03-07T11:00:00Z'); // Saturday, 12:00 in Madrid
  const options = { now, locale: 'en-GB' };
  it('names the zone by its city', () => {
    expect(zoneName('Europe/Madrid')).toBe('Madrid');
    expect(zoneName('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
    expect(zoneName('UTC')).toBe('UTC');
  });

  it("reads the campaign's clock: today, tomorrow, a weekday, or a date further off", () => {
    expect(formatInZone('2026-03-07T18:00:00Z', 'Europe/Madrid', options)).toBe('today 19:00');
    expect(formatInZone('2026-03-08T08:00:00Z', 'Europe/Madrid', options)).toBe('tomorrow 09:00');
    expect(formatInZone('2026-03-09T08:00:00Z', 'Europe/Madrid', options)).toBe('Mon 09:00');
    expect(formatInZone('2026-03-16T08:00:00Z', 'Europe/Madrid', options)).toBe('Mon 16 Mar 09:00');
  });

  it("counts days on the campaign's clock, not the browser's or UTC's", () => {
    // 23:30 UTC on Saturday is already Sunday in Madrid and still Saturday in New York.
    expect(formatInZone('2026-03-07T23:30:00Z', 'Europe/Madrid', options)).toBe('tomorrow 00:30');
    expect(formatInZone('2026-03-07T23:30:00Z', 'America/New_York', options)).toBe('today 18:30');
  });

  it('says why a campaign waits and until when', () => {
    expect(formatWaiting({ reason: 'outside-hours', until: '2026-03-09T08:00:00Z' }, 'Europe/Madrid', options)).toBe('Outside sending hours until Mon 09:00 (Madrid)');
    expect(formatWaiting({ reason: 'before-start', until: '2026-03-09T08:00:00Z' }, 'Europe/Madrid', options)).toBe('Starts Mon 09:00 (Madrid)');
    expect(formatWaiting({ reason: 'daily-limit', until: '2026-03-08T10:30:00Z' }, 'UTC', options)).toBe('Daily limit reached: sending again tomorrow 10:30 (UTC)');
    expect(formatWaiting({ reason: 'follow-up-delay', until: '2026-03-10T10:30:00Z' }, 'Asia/Tokyo', options)).toBe('Follow-ups not due until Tue 19:30 (Tokyo)');
    expect(formatWaiting({ reason: 'ab-test', until: '2026-03-10T13:00:00Z' }, 'Europe/Madrid', options)).toBe('A/B test: winner picked around Tue 14:00 (Madrid)');
  });

  it('says when a launch would start and end, over several days', () => {
    const timing = { firstSendAt: '2026-03-09T08:00:00Z', lastFirstMessageAt: '2026-03-11T11:48:00Z', lastMessageAt: '2026-03-13T16:00:00Z' };
    const sunday = { now: new Date('2026-03-08T07:00:00Z'), locale: 'en-GB' };
    expect(formatTiming(timing, 'Europe/Madrid', sunday)).toBe('Starts tomorrow 09:00 (Madrid), first messages done Wed, follow-ups until Fri 17:00');
    expect(formatTiming({ ...timing, lastMessageAt: timing.lastFirstMessageAt }, 'Europe/Madrid', sunday)).toBe('Starts tomorrow 09:00 (Madrid), done Wed 12:48');
    const friday = { now: new Date('2026-03-06T07:00:00Z'), locale: 'en-GB' };
    expect(formatTiming(timing, 'Europe/Madrid', friday)).toBe('Starts Mon 09:00 (Madrid), first messages done Wed, follow-ups until Fri 13 Mar 17:00');
  });

  it('reads well when everything happens today', () => {
    const today = { now: new Date('2026-03-09T07:00:00Z'), locale: 'en-GB' };
    const quick = { firstSendAt: '2026-03-09T08:00:00Z', lastFirstMessageAt: '2026-03-09T08:40:00Z', lastMessageAt: '2026-03-09T08:40:00Z' };
    expect(formatTiming(quick, 'Europe/Madrid', today)).toBe('Starts today 09:00 (Madrid), done by 09:40');
    expect(formatTiming({ ...quick, lastMessageAt: '2026-03-09T15:00:00Z' }, 'Europe/Madrid', today)).toBe(
      'Starts today 09:00 (Madrid), first messages done by 09:40, follow-ups until 16:00',
    );
  });

  it('marks each moment of the timing with its instant', () => {
    const timing = { firstSendAt: '2026-03-09T08:00:00Z', lastFirstMessageAt: '2026-03-11T11:48:00Z', lastMessageAt: '2026-03-13T16:00:00Z' };
    const moments = timingSegments(timing, 'Europe/Madrid', { now: new Date('2026-03-06T07:00:00Z'), locale: 'en-GB' }).filter((s) => typeof s !== 'string');
    expect(moments).toEqual([
      { iso: timing.firstSendAt, text: 'Mon 09:00' },
      { iso: timing.lastFirstMessageAt, text: 'Wed' },
      { iso: timing.lastMessageAt, text: 'Fri 13 Mar 17:00' },
    ]);
  });
});
