import { describe, expect, it } from 'vitest';
import { classifyHtmlSlots } from './html-slots';

/** Classifies the positions marked `@` in an HTML snippet. */
const slotsIn = (html: string) => classifyHtmlSlots(html.split('@'));

describe('classifyHtmlSlots', () => {
  it('classifies text content as text', () => {
    expect(slotsIn('<p>Hi @, from @</p>@')).toEqual(['text', 'text', 'text']);
  });

  it('classifies quoted URL attributes as url, other quoted attributes as text', () => {
    expect(slotsIn(`<a href="https://x.example/?ref=@" title="@"><img src='/i/@.png' alt='@'></a>`)).toEqual([
      'url', 'text', 'url', 'text',
    ]);
  });

  it('recognises URL attributes in any case and with spaces around =', () => {
    expect(slotsIn('<A HREF = "@">x</A><td background="@"><form action="@"><img srcset="@ 2x">')).toEqual([
      'url', 'url', 'url', 'url',
    ]);
  });

  it('classifies unquoted values and positions inside a tag as in-tag, unquoted URL values as url', () => {
    expect(slotsIn('<td width=@ class=a@><p @><@><a href=@>')).toEqual(['in-tag', 'in-tag', 'in-tag', 'in-tag', 'url']);
  });

  it('encodes values in event handlers, srcdoc and script bodies so they can never become code', () => {
    expect(slotsIn('<b onclick="go(\'@\')">x</b><iframe srcdoc="@"></iframe><script>var n = "@";</script><p>@</p>')).toEqual([
      'url', 'url', 'url', 'text',
    ]);
  });

  it('treats style bodies and comments as text, and finds markup again after them', () => {
    expect(slotsIn('<style>a[href="x"] { color: red } /* <a href=" */ @</style><a href="@"><!-- <a href=" @ --><p>@')).toEqual([
      'text', 'url', 'text', 'text',
    ]);
  });

  it('does not end a raw text element at a look-alike end tag', () => {
    expect(slotsIn('<script>x = "</scripts>"; @</script>@')).toEqual(['url', 'text']);
  });

  it('knows an attribute value ends at its closing quote', () => {
    expect(slotsIn('<a href="/x" title="@">@</a>')).toEqual(['text', 'text']);
    expect(slotsIn('<a title="a > b" href="/@">')).toEqual(['url']);
  });

  it('treats a lone < in text as text', () => {
    expect(slotsIn('1 < 2 and @ <3 @')).toEqual(['text', 'text']);
  });

  it('returns no slots for a template without tags', () => {
    expect(classifyHtmlSlots(['<p>plain</p>'])).toEqual([]);
  });
});
