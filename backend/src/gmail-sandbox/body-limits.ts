import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { apiError } from './google-errors';
import { MAX_UPLOAD_BYTES, tooLarge } from './upload-send';

/**
 * Request bodies the sandbox reads, bounded: it is mounted before the app's own body limit
 * (app.ts `mountBeforeLimits`), and its token endpoint, consent form and control API take posts a
 * web page can send cross-origin to 127.0.0.1. `hono/body-limit` refuses by Content-Length before
 * reading, and counts a body without one as it streams in, stopping at the bound.
 */

/** OAuth forms, the control API's JSON, the viewer: a few KB in use; 1 MB is far beyond any. */
export const MAX_PAGE_BODY_BYTES = 1024 * 1024;
/** `messages.send` as JSON: a `raw` of base64url (4/3 of the bytes) for a message up to the upload maximum. */
export const MAX_GMAIL_JSON_BYTES = 48 * 1024 * 1024;

/**
 * Google's front end answers an oversized request with this page before any service sees it
 * ("413. That's an error. Your client issued a request that was too large."), as HTML whatever
 * the endpoint; the sandbox's OAuth and control routes answer it the same way.
 */
const tooLargePage = (c: Context) =>
  c.html(
    "<!DOCTYPE html><html lang=en><title>Error 413 (Request Entity Too Large)!!1</title><p><b>413.</b> That’s an error.<p>Your client issued a request that was too large. That’s all we know.",
    413,
  );

const uploadTooLarge = (c: Context) => {
  const declared = Number(c.req.header('content-length'));
  return apiError(c, 413, tooLarge(Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES ? declared : MAX_UPLOAD_BYTES + 1));
};

// Gmail answers a JSON body over its limit with a 400 "Request payload size exceeds the limit: N bytes."
// (reported: https://github.com/googleapis/google-api-dotnet-client/issues/856).
const jsonTooLarge = (c: Context) =>
  apiError(c, 400, { reason: 'badRequest', message: `Request payload size exceeds the limit: ${MAX_GMAIL_JSON_BYTES} bytes.` });

export const uploadBodyLimit: MiddlewareHandler = bodyLimit({ maxSize: MAX_UPLOAD_BYTES, onError: uploadTooLarge });
export const gmailJsonBodyLimit: MiddlewareHandler = bodyLimit({ maxSize: MAX_GMAIL_JSON_BYTES, onError: jsonTooLarge });
const pageBodyLimit: MiddlewareHandler = bodyLimit({ maxSize: MAX_PAGE_BODY_BYTES, onError: tooLargePage });

/** For the whole sandbox app: each path's bound (the Gmail API routes are mounted in it too). */
export const sandboxBodyLimit: MiddlewareHandler = (c, next) => {
  const path = c.req.path;
  if (path.includes('/upload/gmail/v1/')) return uploadBodyLimit(c, next);
  if (path.includes('/gmail/v1/')) return gmailJsonBodyLimit(c, next);
  return pageBodyLimit(c, next);
};
