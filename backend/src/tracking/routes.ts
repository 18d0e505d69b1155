import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../deps';
import { decodeBase64 } from '../lib/base64';
import { classifyVisitor, EVERY_LINK_WINDOW_MS } from './classify-visitor';
import type { TrackingEventSink } from './event-writer';
import { createJobCache, type TrackedJob } from './job-cache';
import { isTrackingOptedOut, optOutOfTracking } from './opt-out';
import { addressErased, linkNotValid, sendPage, trackingStopped, unsubscribeDone, unsubscribeQuestion } from './pages';
import { trackingSignerFor } from './tokens';
import { applyUnsubscribe, findUnsubscribeTarget } from './unsubscribe';
import { createVerifiedTokens } from './verified-tokens';

export type TrackingDeps = Pick<AppDeps, 'db' | 'clock' | 'config' | 'logger' | 'clientAddress'>;

/**
 * The 1×1 transparent GIF. Often called "43 bytes"; it is 42, so Content-Length comes from the
 * buffer (a wrong length makes keep-alive clients wait for bytes that never come).
 */
const PIXEL = decodeBase64('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7')!;
const PIXEL_HEADERS = {
  'Content-Type': 'image/gif',
  'Content-Length': String(PIXEL.byteLength),
  // Every open must reach us: no browser or proxy may answer from a cache.
  'Cache-Control': 'no-store, no-cache, must-revalidate, private',
  'X-Content-Type-Options': 'nosniff',
} as const;

/**
 * The button sends one short field and RFC 8058 one-click one line: refuse anything larger before
 * reading it (these routes are mounted ahead of the app's general body limit).
 */
const unsubscribeBodyLimit = bodyLimit({ maxSize: 4 * 1024, onError: (c) => c.text('Payload Too Large', 413) });

/** Hops the redirect answer must not leak the token URL to, nor be cached. */
const REDIRECT_HEADERS = { 'Cache-Control': 'no-store, private', 'Referrer-Policy': 'no-referrer' } as const;

/**
 * Public tracking routes, no login: the open pixel, click redirects, the unsubscribe page and its
 * "stop tracking" button.
 * Mount at the app root. Opens and clicks go to `sink` (written in batches); unsubscribes are
 * written before the page answers.
 *
 * @example app.route('/', trackingRoutes(deps, deps.trackingEvents))
 */
export function trackingRoutes(deps: TrackingDeps, sink: TrackingEventSink, options: { cacheEntries?: number } = {}) {
  const app = new Hono();
  // Derived and imported once per app, not per request.
  const signer = trackingSignerFor(deps.config.authSecret);
  const tokens = createVerifiedTokens(signer, { maxEntries: options.cacheEntries ?? 50_000 });
  const jobs = createJobCache(deps.db, { maxEntries: options.cacheEntries ?? 50_000 });

  /**
   * Queues the event; on Workers (an execution context) also flushes after the answer. A job sent
   * without tracking (no consent, an opt-out) records nothing, whatever reaches us.
   */
  const record = (c: Context, job: TrackedJob, event: { kind: 'open' | 'click'; linkIndex: number | null; url: string | null; machine: boolean; at: number }) => {
    if (!job.tracked) return;
    sink.enqueue({
      userId: job.userId,
      campaignId: job.campaignId,
      recipientId: job.recipientId,
      jobId: job.jobId,
      step: job.step,
      kind: event.kind,
      linkIndex: event.linkIndex,
      url: event.url,
      machine: event.machine,
      ipAddress: deps.clientAddress(c) ?? null,
      userAgent: c.req.header('user-agent')?.slice(0, 1_000) ?? null,
      occurredAt: event.at,
    });
    if (!sink.flushesOnItsOwn) {
      const waitUntil = waitUntilOf(c);
      const flushed = sink.flush().catch((error: unknown) => deps.logger.error('tracking events not written', { error }));
      if (waitUntil) waitUntil(flushed);
    }
  };

  /** Records the open if the token's job is this job, as sent; a forged or stale token records nothing. */
  const recordOpen = (c: Context, payload: { jobId: number; recipientId: number; step: number } | null, job: TrackedJob | null) => {
    if (!payload || !job || job.recipientId !== payload.recipientId || job.step !== payload.step || !job.tracked) return;
    const at = deps.clock.now().getTime();
    const verdict = classifyVisitor({ kind: 'open', method: c.req.method, userAgent: c.req.header('user-agent'), at, sentAt: job.sentAt });
    record(c, job, { kind: 'open', linkIndex: null, url: null, machine: verdict.machine, at });
  };

  // GET answers HEAD too (Hono drops the body); c.req.method still says HEAD for the classifier.
  app.get('/t/o/:token', async (c) => {
    const param = c.req.param('token');
    const token = param.endsWith('.gif') ? param.slice(0, -'.gif'.length) : param;
    try {
      // Most opens repeat a token and a job already in memory: answered without a promise turn.
      const known = tokens.known(token, 'open');
      const cached = known ? jobs.peek(known.jobId) : undefined;
      if (known !== undefined && (known === null || cached)) {
        recordOpen(c, known, cached ?? null);
      } else {
        const payload = await tokens.verify(token, 'open');
        recordOpen(c, payload, payload && (await jobs.get(payload.jobId)));
      }
    } catch (error) {
      // The image is shown whatever happens here; the open is lost, not the message's layout.
      deps.logger.error('open not recorded', { error });
    }
    return new Response(PIXEL, { status: 200, headers: PIXEL_HEADERS });
  });

  app.get('/t/c/:token', async (c) => {
    const payload = await tokens.verify(c.req.param('token'), 'click');
    const job = payload && (await jobs.get(payload.jobId));
    if (!payload || !job || job.recipientId !== payload.recipientId || job.step !== payload.step) {
      return sendPage(c, linkNotValid(), 404);
    }
    // Only the URL stored when the message was sent, never anything from the request (no open redirect),
    // and only http(s) even if something else got stored.
    const stored = job.links.get(payload.linkIndex);
    const location = stored === undefined ? null : followableUrl(stored);
    if (location === null) return sendPage(c, linkNotValid(), 404);

    const at = deps.clock.now().getTime();
    job.recentClicks = job.recentClicks.filter((click) => at - click.at <= EVERY_LINK_WINDOW_MS);
    job.recentClicks.push({ linkIndex: payload.linkIndex, at });
    const verdict = classifyVisitor({
      kind: 'click',
      method: c.req.method,
      userAgent: c.req.header('user-agent'),
      at,
      sentAt: job.sentAt,
      linkCount: job.links.size,
      recentClicks: job.recentClicks,
    });
    // The burst's earlier clicks looked human one at a time; now they are known to be the scanner's.
    if (verdict.machine && verdict.reason === 'clicked-every-link') sink.relabelClicksAsMachine(job.jobId, at - EVERY_LINK_WINDOW_MS, at);
    record(c, job, { kind: 'click', linkIndex: payload.linkIndex, url: stored!, machine: verdict.machine, at });
    return new Response(null, { status: 302, headers: { Location: location, ...REDIRECT_HEADERS } });
  });

  const findTarget = async (token: string) => {
    const payload = await tokens.verify(token, 'unsubscribe');
    return payload && findUnsubscribeTarget(deps.db, payload);
  };

  /** The page's offer to stop tracking: the form's path, or null once the address opted out. */
  const trackingOffer = async (token: string, target: { userId: string; email: string }) =>
    (await isTrackingOptedOut(deps.db, deps.config.authSecret, target.userId, target.email)) ? null : { action: `${token}/no-tracking` };

  // Shows the question and changes nothing: mail scanners and previews GET every link.
  app.get('/u/:token', async (c) => {
    const token = c.req.param('token');
    const target = await findTarget(token);
    if (!target) return sendPage(c, linkNotValid(), 404);
    if (target.erased) return sendPage(c, addressErased(target.sender));
    const offer = await trackingOffer(token, target);
    if (target.alreadySuppressed) return sendPage(c, unsubscribeDone(target.sender, target.email, offer));
    return sendPage(c, unsubscribeQuestion(target.sender, target.email, offer));
  });

  // "Stop tracking my opens and clicks": a POST like the unsubscribe button (a scanner's GET changes
  // nothing), with the signed token as the only check, and the same small body limit.
  app.post('/u/:token/no-tracking', unsubscribeBodyLimit, async (c) => {
    const target = await findTarget(c.req.param('token'));
    if (!target) return sendPage(c, linkNotValid(), 404);
    if (target.erased) return sendPage(c, addressErased(target.sender));
    const turnedOff = await optOutOfTracking(deps.db, deps.config.authSecret, target, deps.clock.now());
    jobs.forget(turnedOff);
    return sendPage(c, trackingStopped(target.sender, target.email, target.alreadySuppressed));
  });

  // The page's button, and RFC 8058 one-click: the provider POSTs `List-Unsubscribe=One-Click` from
  // its servers, with no cookie and no Origin, so the signed token is the only check.
  app.post('/u/:token', unsubscribeBodyLimit, async (c) => {
    const target = await findTarget(c.req.param('token'));
    if (!target) return sendPage(c, linkNotValid(), 404);
    const oneClick = await isOneClick(c);
    await applyUnsubscribe(deps.db, target, {
      at: deps.clock.now(),
      ipAddress: deps.clientAddress(c) ?? null,
      userAgent: c.req.header('user-agent')?.slice(0, 1_000) ?? null,
    });
    if (oneClick) return c.text('Unsubscribed.', 200, { 'Cache-Control': 'no-store' });
    if (target.erased) return sendPage(c, addressErased(target.sender));
    return sendPage(c, unsubscribeDone(target.sender, target.email, await trackingOffer(c.req.param('token'), target)));
  });

  return app;
}

/** The stored URL if it is http(s), as sent (or normalised if it holds characters a header cannot carry). */
function followableUrl(stored: string): string | null {
  let url: URL;
  try {
    url = new URL(stored);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return /^[\x21-\x7e]+$/.test(stored) ? stored : url.href;
}

/** RFC 8058 §3.2: the body is `List-Unsubscribe=One-Click`, form-encoded or multipart. */
async function isOneClick(c: Context): Promise<boolean> {
  try {
    const body = await c.req.parseBody();
    return body['List-Unsubscribe'] === 'One-Click';
  } catch {
    return false;
  }
}

/** Workers hand each request an execution context; elsewhere Hono's getter throws. */
function waitUntilOf(c: Context): ((promise: Promise<unknown>) => void) | null {
  try {
    const ctx = c.executionCtx;
    return (promise) => ctx.waitUntil(promise);
  } catch {
    return null;
  }
}
