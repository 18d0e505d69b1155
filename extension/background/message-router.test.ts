import { describe, expect, it, vi } from 'vitest';
import { ok } from '../messages';
import { createMessageRouter, type Routes } from './message-router';

const extension = { id: 'ext', baseUrl: 'chrome-extension://ext/' };
const panel = { id: 'ext', url: 'chrome-extension://ext/sidepanel.html' };
const contentScript = { id: 'ext', url: 'https://mail.google.com/mail/u/0/' };
const disconnected = { connected: false } as const;

function setup(handle: () => Promise<unknown> = async () => ok(disconnected)) {
  const handler = vi.fn(handle);
  const routes = {
    'connection/get': { access: 'extension-pages', handle: handler },
    'connection/connect': { access: 'extension-pages', handle: handler },
    'connection/disconnect': { access: 'extension-pages', handle: handler },
  } as unknown as Routes;
  const onError = vi.fn();
  return { route: createMessageRouter({ routes, extension, onError }), handler, onError };
}

describe('createMessageRouter', () => {
  it('answers a valid message from our side panel', async () => {
    const { route, handler } = setup();
    await expect(route({ type: 'connection/get' }, panel)).resolves.toEqual(ok(disconnected));
    expect(handler).toHaveBeenCalledWith({ type: 'connection/get' });
  });

  it('refuses a malformed message without calling any handler', async () => {
    const { route, handler } = setup();
    const answer = await route({ type: 'connection/connect', serverUrl: 'http://x' }, panel);
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a privileged message from a content script', async () => {
    const { route, handler } = setup();
    const answer = await route({ type: 'connection/get' }, contentScript);
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('hides a handler crash behind a generic error and reports it', async () => {
    const { route, onError } = setup(async () => {
      throw new Error('IndexedDB exploded with ick_secret');
    });
    const answer = await route({ type: 'connection/disconnect' }, panel);
    expect(answer).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } });
    expect(JSON.stringify(answer)).not.toContain('ick_secret');
    expect(onError).toHaveBeenCalledWith(expect.any(Error), 'connection/disconnect');
  });
});
