import { Parser } from 'htmlparser2';

export type TrackingUrls = {
  /** `<img src>` of the open pixels (`/t/o/<token>.gif`). */
  openPixels: string[];
  /** `<a href>` of the rewritten links (`/t/c/<token>`), in the order they appear. */
  clicks: string[];
};

/**
 * The tracking URLs the backend put into a sent message's HTML (backend/src/sending/tracking-urls.ts),
 * read as a mail client reads them: attributes decoded, nothing from the plain-text part.
 *
 * @example
 * const { openPixels: [pixel], clicks: [click] } = trackingUrlsIn(email.html ?? '');
 */
export function trackingUrlsIn(html: string): TrackingUrls {
  const found: TrackingUrls = { openPixels: [], clicks: [] };
  const parser = new Parser({
    onopentag(name, attributes) {
      if (name === 'img' && attributes.src && /\/t\/o\/[^/]+\.gif$/.test(attributes.src)) found.openPixels.push(attributes.src);
      if (name === 'a' && attributes.href && /\/t\/c\/[^/]+$/.test(attributes.href)) found.clicks.push(attributes.href);
    },
  });
  parser.write(html);
  parser.end();
  return found;
}
