import { describe, expect, it } from 'vitest';
import { normaliseFields } from '../../../shared/merge';
import { compileStepTemplates } from '../campaigns/campaign-templates';
import { findLinks } from '../sending/message';
import { linksAsWritten, linksWithVariants, writtenLinkAt } from './written-links';

const BODY = [
  '<p>Hi {{first name}}, <a href="https://x.test/offer?c={{company}}&amp;s=1">the offer</a>,',
  '<a href="mailto:sales@x.test">write to us</a>, <a href="#top">top</a>, <a href="{{website}}">your site</a>,',
  'or see https://x.test/about?ref={{ company | none }} and <a href=\'HTTPS://x.test/Caps\'>this</a>.</p>',
].join(' ');

describe('links as written', () => {
  it('lists the http(s) links of each step with their tags, in the order the sent message numbers them', () => {
    const written = linksAsWritten({ html: BODY, followUps: [{ delayHours: 1, subject: null, html: '<a href="https://x.test/f1/{{company}}">f</a>', condition: 'no_reply' }] });
    expect(written(0)).toEqual(['https://x.test/offer?c={{company}}&s=1', 'https://x.test/about?ref={{ company | none }}', 'HTTPS://x.test/Caps']);
    expect(written(1)).toEqual(['https://x.test/f1/{{company}}']);
    expect(written(2)).toEqual([]);
  });

  it('has link N where every recipient\'s rendered message has its link N, whatever the values', () => {
    const written = linksAsWritten({ html: BODY, followUps: [] })(0);
    const recipients: Record<string, string>[] = [{ 'first name': 'Ann', company: 'Acme', website: 'https://acme.test' }, { company: 'Beta, Inc. <a href="https://evil.test">' }, {}];
    for (const fields of recipients) {
      const rendered = compileStepTemplates({ subject: 'Hi', html: BODY, text: null }).render(normaliseFields(fields));
      const sent = findLinks(rendered.html);
      expect(sent).toHaveLength(written.length);
      // Same link, this recipient's values filled in.
      expect(sent[0]).toMatch(/^https:\/\/x\.test\/offer\?c=.*&s=1$/);
      expect(sent[2]).toBe('https://x.test/Caps');
    }
  });

  it('numbers the links of a step with A/B variants on through its variants, and says which variant each is in', () => {
    const campaign = {
      html: '<p><a href="https://a.test/1">a</a></p>',
      variants: [
        { subject: 'A', html: '<p><a href="https://a.test/1">a</a></p>' },
        { subject: 'B', html: '<p>See https://b.test/1 and <a href="https://b.test/{{x}}">b</a></p>' },
        { subject: 'C', html: '<p>No link</p>' },
      ],
      followUps: [
        {
          delayHours: 1, subject: null, html: '<a href="https://f.test/a">f</a>', condition: 'no_reply' as const,
          variants: [{ subject: null, html: '<a href="https://f.test/a">f</a>' }, { subject: null, html: '<a href="https://f.test/b">f</a>' }],
        },
      ],
    };
    expect(linksWithVariants(campaign)(0)).toEqual([
      { url: 'https://a.test/1', variant: 0 },
      { url: 'https://b.test/1', variant: 1 },
      { url: 'https://b.test/{{x}}', variant: 1 },
    ]);
    expect(linksAsWritten(campaign)(1)).toEqual(['https://f.test/a', 'https://f.test/b']);
    expect(writtenLinkAt(campaign)(1, 1)).toEqual({ url: 'https://f.test/b', variant: 1 });
    expect(writtenLinkAt(campaign)(0, 3)).toBeNull();
    // Without variants: the step's own links, no variant.
    expect(writtenLinkAt({ html: BODY, followUps: [] })(0, 0)).toEqual({ url: 'https://x.test/offer?c={{company}}&s=1', variant: null });
  });
});
