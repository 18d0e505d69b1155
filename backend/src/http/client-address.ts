import type { Context } from 'hono';

/**
 * The client's address for throttling and tracking. Behind a reverse proxy (TRUST_PROXY), the
 * proxy appends the real peer to X-Forwarded-For, so the last entry is the one we can trust;
 * earlier entries are whatever the client chose to send.
 */
export function clientAddressResolver(
  trustProxy: boolean,
  peerAddress: (c: Context) => string | undefined,
): (c: Context) => string | undefined {
  return (c) => {
    if (trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',').map((part) => part.trim()).filter(Boolean);
      const last = forwarded?.at(-1);
      if (last) return last;
    }
    return peerAddress(c);
  };
}
