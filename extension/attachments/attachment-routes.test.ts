import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../api/api-client';
import { messageSchema } from '../messages';
import { UPLOAD_PIECE_BYTES } from '../messages/upload-piece';
import { attachmentMessageRoutes } from './attachment-routes';

const CONNECTION = { serverUrl: 'http://localhost:8787', token: 'ick_secret', userId: 'usr_1', email: 'a@b.co', connectedAt: '' };
const ATTACHMENT = { id: 'att_1', filename: 'inv-0042.pdf', contentType: 'application/pdf', size: 5, sha256: 'ab', shared: false, createdAt: '2026-03-01T10:00:00Z' };

let fetch: ReturnType<typeof vi.fn<typeof globalThis.fetch>>;
let routes: ReturnType<typeof attachmentMessageRoutes>;
beforeEach(() => {
  fetch = vi.fn<typeof globalThis.fetch>();
  routes = attachmentMessageRoutes({ api: createApiClient({ fetch, store: { get: async () => CONNECTION }, timeoutMs: 1000 }) });
});

const answer = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const piece = (over: Partial<Parameters<(typeof routes)['attachments/upload']['handle']>[0]>) => ({
  type: 'attachments/upload' as const,
  campaignId: 'cmp_1',
  uploadId: 'upl_abcdefgh',
  filename: 'inv-0042.pdf',
  size: 5,
  shared: false,
  offset: 0,
  piece: base64(new Uint8Array([1, 2, 3, 4, 5])),
  last: true,
  ...over,
});

describe('attachmentMessageRoutes', () => {
  it('posts the file pieces joined, as multipart with the shared field, once the last piece arrives', async () => {
    fetch.mockResolvedValue(answer(ATTACHMENT, 201));
    const first = await routes['attachments/upload'].handle(piece({ piece: base64(new Uint8Array([1, 2, 3])), last: false }));
    expect(first).toEqual({ ok: true, value: { received: 3, attachment: null } });
    expect(fetch).not.toHaveBeenCalled();

    const done = await routes['attachments/upload'].handle(piece({ offset: 3, piece: base64(new Uint8Array([4, 5])) }));
    expect(done).toEqual({ ok: true, value: { received: 5, attachment: ATTACHMENT } });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('http://localhost:8787/api/campaigns/cmp_1/attachments');
    const form = init!.body as FormData;
    const file = form.get('file') as File;
    expect(file.name).toBe('inv-0042.pdf');
    expect([...new Uint8Array(await file.arrayBuffer())]).toEqual([1, 2, 3, 4, 5]);
    expect(form.get('shared')).toBe('false');
  });

  it('asks for the file again when a piece is missing, instead of sending a file with a hole', async () => {
    await routes['attachments/upload'].handle(piece({ piece: base64(new Uint8Array([1, 2])), last: false }));
    const skipped = await routes['attachments/upload'].handle(piece({ offset: 3, piece: base64(new Uint8Array([4, 5])) }));
    expect(skipped).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining('Add the file again') } });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('refuses a last piece that leaves the file shorter than announced', async () => {
    const short = await routes['attachments/upload'].handle(piece({ size: 6 }));
    expect(short).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(fetch).not.toHaveBeenCalled();
  });

  it("shows the server's size refusal as its sentence", async () => {
    const message = "This file would make each message 27.4 MB; Gmail's limit is 25 MB";
    fetch.mockResolvedValue(
      new Response(JSON.stringify({ type: '/problems/payload-too-large', title: 'Too large', status: 413, detail: message, errors: [{ field: 'file', message }] }), {
        status: 413,
        headers: { 'content-type': 'application/problem+json' },
      }),
    );
    const refused = await routes['attachments/upload'].handle(piece({}));
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid', fields: [{ field: 'file', message }] } });
  });

  it('answers only our own pages: a Gmail tab cannot reach a campaign’s files', () => {
    expect(Object.values(routes).map((route) => route.access)).toEqual(['extension-pages', 'extension-pages', 'extension-pages']);
  });

  it('lists and removes through the campaign path', async () => {
    fetch.mockResolvedValueOnce(answer({ attachments: [ATTACHMENT], largestMessageBytes: 1000, maxMessageBytes: 25 * 1024 * 1024 }));
    expect(await routes['attachments/list'].handle({ type: 'attachments/list', campaignId: 'cmp_1' })).toMatchObject({ ok: true, value: { attachments: [ATTACHMENT] } });
    fetch.mockResolvedValueOnce(new Response(null, { status: 204 }));
    expect(await routes['attachments/remove'].handle({ type: 'attachments/remove', campaignId: 'cmp_1', attachmentId: 'att_1' })).toEqual({ ok: true, value: { id: 'att_1' } });
    expect(fetch.mock.calls[1]![0]).toBe('http://localhost:8787/api/campaigns/cmp_1/attachments/att_1');
    expect(fetch.mock.calls[1]![1]!.method).toBe('DELETE');
  });
});

describe('attachments/upload messages', () => {
  it('refuses a piece over the size one message may carry, and a file over Gmail’s 25 MB', () => {
    const big = 'A'.repeat((Math.ceil(UPLOAD_PIECE_BYTES / 3) + 1) * 4);
    expect(messageSchema.safeParse(piece({ piece: big })).success).toBe(false);
    expect(messageSchema.safeParse(piece({ size: 25 * 1024 * 1024 + 1 })).success).toBe(false);
    expect(messageSchema.safeParse(piece({ piece: 'not base64!' })).success).toBe(false);
    expect(messageSchema.safeParse(piece({ campaignId: '../tokens' })).success).toBe(false);
    expect(messageSchema.safeParse(piece({})).success).toBe(true);
  });
});
