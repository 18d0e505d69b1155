import type { Alarms } from 'webextension-polyfill';
import type { SyncEngine } from './sync-engine';

const ALARM = 'iconnect-sync';

/**
 * When the background syncs: as it starts, when the browser comes back online, and once a minute
 * (an alarm, because a service worker's timers die with it). Failures are already recorded in the
 * sync state for the panel to show; here they are only logged.
 */
export function startSyncTriggers(sync: Pick<SyncEngine, 'syncNow'>, browser: { alarms: Alarms.Static; onOnline(listener: () => void): void }): void {
  const run = () => {
    sync.syncNow().catch((error: unknown) => console.error('[iconnect] sync failed', error));
  };
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) run();
  });
  browser.onOnline(run);
  void browser.alarms.create(ALARM, { periodInMinutes: 1 });
  run();
}
