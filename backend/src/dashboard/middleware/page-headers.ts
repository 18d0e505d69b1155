import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Security headers for every dashboard page, written out rather than left to defaults.
 * The CSP allows only our own files: no inline script or style, no framing, forms post only here.
 */
const headers = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
  },
  xContentTypeOptions: 'nosniff',
  referrerPolicy: 'same-origin',
  xFrameOptions: 'DENY',
  // No includeSubDomains: the operator's other subdomains are not ours to decide. Browsers ignore it over http.
  strictTransportSecurity: 'max-age=31536000',
  crossOriginOpenerPolicy: 'same-origin',
  crossOriginResourcePolicy: 'same-origin',
  // A page may send a stricter value of its own (the extension's link page: `no-referrer`).
  overwrite: false,
});

/**
 * The headers above plus `Cache-Control: no-store`: pages show account data (and once, a token
 * secret) that must not stay in a shared or back-button cache after sign-out.
 */
export const pageHeaders = createMiddleware(async (c, next) => {
  await headers(c, next);
  c.res.headers.set('cache-control', 'no-store');
});
