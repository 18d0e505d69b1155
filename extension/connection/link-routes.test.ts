import { describe, expect, it, vi } from 'vitest';
import { messageSchema, responseSchema } from '../messages';
import type { LinkFlow } from './link-flow';
import { linkMessageRoutes } from './link-routes';

const waiting = { phase: 'waiting', serverUrl: 'https://a.example', expiresAt: 1 } as const;

function fakeFlow(): LinkFlow {
  return {
    start: vi.fn(async () => ({ ok: true as const, value: waiting })),
    status: vi.fn(async () => waiting),
    cancel: vi.fn(async () => ({ phase: 'idle' as const })),
    tabUpdated: vi.fn(async () => undefined),
    tabRemoved: vi.fn(async () => undefined),
  };
}

describe('linkMessageRoutes', () => {
  it('keeps every link message to our own pages', () => {
    expect(Object.values(linkMessageRoutes(fakeFlow())).map((route) => route.access)).toEqual(['extension-pages', 'extension-pages', 'extension-pages']);
  });

  it('starts, reports and cancels through the flow', async () => {
    const flow = fakeFlow();
    const routes = linkMessageRoutes(flow);

    await expect(routes['connection/link-start'].handle({ type: 'connection/link-start', serverUrl: 'a.example' })).resolves.toEqual({ ok: true, value: waiting });
    await expect(routes['connection/link-status'].handle({ type: 'connection/link-status' })).resolves.toEqual({ ok: true, value: waiting });
    await expect(routes['connection/link-cancel'].handle({ type: 'connection/link-cancel' })).resolves.toEqual({ ok: true, value: { phase: 'idle' } });
    expect(flow.start).toHaveBeenCalledWith('a.example');
  });

  it.each([
    ['a start without an address', { type: 'connection/link-start' }],
    ['an oversized address', { type: 'connection/link-start', serverUrl: `https://${'a'.repeat(3000)}` }],
    ['a start that brings its own state', { type: 'connection/link-start', serverUrl: 'https://a.example', state: 'x' }],
  ])('refuses %s', (_name, message) => {
    expect(messageSchema.safeParse(message).success).toBe(false);
  });

  it('lets the panel see no state: a status carrying one fails to parse', () => {
    const leaky = { ok: true, value: { ...waiting, state: 'q9Yt3m0bQ2s7vVw8xR1cJk4LpN6oA5eZ-_uHfIgDhTs' } };
    expect(responseSchema('connection/link-status').safeParse(leaky).success).toBe(false);
  });
});
