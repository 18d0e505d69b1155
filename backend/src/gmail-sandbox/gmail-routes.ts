import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { authorise, lookupBearer, type Caller } from './bearer-auth';
import { checkFault, faultResponse } from './fault-response';
import type { FaultOperation } from './faults';
import { apiError } from './google-errors';
import { bytesToBase64url } from './ids';
import { messageResource, parseFormat } from './message-resource';
import type { SandboxDeps } from './sandbox-deps';
import type { ScopedOperation } from './scopes';
import { chargeQuota } from './quota-response';
import { parseSearchQuery } from './search-query';
import { sendMessage } from './send-message';
import type { SendEndpoint } from './send-log';
import { MAX_UPLOAD_BYTES, readUpload, tooLarge } from './upload-send';

/**
 * The Gmail API v1 methods the product uses, at the paths @googleapis/gmail requests
 * (`/gmail/v1/users/{userId}/...`, `userId` = `me` or the mailbox address).
 * https://developers.google.com/gmail/api/reference/rest
 */
/** The metadata part and boundaries around an uploaded message. */
const MULTIPART_SLACK_BYTES = 64 * 1024;

export function gmailRoutes(deps: SandboxDeps) {
  const app = new Hono();

  /** Fault, then authentication and scope, then the quota units: the common start of every method. */
  async function begin(c: Context, operation: Exclude<ScopedOperation, 'userinfo'> & FaultOperation) {
    const token = await lookupBearer(c, deps);
    const fault = await checkFault(c, deps, operation, token?.mailbox, 'api');
    if (fault.response) return fault.response;
    const caller = authorise(c, deps, token, operation, c.req.param('userId'));
    if (caller instanceof Response) return caller;
    // Every authorised call counts, before the method's own checks: Google's docs do not say which
    // refused calls it counts, and counting them errs on the side a client must budget for anyway.
    const overQuota = await chargeQuota(c, deps, caller, operation);
    if (overQuota) return overQuota;
    return { caller, afterSend: fault.afterSend };
  }

  const pageSize = (value: string | undefined, fallback: number) => Math.min(Math.max(Number(value) || fallback, 1), 500);
  const offsetOf = (token: string | undefined) => (token && /^\d+$/.test(token) ? Number(token) : 0);

  app.get('/gmail/v1/users/:userId/profile', async (c) => {
    const started = await begin(c, 'profile');
    if (started instanceof Response) return started;
    const { caller } = started;
    const mailbox = (await deps.mailboxes.getMailbox(caller.mailbox))!;
    const messages = await deps.mailboxes.allMessages(caller.mailbox);
    return c.json({
      emailAddress: caller.mailbox,
      messagesTotal: messages.length,
      threadsTotal: new Set(messages.map((m) => m.threadId)).size,
      historyId: String(mailbox.historyId),
    });
  });

  async function send(c: Context, caller: Caller, afterSend: Parameters<typeof faultResponse>[1] | undefined, raw: string | undefined, threadId: string | undefined, endpoint: SendEndpoint) {
    const result = await sendMessage(deps, caller.mailbox, raw, threadId);
    if ('error' in result) return apiError(c, result.error.status, result.error);
    deps.sends.record({ mailbox: caller.mailbox, id: result.sent.id, endpoint, bytes: Math.floor((raw!.length * 3) / 4) });
    // The "accepted but the answer was lost" fault: stored and delivered above, error below.
    if (afterSend) return faultResponse(c, afterSend, 'api');
    return c.json({ id: result.sent.id, threadId: result.sent.threadId, labelIds: result.sent.labelIds });
  }

  app.post('/gmail/v1/users/:userId/messages/send', async (c) => {
    const started = await begin(c, 'send');
    if (started instanceof Response) return started;
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return apiError(c, 400, { reason: 'parseError', message: 'Invalid JSON payload received.' });
    }
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const raw = typeof fields.raw === 'string' ? fields.raw : undefined;
    const threadId = typeof fields.threadId === 'string' && fields.threadId ? fields.threadId : undefined;
    return send(c, started.caller, started.afterSend, raw, threadId, 'json');
  });

  // The upload form of send (upload-send.ts): `uploadType=media` (the message alone) or `multipart`
  // (metadata with the thread id, then the message), at most 35 MB, refused before reading by
  // Content-Length and while it streams in otherwise.
  app.post(
    '/upload/gmail/v1/users/:userId/messages/send',
    async (c, next) => {
      const declared = Number(c.req.header('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES + MULTIPART_SLACK_BYTES) {
        const error = tooLarge(declared);
        return apiError(c, error.status, error);
      }
      await next();
    },
    bodyLimit({
      maxSize: MAX_UPLOAD_BYTES + MULTIPART_SLACK_BYTES,
      onError: (c) => {
        const error = tooLarge(MAX_UPLOAD_BYTES + MULTIPART_SLACK_BYTES + 1);
        return apiError(c, error.status, error);
      },
    }),
    async (c) => {
      const started = await begin(c, 'send');
      if (started instanceof Response) return started;
      const uploadType = c.req.query('uploadType');
      const upload = readUpload(uploadType, c.req.header('content-type') ?? '', new Uint8Array(await c.req.arrayBuffer()));
      if ('error' in upload) return apiError(c, upload.error.status, upload.error);
      const raw = upload.bytes.length ? bytesToBase64url(upload.bytes) : undefined;
      return send(c, started.caller, started.afterSend, raw, upload.threadId, uploadType === 'media' ? 'upload-media' : 'upload-multipart');
    },
  );

  app.get('/gmail/v1/users/:userId/messages', async (c) => {
    const started = await begin(c, 'list');
    if (started instanceof Response) return started;
    const { caller } = started;
    const q = c.req.query('q');
    if (q && caller.access === 'metadata') return apiError(c, 403, { reason: 'forbidden', message: "Metadata scope does not support 'q' parameter" });
    const parsed = q ? parseSearchQuery(q) : { filter: {} };
    if ('problem' in parsed) return apiError(c, 400, { reason: 'invalidArgument', message: parsed.problem });
    const labelIds = [...(c.req.queries('labelIds') ?? []), ...(parsed.filter.labelIds ?? [])];
    const all = await deps.mailboxes.listMessages(caller.mailbox, { ...parsed.filter, labelIds });
    const offset = offsetOf(c.req.query('pageToken'));
    const size = pageSize(c.req.query('maxResults'), 100);
    const page = all.slice(offset, offset + size);
    return c.json({
      // Gmail omits `messages` when there are none.
      ...(page.length > 0 ? { messages: page.map((m) => ({ id: m.id, threadId: m.threadId })) } : {}),
      ...(offset + size < all.length ? { nextPageToken: String(offset + size) } : {}),
      resultSizeEstimate: all.length,
    });
  });

  app.get('/gmail/v1/users/:userId/messages/:id', async (c) => {
    const started = await begin(c, 'get');
    if (started instanceof Response) return started;
    const { caller } = started;
    const format = parseFormat(c.req.query('format'));
    if (!format) return apiError(c, 400, { reason: 'invalidArgument', message: `Invalid value at 'format' (${c.req.query('format')})` });
    if (caller.access === 'metadata' && (format === 'full' || format === 'raw')) {
      return apiError(c, 403, { reason: 'forbidden', message: `Metadata scope doesn't allow format ${format.toUpperCase()}` });
    }
    const message = await deps.mailboxes.getMessage(caller.mailbox, c.req.param('id'));
    if (!message) return apiError(c, 404);
    return c.json(messageResource(message, format, c.req.queries('metadataHeaders') ?? []));
  });

  app.get('/gmail/v1/users/:userId/threads/:id', async (c) => {
    const started = await begin(c, 'threads');
    if (started instanceof Response) return started;
    const { caller } = started;
    const format = parseFormat(c.req.query('format'));
    // threads.get has no raw format.
    if (!format || format === 'raw') return apiError(c, 400, { reason: 'invalidArgument', message: `Invalid value at 'format' (${c.req.query('format')})` });
    if (caller.access === 'metadata' && format === 'full') return apiError(c, 403, { reason: 'forbidden', message: "Metadata scope doesn't allow format FULL" });
    const messages = await deps.mailboxes.threadMessages(caller.mailbox, c.req.param('id'));
    if (messages.length === 0) return apiError(c, 404);
    const metadataHeaders = c.req.queries('metadataHeaders') ?? [];
    return c.json({
      id: c.req.param('id'),
      historyId: String(Math.max(...messages.map((m) => m.historyId))),
      messages: messages.map((m) => messageResource(m, format, metadataHeaders)),
    });
  });

  app.get('/gmail/v1/users/:userId/history', async (c) => {
    const started = await begin(c, 'history');
    if (started instanceof Response) return started;
    const { caller } = started;
    const start = c.req.query('startHistoryId');
    if (!start) return apiError(c, 400, { reason: 'invalidArgument', message: 'Missing required parameter: startHistoryId' });
    if (!/^\d+$/.test(start)) return apiError(c, 400, { reason: 'invalidArgument', message: `Invalid startHistoryId: ${start}` });
    const mailbox = (await deps.mailboxes.getMailbox(caller.mailbox))!;
    // https://developers.google.com/gmail/api/guides/sync: an id that is too old (or invalid)
    // answers 404, and the client must do a full sync.
    if (Number(start) < mailbox.firstHistoryId) return apiError(c, 404);
    const types = c.req.queries('historyTypes');
    const labelId = c.req.query('labelId');
    const records = types && !types.includes('messageAdded') ? [] : await deps.mailboxes.historyAfter(caller.mailbox, Number(start));
    const matching = records.filter((r) => !labelId || r.message.labelIds.includes(labelId));
    const offset = offsetOf(c.req.query('pageToken'));
    const size = pageSize(c.req.query('maxResults'), 100);
    const page = matching.slice(offset, offset + size);
    return c.json({
      ...(page.length > 0
        ? {
            history: page.map(({ historyId, message }) => ({
              id: String(historyId),
              messages: [{ id: message.id, threadId: message.threadId }],
              messagesAdded: [{ message: { id: message.id, threadId: message.threadId, labelIds: message.labelIds } }],
            })),
          }
        : {}),
      ...(offset + size < matching.length ? { nextPageToken: String(offset + size) } : {}),
      historyId: String(mailbox.historyId),
    });
  });

  return app;
}
