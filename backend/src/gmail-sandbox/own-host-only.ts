import { createMiddleware } from 'hono/factory';

/**
 * DNS rebinding guard (issue 12). The sandbox has no sign-in: its viewer and control API show
 * every mailbox (unsubscribe links included), and its consent page hands out tokens to anyone. A
 * page on evil.example whose name an attacker re-points at 127.0.0.1 would reach it from the
 * victim's browser, same-origin as far as the browser knows; only the Host header still says
 * evil.example. So the sandbox answers only requests that name it: its own host (the host of
 * `basePath`, i.e. PUBLIC_URL's when mounted) or a loopback name, on any port. Everything else is
 * 421 Misdirected Request (RFC 9110 §15.5.20: not a name this server answers for).
 *
 * @example app.use(ownHostOnly('http://127.0.0.1:8787/sandbox/google'))
 */
export function ownHostOnly(basePath: string) {
  const own = new URL(basePath).hostname;
  return createMiddleware(async (c, next) => {
    // The request URL's host is the Host header (Node) or the URL the runtime was asked for.
    const host = new URL(c.req.url).hostname;
    if (host === own || isLoopbackName(host)) return next();
    return misdirected(own);
  });
}

/** localhost, 127.0.0.0/8 and [::1]: names that cannot point anywhere but this machine. */
export function isLoopbackName(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

function misdirected(own: string): Response {
  const problem = {
    type: '/problems/misdirected-request',
    title: 'Misdirected request',
    status: 421,
    detail: `This Gmail sandbox answers only at ${own} or a loopback name (localhost, 127.0.0.1, [::1]).`,
  };
  return new Response(JSON.stringify(problem), {
    status: 421,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
  });
}
