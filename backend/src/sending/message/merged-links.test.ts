import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { normaliseFields } from '../../../../shared/merge';
import { compileStepTemplates } from '../../campaigns/campaign-templates';
import { decodeBase64 } from '../../lib/base64';
import { buildMessage } from './build-message';

/** A step rendered for one recipient and built into MIME, as the engine does, then parsed back. */
async function sent(html: string, fields: Record<string, string>, trackClicks: boolean) {
  const rendered = compileStepTemplates({ subject: 'Hi', html, text: null }).render(normaliseFields(fields));
  const built = await buildMessage({
    from: { email: 'ana@example.com', name: 'Ana' },
    to: 'bo@example.org',
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    signatureHtml: '',
    messageId: '<cmp_1.2.0@iconnect.example>',
    date: new Date('2026-01-05T09:00:00Z'),
    unsubscribe: null,
    tracking: { openPixelUrl: null, rewriteLink: trackClicks ? (_url, index) => `https://iconnect.example/c/token${index}` : null },
  });
  const email = await PostalMime.parse(decodeBase64(built.raw)!);
  return { email, links: built.links };
}

describe('links typed in the body, merged', () => {
  it('makes a bare URL a link, tracked when clicks are', async () => {
    const untracked = await sent('<p>Our offer: https://x.test/offer. Thanks</p>', {}, false);
    expect(untracked.email.html).toContain('<a href="https://x.test/offer">https://x.test/offer</a>. Thanks');

    const tracked = await sent('<p>Our offer: https://x.test/offer?c={{company}}</p>', { company: 'Acme, Inc.' }, true);
    expect(tracked.links).toEqual(['https://x.test/offer?c=Acme%2C%20Inc.']);
    expect(tracked.email.html).toContain('href="https://iconnect.example/c/token0"');
  });

  it('encodes a merged value in a URL of the text part exactly as in the HTML part', async () => {
    const { email } = await sent('<p>{{company}}: see <a href="https://x.test/offer?ref={{company}}">the offer</a></p>', { company: 'Acme, Inc.' }, false);
    expect(email.html).toContain('href="https://x.test/offer?ref=Acme%2C%20Inc."');
    expect(email.text).toContain('Acme, Inc.: see the offer [https://x.test/offer?ref=Acme%2C%20Inc.]');
  });
});
