import type { ConnectionHealth } from '../../messages';

export interface ConnectionWords {
  /** The dot's colour (a class modifier). */
  tone: 'ok' | 'waiting' | 'trouble' | 'refused';
  /** A short word beside the dot; none when all is well (the green dot says it). */
  word: string | null;
  /** What a screen reader hears for the dot: the dot is never the only carrier of the state. */
  spoken: string;
  /** The one banner for the whole panel while the server is out of reach: screens do not repeat it. */
  banner: string | null;
}

/** `https://mail.example.com/iconnect` → `mail.example.com/iconnect`, as the session line shows it. */
export function shownHost(serverUrl: string): string {
  return serverUrl.replace(/^https?:\/\//, '');
}

/**
 * The session line's dot and words for a connection state (issue 14): green only when the last
 * request to the server succeeded; out of reach and server errors have their own word and a
 * banner; a refused token is red.
 *
 * @example
 * connectionWords({ state: 'unreachable', serverUrl: 'http://127.0.0.1:8787', since: '…' }, 'http://127.0.0.1:8787').spoken
 * // 'Cannot reach 127.0.0.1:8787'
 */
export function connectionWords(health: ConnectionHealth, serverUrl: string): ConnectionWords {
  const host = shownHost(serverUrl);
  // A state recorded for another server (before a new connect) says nothing about this one.
  const state = health.serverUrl === null || health.serverUrl === serverUrl ? health.state : 'unknown';
  switch (state) {
    case 'online':
      return { tone: 'ok', word: null, spoken: `Connected to ${host}`, banner: null };
    case 'unknown':
      return { tone: 'waiting', word: 'Checking…', spoken: `Checking the connection to ${host}`, banner: null };
    case 'unreachable':
      return {
        tone: 'trouble',
        word: 'Offline',
        spoken: `Cannot reach ${host}`,
        banner: `Cannot reach ${host}. You are seeing what this device saved; edits wait here. Trying again by itself.`,
      };
    case 'server-error':
      return {
        tone: 'trouble',
        word: 'Server error',
        spoken: `${host} is answering with errors`,
        // Each screen says which of its requests failed and how: a banner here would say it twice.
        banner: null,
      };
    case 'revoked':
      return { tone: 'refused', word: 'Signed out', spoken: `${host} signed this device out`, banner: null };
  }
}
