import { describe, expect, it } from 'vitest';
import { findLinks, insertAtBodyEnd, rewriteLinks, rewriteLinksAsync } from './html-links';

const track = (url: string, index: number) => `https://t.example/c/${index}`;

describe('rewriteLinks', () => {
  it('rewrites http and https links in order and returns their original URLs', async () => {
    const { html, links } = rewriteLinks('<p><a href="https://a.example/x">A</a> <a href="http://b.example">B</a></p>', track);
    expect(html).toBe('<p><a href="https://t.example/c/0">A</a> <a href="https://t.example/c/1">B</a></p>');
    expect(links).toEqual(['https://a.example/x', 'http://b.example/']);
  });

  it('reads single-quoted, unquoted and uppercase attributes', async () => {
    const { html, links } = rewriteLinks("<A HREF='https://a.example/1'>1</A><a href=https://a.example/2>2</a>", track);
    expect(html).toBe('<A href="https://t.example/c/0">1</A><a href="https://t.example/c/1">2</a>');
    expect(links).toEqual(['https://a.example/1', 'https://a.example/2']);
  });

  it('is not fooled by ">" inside another attribute', async () => {
    const { html, links } = rewriteLinks('<a title=">" data-x=\'a>b\' href="https://a.example/">x</a>', track);
    expect(html).toBe('<a title=">" data-x=\'a>b\' href="https://t.example/c/0">x</a>');
    expect(links).toEqual(['https://a.example/']);
  });

  it('decodes entities once before handing the URL out, and escapes the replacement', async () => {
    const { html, links } = rewriteLinks(
      '<a href="https://a.example/?x=1&amp;y=2&#38;z=&quot;3&quot;">A</a>',
      (url) => `https://t.example/r?u=${encodeURIComponent(url)}&k=1`,
    );
    expect(links).toEqual(['https://a.example/?x=1&y=2&z=%223%22']);
    expect(html).toBe(`<a href="https://t.example/r?u=${encodeURIComponent(links[0] ?? '')}&amp;k=1">A</a>`);
  });

  it('leaves every other kind of link byte-identical', async () => {
    const others = [
      '<a href="mailto:ana@example.com?subject=Hi&amp;body=x">m</a>',
      '<a href="tel:+15550100">t</a>',
      '<a href="javascript:alert(1)">j</a>',
      '<a href="java&#x0A;script:alert(&quot;https://x&quot;)">j2</a>',
      '<a href="data:text/html,<b>https://x</b>">d</a>',
      '<a href="#section-2">anchor</a>',
      '<a href="/relative/https://x">rel</a>',
      '<a href="//proto-relative.example/">pr</a>',
      '<a href="https://">broken</a>',
      '<a name="top">no href</a>',
      '<a href>empty</a>',
      '<link href="https://fonts.example/css">',
      '<img src="https://img.example/a.png">',
    ].join('\n');
    const { html, links } = rewriteLinks(others, track);
    expect(html).toBe(others);
    expect(links).toEqual([]);
  });

  it('ignores links in comments, scripts, styles and titles', async () => {
    const source =
      '<title><a href="https://x.example">t</a></title><!-- <a href="https://x.example"> -->' +
      '<style>a[href="https://x.example"]{}</style><script>"<a href=https://x.example>"</script>' +
      '<textarea><a href="https://x.example"></textarea>';
    expect(rewriteLinks(source, track)).toEqual({ html: source, links: [] });
  });

  it('trims what a browser trims and normalises the URL', async () => {
    const { links } = rewriteLinks('<a href="  HTTPS://A.example/p q\n">x</a>', track);
    expect(links).toEqual(['https://a.example/p%20q']);
  });

  it('uses the first of duplicate href attributes, as a browser does', async () => {
    const { html, links } = rewriteLinks('<a href="https://first.example/" href="https://second.example/">x</a>', track);
    expect(html).toBe('<a href="https://t.example/c/0" href="https://second.example/">x</a>');
    expect(links).toEqual(['https://first.example/']);
  });

  it('rewrites <area> links and self-closing tags, but not a tag cut off at the end', async () => {
    expect((rewriteLinks('<area href="https://a.example/"/>', track)).html).toBe('<area href="https://t.example/c/0"/>');
    expect((rewriteLinks('<a href="https://a.example/"', track)).links).toEqual([]);
  });
});

describe('findLinks and rewriteLinksAsync', () => {
  const html = '<a href="https://a.example/1">1</a> <a href="#x">x</a> <a href=\'http://a.example/2?a=1&amp;b=2\'>2</a>';

  it('finds the links rewriteLinks would rewrite', () => {
    expect(findLinks(html)).toEqual(rewriteLinks(html, track).links);
    expect(findLinks(html)).toEqual(['https://a.example/1', 'http://a.example/2?a=1&b=2']);
  });

  it('gives the same result as rewriteLinks with an async rewriter', async () => {
    expect(await rewriteLinksAsync(html, async (url, i) => track(url, i))).toEqual(rewriteLinks(html, track));
  });
});

describe('insertAtBodyEnd', () => {
  it('appends to a fragment', () => {
    expect(insertAtBodyEnd('<p>Hi</p>', '<hr>')).toBe('<p>Hi</p><hr>');
  });

  it('inserts before </body> in a document', () => {
    expect(insertAtBodyEnd('<html><body><p>Hi</p></BODY></html>', '<hr>')).toBe('<html><body><p>Hi</p><hr></BODY></html>');
  });

  it('ignores a </body> inside a comment', () => {
    expect(insertAtBodyEnd('<p>Hi</p><!-- </body> -->', '<hr>')).toBe('<p>Hi</p><!-- </body> --><hr>');
  });
});
