import { describe, expect, it } from 'vitest';
import type { ConnectionHealth } from '../../messages';
import { connectionWords } from './connection-words';

const SERVER = 'http://127.0.0.1:8787';
const at = (state: ConnectionHealth['state'], serverUrl: string | null = SERVER): ConnectionHealth => ({ state, serverUrl, since: '2026-12-03T08:00:00.000Z' });

describe('connectionWords', () => {
  it('is green, with no word and no banner, only when the last request succeeded', () => {
    expect(connectionWords(at('online'), SERVER)).toEqual({ tone: 'ok', word: null, spoken: 'Connected to 127.0.0.1:8787', banner: null });
    for (const state of ['unknown', 'unreachable', 'server-error', 'revoked'] as const) {
      expect(connectionWords(at(state), SERVER).tone).not.toBe('ok');
    }
  });

  it('says "Cannot reach <host>" to screen readers, a short word on screen, and one banner while out of reach', () => {
    const words = connectionWords(at('unreachable'), SERVER);
    expect(words).toMatchObject({ tone: 'trouble', word: 'Offline', spoken: 'Cannot reach 127.0.0.1:8787' });
    expect(words.banner).toMatch(/^Cannot reach 127\.0\.0\.1:8787\./);
  });

  it('leaves a server error to the screen whose request failed: amber dot and word, no second banner', () => {
    expect(connectionWords(at('server-error'), SERVER)).toMatchObject({ tone: 'trouble', word: 'Server error', banner: null });
  });

  it('is red for a refused token', () => {
    expect(connectionWords(at('revoked'), SERVER)).toMatchObject({ tone: 'refused', word: 'Signed out' });
  });

  it('ignores a state recorded for another server', () => {
    expect(connectionWords(at('online', 'https://old.example.com'), SERVER)).toMatchObject({ tone: 'waiting', word: 'Checking…' });
  });
});
