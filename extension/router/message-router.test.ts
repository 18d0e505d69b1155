import { describe, expect, it, vi } from 'vitest';
import { ok } from '../messages';
import { createMessageRouter, type Routes } from './message-router';

const extension = { id: 'ext', baseUrl: 'chrome-extension://ext/' };
const panel = { id: 'ext', url: 'chrome-extension://ext/sidepanel.html' };
const contentScript = { id: 'ext', url: 'https://mail.google.com/mail/u/0/' };
/** Our content script as Chrome describes it: top frame of a Gmail tab. */
const gmail = { id: 'ext', url: 'https://mail.google.com/mail/u/0/#inbox', origin: 'https://mail.google.com', tab: { id: 7, windowId: 3 }, frameId: 0 };
const disconnected = { connected: false } as const;
const exportMessage = { type: 'compose/export', draft: { subject: 'Hi', html: '<p>Hi</p>' }, target: { kind: 'new' } };

function setup(handle: () => Promise<unknown> = async () => ok(disconnected)) {
  const handler = vi.fn(handle);
  const routes = {
    'connection/get': { access: 'extension-pages', handle: handler },
    'connection/connect': { access: 'extension-pages', handle: handler },
    'connection/disconnect': { access: 'extension-pages', handle: handler },
    'compose/campaigns': { access: 'gmail-content-script', handle: handler },
    'compose/export': { access: 'gmail-content-script', handle: handler },
  } as unknown as Routes;
  const onError = vi.fn();
  return { route: createMessageRouter({ routes, extension, onError }), handler, onError };
}

describe('createMessageRouter', () => {
  it('answers a valid message from our side panel', async () => {
    const { route, handler } = setup();
    await expect(route({ type: 'connection/get' }, panel)).resolves.toEqual(ok(disconnected));
    expect(handler).toHaveBeenCalledWith({ type: 'connection/get' }, {});
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

  it('answers a compose message from our content script in a Gmail tab, and tells the handler which tab', async () => {
    const { route, handler } = setup();
    await expect(route(exportMessage, gmail)).resolves.toEqual(ok(disconnected));
    expect(handler).toHaveBeenCalledWith(exportMessage, { tab: { id: 7, windowId: 3 } });
  });

  it('answers a compose message from our own pages, without a tab', async () => {
    const { route, handler } = setup();
    await route({ type: 'compose/campaigns' }, panel);
    expect(handler).toHaveBeenCalledWith({ type: 'compose/campaigns' }, {});
  });

  it.each([
    ['another site', { ...gmail, url: 'https://evil.example/mail/', origin: 'https://evil.example' }],
    ['a look-alike host', { ...gmail, url: 'https://mail.google.com.evil.example/', origin: 'https://mail.google.com.evil.example' }],
    ['plain http', { ...gmail, url: 'http://mail.google.com/mail/', origin: 'http://mail.google.com' }],
    ['a frame inside Gmail', { ...gmail, frameId: 3 }],
    ['a Gmail URL in a frame of another origin', { ...gmail, origin: 'https://ads.example' }],
    ['no tab', { ...gmail, tab: undefined }],
    ['another extension', { ...gmail, id: 'other' }],
  ])('refuses a compose message from %s', async (_name, sender) => {
    const { route, handler } = setup();
    const answer = await route(exportMessage, sender);
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses every other message from our Gmail content script', async () => {
    const { route, handler } = setup();
    for (const type of ['connection/get', 'connection/disconnect']) {
      expect(await route({ type }, gmail)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a compose message that does not parse, before checking anything else', async () => {
    const { route, handler } = setup();
    const oversized = { ...exportMessage, draft: { subject: 'Hi', html: 'x'.repeat(500_001) } };
    const withUrl = { ...exportMessage, url: 'https://evil.example/steal' };
    expect(await route(oversized, gmail)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await route(withUrl, gmail)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('says the size and the limit of a message too large for the server, instead of "not understood" (issue 14)', async () => {
    const { route, handler } = setup();
    const huge = { ...exportMessage, draft: { subject: 'Hi', html: 'x'.repeat(Math.round(5.2 * 1024 * 1024)) } };

    const answer = await route(huge, panel);

    expect(answer).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/^The message is 5\.2 MB; at most 1 MB\.$/) } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('names what is wrong with a known message under the size limit, and nothing about unknown ones', async () => {
    const { route } = setup();
    const long = { ...exportMessage, draft: { subject: 'Hi', html: 'x'.repeat(500_001) } };

    expect(await route(long, panel)).toMatchObject({ ok: false, error: { message: expect.stringContaining('The body is over 500,000 characters') } });
    expect(await route({ type: 'no/such-thing', x: 'x'.repeat(2_000_000) }, panel)).toMatchObject({
      ok: false,
      error: { message: 'This message is not one iConnect understands.' },
    });
  });

  it('runs the handler in the same turn as the message event, so it can still use the click’s user gesture', async () => {
    const { route, handler } = setup();
    const answering = route(exportMessage, gmail);
    expect(handler).toHaveBeenCalledTimes(1);
    await answering;
  });
});
