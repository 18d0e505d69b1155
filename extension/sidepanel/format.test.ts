import { describe, expect, it } from 'vitest';
import { formatAgo, formatInZone, formatRate, formatTiming, formatWaiting, zoneName } from './format';

describe('formatRate', () => {
  it.each([
    [0, '0%'],
    [0.5, '50%'],
    [0.0123, '1.2%'],
    [0.1234, '12%'],
  ])('shows %s as %s', (rate, shown) => {
    expect(formatRate(rate)).toBe(shown);
  });
});

describe('formatAgo', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  it('says just now, then minutes, then hours', () => {
    expect(formatAgo('2026-03-01T11:59:40Z', now)).toBe('just now');
    expect(formatAgo('2026-03-01T11:50:00Z', now)).toBe('10 min ago');
    expect(formatAgo('2026-03-01T09:00:00Z', now)).toBe('3 h ago');
  });
});

describe('time in the campaign zone', () => {
  const now = new Date('2026-03-07T11:00:00Z'); // Saturday
  const options = { now, locale: 'en-GB' };
  it('names the zone by its city', () => {
    expect(zoneName('Europe/Madrid')).toBe('Madrid');
    expect(zoneName('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
    expect(zoneName('UTC')).toBe('UTC');
  });

  it("reads the campaign's clock, with the date when it is more than a few days off", () => {
    expect(formatInZone('2026-03-09T08:00:00Z', 'Europe/Madrid', options)).toBe('Mon 09:00');
    expect(formatInZone('2026-03-16T08:00:00Z', 'Europe/Madrid', options)).toBe('Mon 16 Mar 09:00');
  });

  it('says why a campaign waits and until when', () => {
    expect(formatWaiting({ reason: 'outside-hours', until: '2026-03-09T08:00:00Z' }, 'Europe/Madrid', options)).toBe('Waiting for sending hours: Mon 09:00 (Madrid)');
    expect(formatWaiting({ reason: 'before-start', until: '2026-03-09T08:00:00Z' }, 'Europe/Madrid', options)).toBe('Starts Mon 09:00 (Madrid)');
    expect(formatWaiting({ reason: 'daily-limit', until: '2026-03-08T10:30:00Z' }, 'UTC', options)).toBe('Daily limit reached, sending again: Sun 10:30 (UTC)');
  });

  it('says when a launch would start and end', () => {
    const timing = { firstSendAt: '2026-03-09T08:00:00Z', lastFirstMessageAt: '2026-03-11T11:48:00Z', lastMessageAt: '2026-03-13T16:00:00Z' };
    const monday = { now: new Date('2026-03-09T07:00:00Z'), locale: 'en-GB' };
    expect(formatTiming(timing, 'Europe/Madrid', monday)).toBe('Starts Mon 09:00 (Madrid), first messages done Wed 12:48, follow-ups until Fri 17:00');
    expect(formatTiming({ ...timing, lastMessageAt: timing.lastFirstMessageAt }, 'Europe/Madrid', monday)).toBe('Starts Mon 09:00 (Madrid), done Wed 12:48');
  });
});
