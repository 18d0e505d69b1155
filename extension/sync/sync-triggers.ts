import type { Alarms } from 'webextension-polyfill';
import type { SyncEngine } from './sync-engine';

const ALARM = 'iconnect-sync';

/**
 * When the background syncs: as it starts, when the browser comes back online, when the server
 * answers again after failing (issue 14: edits made meanwhile go out at once), and once a minute
 * (an alarm, because a service worker's timers die with it). Failures are already recorded in the
 * sync state for the panel to show; here they are only logged.
 */
export function startSyncTriggers(sync: Pick<SyncEngine, 'syncNow'>, browser: { alarms: Pick<Alarms.Static, 'onAlarm' | 'create'>; onOnline(listener: () => void): void; onReconnect?(listener: () => void): void }): void {
  const run = () => {
    sync.syncNow().catch((error: unknown) => console.error('[iconnect] sync failed', error));
  };
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) run();
  });
  browser.onOnline(run);
  browser.onReconnect?.(run);
  void browser.alarms.create(ALARM, { periodInMinutes: 1 });
  run();
}
