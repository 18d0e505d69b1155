import type { Preview } from '../../../shared/schemas/launch';

/**
 * The preview frame's document: the body as the server rendered it, then the signature as the
 * sender appends it (backend/src/sending/message/footers.ts: `<br><div class="gmail_signature">`),
 * in Gmail's default font (Arial, Helvetica, sans-serif, "small").
 *
 * A `<font>` element, not CSS: the frame inherits the panel's CSP, whose `style-src 'self'`
 * refuses inline styles, and `<font>` is markup, not a style.
 *
 * @example previewDocument({ html: '<p>Hi</p>', signature: null }) // '<font face="Arial, Helvetica, sans-serif" size="2"><p>Hi</p></font>'
 */
export function previewDocument(preview: Pick<Preview, 'html' | 'signature'>): string {
  const signature = preview.signature && preview.signature.html.trim() !== '' ? `<br><div class="gmail_signature">${preview.signature.html}</div>` : '';
  return `<font face="Arial, Helvetica, sans-serif" size="2">${preview.html}${signature}</font>`;
}

/** What the panel keeps of a preview, to show it (marked as not fresh) when the server is out of reach. */
export interface CachedPreview {
  preview: Preview;
  /** The campaign version it was rendered from. */
  version: number;
  at: Date;
}

const MAX_KEPT = 50;

/**
 * The last preview rendered for each campaign, step and recipient, in this panel's memory: a
 * preview is rendered by the server, so offline the panel can only show the last one it got,
 * and says so.
 */
export class PreviewCache {
  private readonly kept = new Map<string, CachedPreview>();

  /** `variant`: the step's A/B variant (0: A, or a step without variants); 'own': the one the recipient gets, none asked. */
  private static key(campaignId: string, step: number, position: number, variant: number | 'own'): string {
    return `${campaignId}:${step}:${variant}:${position}`;
  }

  get(campaignId: string, step: number, position: number, variant: number | 'own' = 0): CachedPreview | undefined {
    return this.kept.get(PreviewCache.key(campaignId, step, position, variant));
  }

  put(campaignId: string, step: number, position: number, entry: CachedPreview, variant: number | 'own' = 0): void {
    const key = PreviewCache.key(campaignId, step, position, variant);
    this.kept.delete(key);
    this.kept.set(key, entry);
    // Oldest first in a Map: drop from the front past the cap.
    for (const old of this.kept.keys()) {
      if (this.kept.size <= MAX_KEPT) break;
      this.kept.delete(old);
    }
  }
}
