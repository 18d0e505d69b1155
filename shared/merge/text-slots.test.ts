import { describe, expect, it } from 'vitest';
import { compileTemplate } from './compile-template';
import { normaliseFields } from './fields';
import { classifyTextSlots } from './text-slots';

describe('classifyTextSlots', () => {
  it('finds tags inside a URL, after a space, a bracket or at the start', () => {
    expect(classifyTextSlots(['Hi ', ', see [https://x.test/?c=', '&n=', ']'])).toEqual(['text', 'url', 'url']);
    expect(classifyTextSlots(['https://x.test/', ' and ', ''])).toEqual(['url', 'text']);
    expect(classifyTextSlots(['Write to <mailto:', '> or visit https://x.test/ ', ''])).toEqual(['url', 'text']);
  });
});

describe('text context', () => {
  it('encodes a value in a URL as the HTML href does, and leaves prose raw', () => {
    const fields = normaliseFields({ company: 'Acme, Inc.' });
    const text = compileTemplate('{{company}}: the offer [https://x.test/offer?ref={{company}}]', 'text').render(fields).output;
    const html = compileTemplate('<a href="https://x.test/offer?ref={{company}}">{{company}}</a>', 'html').render(fields).output;
    expect(text).toBe('Acme, Inc.: the offer [https://x.test/offer?ref=Acme%2C%20Inc.]');
    expect(html).toContain('href="https://x.test/offer?ref=Acme%2C%20Inc."');
  });
});
