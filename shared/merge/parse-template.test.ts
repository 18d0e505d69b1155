import { describe, expect, it } from 'vitest';
import { parseTemplate } from './parse-template';

const tagsOf = (source: string) => parseTemplate(source).tags;

describe('parseTemplate', () => {
  it('splits text around tags, one more text part than tags', () => {
    expect(parseTemplate('Hi {{ name }}, from {{company}}.')).toEqual({
      texts: ['Hi ', ', from ', '.'],
      tags: [
        { field: 'name', fallback: null },
        { field: 'company', fallback: null },
      ],
    });
  });

  it('tolerates any whitespace inside the braces, including line breaks and tabs', () => {
    expect(tagsOf('{{first_name}}{{   First_Name   }}{{\n\tfirst_name\n}}')).toEqual([
      { field: 'first_name', fallback: null },
      { field: 'first_name', fallback: null },
      { field: 'first_name', fallback: null },
    ]);
  });

  it('reads a rich editor\'s &nbsp; inside a tag\'s name as a space (the fallback is kept as written)', () => {
    expect(tagsOf('{{&nbsp;First&nbsp;Name&nbsp;}}{{ first&#160;name }}{{first&#xA0;name | dear&nbsp;friend}}')).toEqual([
      { field: 'first name', fallback: null },
      { field: 'first name', fallback: null },
      { field: 'first name', fallback: 'dear&nbsp;friend' },
    ]);
  });

  it('accepts spaces, dashes, dots, underscores, digits and non-ASCII letters in names', () => {
    expect(tagsOf('{{ First Name }}{{ e-mail }}{{ company.name }}{{ zip_2 }}{{ Prénom }}{{ 名前 }}{{ Имя }}').map((t) => t.field)).toEqual([
      'first name', 'e-mail', 'company.name', 'zip_2', 'prénom', '名前', 'имя',
    ]);
  });

  it('normalises names: case, inner whitespace runs, Unicode composition', () => {
    const decomposed = 'Pre\u0301nom'; // e + combining acute
    expect(tagsOf(`{{ FIRST   NAME }}{{ ${decomposed} }}`).map((t) => t.field)).toEqual(['first name', 'prénom']);
  });

  it('reads the fallback as trimmed literal text, possibly with spaces, empty, or with more bars', () => {
    expect(tagsOf('{{ First Name | there }}{{x|}}{{ x |   }}{{ y | my dear friend }}{{ z | a | b }}')).toEqual([
      { field: 'first name', fallback: 'there' },
      { field: 'x', fallback: '' },
      { field: 'x', fallback: '' },
      { field: 'y', fallback: 'my dear friend' },
      { field: 'z', fallback: 'a | b' },
    ]);
  });

  it('keeps a fallback with characters that are not allowed in names', () => {
    expect(tagsOf('{{ x | <b>you</b> & yours: 100% }}')).toEqual([{ field: 'x', fallback: '<b>you</b> & yours: 100%' }]);
  });

  it.each([
    ['a lone {{', 'a {{ b'],
    ['empty braces', '{{}}'],
    ['only whitespace', '{{   }}'],
    ['only a fallback', '{{ | x }}'],
    ['unmatched at the end', 'hello {{ name'],
    ['a single closing brace', '{{ name }'],
    ['a name with punctuation', '{{ name! }}'],
    ['a name with braces', '{{ a{b }}'],
    ['handlebars helpers', '{{#each items}}{{/each}}'],
    ['a closing pair alone', 'x }} y'],
  ])('leaves %s as literal text', (_, source) => {
    expect(parseTemplate(source)).toEqual({ texts: [source], tags: [] });
  });

  it('finds a valid tag after an unmatched {{', () => {
    expect(parseTemplate('{{ oops {{ name }}')).toEqual({
      texts: ['{{ oops ', ''],
      tags: [{ field: 'name', fallback: null }],
    });
  });

  it('finds the tag inside triple braces, keeping the outer braces', () => {
    expect(parseTemplate('{{{ name }}}')).toEqual({ texts: ['{', '}'], tags: [{ field: 'name', fallback: null }] });
  });

  it('writes \\{{ as a literal {{ and drops the backslash', () => {
    expect(parseTemplate('Type \\{{ name }} to insert a name: {{ name }}')).toEqual({
      texts: ['Type {{ name }} to insert a name: ', ''],
      tags: [{ field: 'name', fallback: null }],
    });
  });

  it('keeps backslashes that do not precede {{', () => {
    expect(parseTemplate('C:\\path \\{ \\}}')).toEqual({ texts: ['C:\\path \\{ \\}}'], tags: [] });
  });

  it('parses a large template in linear time', () => {
    const chunk = '<p>Hello {{ name | friend }}, {{ unmatched and some text } more text</p>\n';
    const source = chunk.repeat(20_000); // ~1.4 MB
    const started = performance.now();
    const { tags, texts } = parseTemplate(source);
    expect(tags).toHaveLength(20_000);
    expect(texts.join('')).toHaveLength(source.length - 20_000 * '{{ name | friend }}'.length);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('does not go quadratic on many {{ without a closing }}', () => {
    const source = '{{ a '.repeat(100_000);
    const started = performance.now();
    expect(parseTemplate(source).tags).toHaveLength(0);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
