import { describe, expect, it } from 'vitest';
import { fieldPlaces } from './field-places';

describe('fieldPlaces', () => {
  it('finds a tag inside a link address, as written', () => {
    expect(fieldPlaces('<p>Hi</p><p><a href="https://x.test/offer?c={{company}}">the offer</a></p>')).toEqual([
      { field: 'company', link: 'https://x.test/offer?c={{company}}' },
    ]);
  });

  it('tells the body text from the link when a field is in both', () => {
    expect(fieldPlaces(`<p>{{ Company }}</p><a href='https://x.test/?a=1&amp;c={{company}}'>x</a><a href=https://y.test/{{company}}>y</a>`)).toEqual([
      { field: 'company', link: null },
      { field: 'company', link: 'https://x.test/?a=1&c={{company}}' },
      { field: 'company', link: 'https://y.test/{{company}}' },
    ]);
  });

  it('does not read data-href as a link, and lists each place once', () => {
    expect(fieldPlaces('<p data-href="{{a}}">{{b}} {{b}}</p><a href="{{c}}">1</a><a href="{{c}}">2</a>')).toEqual([
      { field: 'a', link: null },
      { field: 'b', link: null },
      { field: 'c', link: '{{c}}' },
    ]);
  });
});
