import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startSyncTriggers } from './sync-triggers';

beforeEach(() => fakeBrowser.reset());

describe('startSyncTriggers', () => {
  it('syncs at start, when the browser is back online, and when the server answers again (issue 14)', async () => {
    let runs = 0;
    let online = () => {};
    let reconnect = () => {};
    startSyncTriggers(
      {
        syncNow: async () => {
          runs++;
          return { pending: 0, conflicts: [], syncedAt: null, lastError: null };
        },
      },
      { alarms: fakeBrowser.alarms, onOnline: (listener) => (online = listener), onReconnect: (listener) => (reconnect = listener) },
    );
    expect(runs).toBe(1);

    online();
    reconnect();

    expect(runs).toBe(3);
  });
});
