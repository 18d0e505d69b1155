import { describe, expect, it } from 'vitest';
import { connectionHealthSchema } from '../messages/connection';
import { readStoredHealth, UNKNOWN_HEALTH } from './session-keys';

describe('readStoredHealth', () => {
  it('reads every health the background writes, as the schema does', () => {
    for (const state of connectionHealthSchema.shape.state.options) {
      const health = { state, serverUrl: 'https://a.example', since: '2026-12-03T08:00:00.000Z' };
      expect(readStoredHealth(health)).toEqual(connectionHealthSchema.parse(health));
    }
    expect(readStoredHealth(UNKNOWN_HEALTH)).toEqual(UNKNOWN_HEALTH);
  });

  it('takes a removed or malformed value for "unknown", never for online', () => {
    for (const value of [undefined, null, 'online', { state: 'online' }, { state: 'green', serverUrl: null, since: null }, { state: 'online', serverUrl: 1, since: null }]) {
      expect(readStoredHealth(value)).toEqual(UNKNOWN_HEALTH);
    }
  });
});
