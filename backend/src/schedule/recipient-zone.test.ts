import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../shared/schemas/campaigns';
import { campaignMayClaim, recipientWindowOpening, recipientZone, zoneOfValue } from './recipient-zone';

const UTC_OFFICE: Schedule = { startAt: null, timezone: 'UTC', days: [1, 2, 3, 4, 5], window: { start: '09:00', end: '17:00' }, recipientTimeZoneField: 'Time Zone' };
const at = (iso: string) => new Date(iso);

describe('zoneOfValue', () => {
  it('reads IANA zones, offsets in the usual spellings, and the names of UTC', () => {
    expect(zoneOfValue('Europe/Madrid')).toBe('Europe/Madrid');
    expect(zoneOfValue(' Asia/Tokyo ')).toBe('Asia/Tokyo');
    expect(zoneOfValue('+02:00')).toBe('+02:00');
    expect(zoneOfValue('-0530')).toBe('-05:30');
    expect(zoneOfValue('UTC+9')).toBe('+09:00');
    expect(zoneOfValue('GMT-05:00')).toBe('-05:00');
    expect(zoneOfValue('+05:45')).toBe('+05:45');
    for (const utc of ['Z', 'utc', 'GMT', '+00:00', '-00:00']) expect(zoneOfValue(utc), utc).toBe('UTC');
  });

  it('refuses what names no zone: unknown names, impossible offsets, blanks', () => {
    for (const bad of ['Mars/Olympus', '+15:00', '-13:00', '+02:61', '+02:10', '-00:30', '2', '', '   ', 'Tokyo time']) {
      expect(zoneOfValue(bad), bad).toBeNull();
    }
    expect(zoneOfValue(undefined)).toBeNull();
  });
});

describe('recipientZone', () => {
  it("takes the recipient's zone from the field, its name compared as merge tags compare names", () => {
    expect(recipientZone(UTC_OFFICE, { 'time  zone': 'Asia/Tokyo' })).toEqual({ zone: 'Asia/Tokyo', fellBack: false });
  });

  it("falls back to the campaign's zone for a missing or invalid value, and says so", () => {
    expect(recipientZone(UTC_OFFICE, {})).toEqual({ zone: 'UTC', fellBack: true });
    expect(recipientZone(UTC_OFFICE, { 'Time Zone': 'Atlantis' })).toEqual({ zone: 'UTC', fellBack: true });
  });

  it("uses the campaign's zone, without a fallback, when the campaign names no field", () => {
    expect(recipientZone({ ...UTC_OFFICE, recipientTimeZoneField: null }, { 'Time Zone': 'Asia/Tokyo' })).toEqual({ zone: 'UTC', fellBack: false });
  });
});

describe('recipientWindowOpening', () => {
  it("opens at 09:00 in the recipient's zone, DST included", () => {
    // Friday 27 March 2026, 20:00Z. Madrid moves to CEST on Sunday 29 March.
    const friday = at('2026-03-27T20:00:00Z');
    expect(recipientWindowOpening(UTC_OFFICE, { 'Time Zone': 'Asia/Tokyo' }, friday).toISOString()).toBe('2026-03-30T00:00:00.000Z');
    expect(recipientWindowOpening(UTC_OFFICE, { 'Time Zone': 'Europe/Madrid' }, friday).toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(recipientWindowOpening(UTC_OFFICE, { 'Time Zone': '+05:00' }, friday).toISOString()).toBe('2026-03-30T04:00:00.000Z');
    // Friday 15:00 at -05:00: open now.
    expect(recipientWindowOpening(UTC_OFFICE, { 'Time Zone': '-05:00' }, friday).toISOString()).toBe('2026-03-27T20:00:00.000Z');
    expect(recipientWindowOpening(UTC_OFFICE, {}, friday).toISOString()).toBe('2026-03-30T09:00:00.000Z');
    // Inside the window: now.
    expect(recipientWindowOpening(UTC_OFFICE, { 'Time Zone': 'Europe/Madrid' }, at('2026-03-27T15:00:00Z')).toISOString()).toBe('2026-03-27T15:00:00.000Z');
  });
});

describe('campaignMayClaim', () => {
  it("lets a campaign with per-recipient zones claim outside its own hours, but not before its start", () => {
    const saturday = at('2026-03-28T12:00:00Z');
    expect(campaignMayClaim(UTC_OFFICE, saturday)).toBe(true);
    expect(campaignMayClaim({ ...UTC_OFFICE, recipientTimeZoneField: null }, saturday)).toBe(false);
    expect(campaignMayClaim({ ...UTC_OFFICE, startAt: '2026-03-29T00:00:00Z' }, saturday)).toBe(false);
  });
});
