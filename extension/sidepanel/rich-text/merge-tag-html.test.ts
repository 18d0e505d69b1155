import { describe, expect, it } from 'vitest';
import { chipsToTags, findTags, tagsToChips } from './merge-tag-html';

describe('tagsToChips', () => {
  it('makes chips of tags in the text, and leaves a tag in a link address as written', () => {
    expect(tagsToChips('<p><a href="https://x.test/offer?c={{company}}">Offer for {{company}}</a></p>')).toBe(
      '<p><a href="https://x.test/offer?c={{company}}">Offer for <span data-merge-tag="{{company}}">{{company}}</span></a></p>',
    );
  });

  it('keeps the whole tag as written, fallback and spacing included', () => {
    expect(tagsToChips('Hi {{ first name | there }}!')).toBe('Hi <span data-merge-tag="{{ first name | there }}">{{ first name | there }}</span>!');
    expect(tagsToChips('<p>{{ quote | "friend" }}</p>')).toBe('<p><span data-merge-tag="{{ quote | &quot;friend&quot; }}">{{ quote | "friend" }}</span></p>');
  });

  it('leaves literals alone: an escaped \\{{, a brace that is not a tag, attributes, comments and styles', () => {
    const html = '<p title="{{name}}">\\{{name}} {{ not a tag! }} {{}}</p><!-- {{name}} --><style>p{{color:red}}</style>';
    expect(tagsToChips(html)).toBe(html);
  });

  it('reads an attribute with ">" inside its quotes as one tag', () => {
    expect(tagsToChips('<a href="https://x.test/?a>b">{{name}}</a>')).toBe('<a href="https://x.test/?a>b"><span data-merge-tag="{{name}}">{{name}}</span></a>');
  });
});

describe('chipsToTags', () => {
  it('gives back exactly the stored HTML: chips become their text again', () => {
    const stored = '<p><a href="https://x.test/offer?c={{company}}">Offer for {{company}}</a></p><p>Hi {{ first name | there }} &amp; co</p>';
    expect(chipsToTags(tagsToChips(stored))).toBe(stored);
  });

  it('reads the chip as the editor serialises it', () => {
    expect(chipsToTags('<p><span data-merge-tag="{{ a &amp; b }}">{{ a &amp; b }}</span></p>')).toBe('<p>{{ a &amp; b }}</p>');
  });
});

describe('findTags', () => {
  it('finds the tags the merge engine fills, with their positions', () => {
    expect(findTags('Hi {{ name | there }}, {{x}}')).toEqual([
      { from: 3, to: 21, source: '{{ name | there }}' },
      { from: 23, to: 28, source: '{{x}}' },
    ]);
    expect(findTags('{{{ name }}}')).toEqual([{ from: 1, to: 11, source: '{{ name }}' }]);
  });
});
