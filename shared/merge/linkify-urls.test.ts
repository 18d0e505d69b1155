import { describe, expect, it } from 'vitest';
import { compileTemplate } from './compile-template';
import { normaliseFields } from './fields';
import { linkifyBareUrls } from './linkify-urls';

describe('linkifyBareUrls', () => {
  it('turns a typed URL into a link, leaving sentence punctuation outside', () => {
    expect(linkifyBareUrls('<p>See https://x.test/offer?a=1&amp;b=2. Thanks</p>')).toBe(
      '<p>See <a href="https://x.test/offer?a=1&amp;b=2">https://x.test/offer?a=1&amp;b=2</a>. Thanks</p>',
    );
  });

  it('keeps a merge tag inside the URL, so the value is merged as a URL component', () => {
    const html = linkifyBareUrls('<p>Yours: https://x.test/?c={{ company }}&nbsp;bye</p>');
    expect(html).toBe('<p>Yours: <a href="https://x.test/?c={{ company }}">https://x.test/?c={{ company }}</a>&nbsp;bye</p>');
    expect(compileTemplate(html, 'html').render(normaliseFields({ company: 'Acme, Inc.' })).output).toContain('href="https://x.test/?c=Acme%2C%20Inc."');
  });

  it('leaves links, attributes, comments and styles alone', () => {
    const html = '<a href="https://x.test/">https://x.test/</a><img src="https://x.test/i.png"><!-- https://x.test/ --><style>a{background:url(https://x.test/b)}</style>';
    expect(linkifyBareUrls(html)).toBe(html);
  });
});
