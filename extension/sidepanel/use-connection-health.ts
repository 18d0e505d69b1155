import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import browser from 'webextension-polyfill';
import { HEALTH_STORAGE_KEY, readStoredHealth, UNKNOWN_HEALTH } from '../connection/session-keys';
import type { ConnectionHealth } from '../messages';
import { sendMessage } from './send-message';

/**
 * While the server cannot be reached, the panel asks again after these delays (the last repeats):
 * soon enough that it notices within seconds that the server is back (issue 14), rare enough to
 * cost nothing.
 */
export const CHECK_BACKOFF_MS = [1_000, 2_000, 4_000, 5_000] as const;

/** States in which the panel keeps asking until the server answers. */
const RETRYING = new Set<ConnectionHealth['state']>(['unreachable', 'server-error']);

export interface HealthView {
  health: ConnectionHealth;
  /** True while a check the user asked for is under way. */
  checking: boolean;
  /** Asks the server now ("Try now"). */
  checkNow(): Promise<void>;
}

const HealthContext = createContext<HealthView>({ health: UNKNOWN_HEALTH, checking: false, checkNow: async () => undefined });
/** Given by the app around the workspace; the session bar draws the dot and the banner from it. */
export const ConnectionHealthProvider = HealthContext.Provider;
export const useHealth = (): HealthView => useContext(HealthContext);

/** The health stored by the background, from a `storage.onChanged` change (undefined: removed). */
const parseHealth = readStoredHealth;

/**
 * Calls `listener` when requests to the server succeed again after failing: every screen that
 * shows server data fetches it again then, so stale counts and "cannot reach" notes go at once.
 */
export function useOnReconnect(listener: () => void): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => {
    const onChanged = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => {
      const change = changes[HEALTH_STORAGE_KEY];
      if (area !== 'session' || !change) return;
      if (parseHealth(change.newValue).state === 'online' && RETRYING.has(parseHealth(change.oldValue).state)) latest.current();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
}

/**
 * The connection's health as the background records it from every request (connection-health.ts),
 * redrawn on each change; while the server is out of reach, asks again with back-off, so the panel
 * learns by itself when it is back. `active`: only while signed in.
 */
export function useConnectionHealth(active: boolean): HealthView {
  const [health, setHealth] = useState<ConnectionHealth>(UNKNOWN_HEALTH);
  const [checking, setChecking] = useState(false);
  const attempts = useRef(0);

  useEffect(() => {
    if (!active) {
      // Signed out: what was said about the last connection says nothing about the next one.
      setHealth(UNKNOWN_HEALTH);
      return;
    }
    let live = true;
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const change = changes[HEALTH_STORAGE_KEY];
      if (live && area === 'session' && change) setHealth(parseHealth(change.newValue));
    };
    // Listen first, then read: a change in between is seen by one or the other.
    browser.storage.onChanged.addListener(onChanged);
    void sendMessage({ type: 'connection/health' }).then((answer) => {
      if (!live || !answer.ok) return;
      setHealth(answer.value);
      // Nothing asked the server since the background started: ask, so the dot is not a guess.
      if (answer.value.state === 'unknown') void sendMessage({ type: 'connection/check' });
    });
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [active]);

  const retrying = active && RETRYING.has(health.state);
  useEffect(() => {
    if (!retrying) {
      attempts.current = 0;
      return;
    }
    const delay = CHECK_BACKOFF_MS[Math.min(attempts.current, CHECK_BACKOFF_MS.length - 1)];
    const timer = setTimeout(() => {
      attempts.current++;
      // A failed check changes nothing stored: ask again by bumping the state we schedule on.
      void sendMessage({ type: 'connection/check' }).then((answer) => {
        setHealth((current) => ({ ...(answer.ok ? answer.value : current) }));
      });
    }, delay);
    return () => clearTimeout(timer);
  }, [retrying, health]);

  const checkNow = useCallback(async () => {
    setChecking(true);
    const answer = await sendMessage({ type: 'connection/check' });
    if (answer.ok) setHealth({ ...answer.value });
    setChecking(false);
  }, []);

  return { health, checking, checkNow };
}
