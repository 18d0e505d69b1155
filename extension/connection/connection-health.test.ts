import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ConnectionHealth } from '../messages/connection';
import { HEALTH_STORAGE_KEY, UNKNOWN_HEALTH, createConnectionHealth, nextHealth, type RequestOutcome } from './connection-health';

const A = 'https://a.example';
const B = 'https://b.example';
const T1 = '2026-12-03T08:00:00.000Z';
const T2 = '2026-12-03T08:01:00.000Z';
const request = (outcome: RequestOutcome, serverUrl = A) => ({ kind: 'request', serverUrl, outcome }) as const;

beforeEach(() => fakeBrowser.reset());

describe('nextHealth', () => {
  it('follows the last request: online after an answer, unreachable or server-error after a failure', () => {
    let health: ConnectionHealth = UNKNOWN_HEALTH;
    health = nextHealth(health, request('unreachable'), T1);
    expect(health).toEqual({ state: 'unreachable', serverUrl: A, since: T1 });
    health = nextHealth(health, request('answered'), T2);
    expect(health).toEqual({ state: 'online', serverUrl: A, since: T2 });
    expect(nextHealth(health, request('server-error'), T2).state).toBe('server-error');
  });

  it('keeps `since` (and the same object) while the state repeats', () => {
    const down = nextHealth(UNKNOWN_HEALTH, request('unreachable'), T1);
    expect(nextHealth(down, request('unreachable'), T2)).toBe(down);
  });

  it('keeps a refused token refused until a new connect or a sign-out', () => {
    const revoked = nextHealth(UNKNOWN_HEALTH, request('revoked'), T1);
    expect(nextHealth(revoked, request('answered'), T2)).toBe(revoked);
    expect(nextHealth(revoked, request('unreachable'), T2)).toBe(revoked);
    expect(nextHealth(revoked, { kind: 'connected', serverUrl: A }, T2)).toEqual({ state: 'online', serverUrl: A, since: T2 });
    expect(nextHealth(revoked, { kind: 'signed-out' }, T2)).toEqual(UNKNOWN_HEALTH);
  });

  it('starts over for another server', () => {
    const revoked = nextHealth(UNKNOWN_HEALTH, request('revoked'), T1);
    expect(nextHealth(revoked, request('answered', B), T2)).toEqual({ state: 'online', serverUrl: B, since: T2 });
  });
});

describe('createConnectionHealth', () => {
  function setup() {
    const changes: [string, string][] = [];
    let now = Date.parse(T1);
    const health = createConnectionHealth(fakeBrowser.storage.session, {
      now: () => new Date(now),
      onChange: (after, before) => changes.push([before.state, after.state]),
    });
    return { health, changes, advance: () => (now += 60_000) };
  }

  it('stores each change in storage.session for the panel, and only changes', async () => {
    const { health, changes, advance } = setup();

    await health.report(A, 'answered');
    advance();
    await health.report(A, 'answered');
    await health.report(A, 'unreachable');
    await health.report(A, 'unreachable');

    expect(changes).toEqual([
      ['unknown', 'online'],
      ['online', 'unreachable'],
    ]);
    expect(await fakeBrowser.storage.session.get(HEALTH_STORAGE_KEY)).toEqual({
      [HEALTH_STORAGE_KEY]: { state: 'unreachable', serverUrl: A, since: '2026-12-03T08:01:00.000Z' },
    });
  });

  it('applies reports in the order they were made, even when made at once', async () => {
    const { health } = setup();
    void health.report(A, 'unreachable');
    void health.report(A, 'server-error');
    await health.report(A, 'answered');
    expect((await health.get()).state).toBe('online');
  });

  it('reads what an earlier service worker stored', async () => {
    await fakeBrowser.storage.session.set({ [HEALTH_STORAGE_KEY]: { state: 'revoked', serverUrl: A, since: T1 } });
    const { health } = setup();
    expect(await health.get()).toEqual({ state: 'revoked', serverUrl: A, since: T1 });
    expect(await health.report(A, 'answered')).toMatchObject({ state: 'revoked' });
  });
});
