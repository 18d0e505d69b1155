import { describe, expect, it } from 'vitest';
import { compileTemplate, missingFields } from './compile-template';
import { normaliseFields } from './fields';

const render = (source: string, context: Parameters<typeof compileTemplate>[1], row: Record<string, string>) =>
  compileTemplate(source, context).render(normaliseFields(row));

describe('compileTemplate', () => {
  it('fills tags case-insensitively, ignoring whitespace in the tag and around the header', () => {
    expect(render('Hi {{first name}} / {{  FIRST NAME  }} / {{First   Name}}', 'text', { ' First Name ': 'Ada' })).toEqual({
      output: 'Hi Ada / Ada / Ada',
      missing: [],
    });
  });

  it('matches non-ASCII headers whatever their case or Unicode composition', () => {
    expect(render('Bonjour {{ prénom }}', 'text', { 'PRE\u0301NOM': 'Éloïse' }).output).toBe('Bonjour Éloïse');
  });

  it('lists referenced fields, and the required ones, each once in order of first use', () => {
    const compiled = compileTemplate('{{ b | x }} {{ a }} {{ B }} {{ c | }} {{ a }}', 'text');
    expect(compiled.fields).toEqual(['b', 'a', 'c']);
    expect(compiled.requiredFields).toEqual(['a', 'b']);
  });

  describe('missing values', () => {
    it('uses the fallback when the field is absent, empty or whitespace only', () => {
      const source = 'Hi {{ name | there }}!';
      for (const row of [{}, { name: '' }, { Name: '  \t' }] as Record<string, string>[]) {
        expect(render(source, 'text', row)).toEqual({ output: 'Hi there!', missing: [] });
      }
    });

    it('renders an empty fallback as nothing and does not report it', () => {
      expect(render('Hi{{ name | }}!', 'text', {})).toEqual({ output: 'Hi!', missing: [] });
    });

    it('renders a field without fallback as empty and reports it once', () => {
      expect(render('{{ a }}-{{ b }}-{{ A }}-{{ c | x }}', 'text', { b: 'B' })).toEqual({ output: '-B--x', missing: ['a'] });
    });

    it('reports missing fields in order of first use', () => {
      expect(render('{{ z }}{{ y }}{{ z }}{{ x }}', 'text', {}).missing).toEqual(['z', 'y', 'x']);
    });

    it('missingFields checks a recipient without rendering', () => {
      const compiled = compileTemplate('{{ first name }} at {{ company }} {{ city | }}', 'html');
      expect(missingFields(compiled, normaliseFields({ 'First Name': 'Ada' }))).toEqual(['company']);
      expect(missingFields(compiled, normaliseFields({ 'First Name': 'Ada', Company: 'Acme' }))).toEqual([]);
    });
  });

  describe('html context', () => {
    it('renders a <script> value as text', () => {
      expect(render('<p>Hi {{ name }}</p>', 'html', { name: '<script>alert(1)</script>' }).output).toBe(
        '<p>Hi &lt;script&gt;alert(1)&lt;/script&gt;</p>',
      );
    });

    it('escapes & and quotes, so a value cannot leave an attribute', () => {
      expect(render('<img alt="{{ name }}" title=\'{{ name }}\'>', 'html', { name: `Tom & "Jerry" 'J'` }).output).toBe(
        `<img alt="Tom &amp; &quot;Jerry&quot; &#39;J&#39;" title='Tom &amp; &quot;Jerry&quot; &#39;J&#39;'>`,
      );
    });

    it('percent-encodes a value inside href', () => {
      expect(render('<a href="https://x.example/?ref={{ Company }}">{{ Company }}</a>', 'html', { company: 'Tom & Jerry / Co' }).output).toBe(
        '<a href="https://x.example/?ref=Tom%20%26%20Jerry%20%2F%20Co">Tom &amp; Jerry / Co</a>',
      );
    });

    it('cannot make a link run code', () => {
      expect(render('<a href="{{ site }}">x</a>', 'html', { site: 'javascript:alert(1)' }).output).toBe(
        '<a href="javascript%3Aalert%281%29">x</a>',
      );
    });

    it('cannot add an attribute through an unquoted value', () => {
      expect(render('<td width={{ w }}>', 'html', { w: '1 onmouseover=alert(1)' }).output).toBe(
        '<td width=1&#32;onmouseover&#61;alert(1)>',
      );
    });

    it('copies the fallback as written: it is template text, already HTML', () => {
      expect(render('<p>Hi {{ name | <b>friend</b> &amp; co }}</p>', 'html', {}).output).toBe('<p>Hi <b>friend</b> &amp; co</p>');
    });
  });

  describe('subject context', () => {
    it('replaces line breaks in values with a space so no header can be injected', () => {
      expect(render('Hello {{ name }}', 'subject', { name: 'Ada\r\nBcc: victim@example.com' }).output).toBe(
        'Hello Ada Bcc: victim@example.com',
      );
    });

    it('keeps other characters raw (the MIME encoder encodes the header)', () => {
      expect(render('{{ name }} <3', 'subject', { name: 'Tom & "Jerry"' }).output).toBe('Tom & "Jerry" <3');
    });

    it('also removes line breaks from the template text itself', () => {
      expect(render('Line one\nline two {{ x | a\nb }}', 'subject', {}).output).toBe('Line one line two a b');
    });
  });

  describe('text and url contexts', () => {
    it('text gets raw values, line breaks included', () => {
      expect(render('Hi {{ name }}', 'text', { name: '<b>Ada</b>\n& co' }).output).toBe('Hi <b>Ada</b>\n& co');
    });

    it('url percent-encodes values and copies the rest', () => {
      expect(render('https://x.example/u/{{ id }}?c={{ Company }}&r={{ ref | none }}', 'url', { id: 'a/b', company: 'Tom & Jerry' }).output).toBe(
        'https://x.example/u/a%2Fb?c=Tom%20%26%20Jerry&r=none',
      );
    });
  });

  it('treats __proto__ and constructor as ordinary fields', () => {
    const compiled = compileTemplate('{{ __proto__ }}|{{ constructor }}|{{ toString | none }}', 'text');
    expect(compiled.render(normaliseFields({})).output).toBe('||none');
    expect(compiled.render(normaliseFields({})).missing).toEqual(['__proto__', 'constructor']);
    const record = JSON.parse('{"__proto__": "p", "constructor": "c"}') as Record<string, string>;
    expect(compiled.render(normaliseFields(record))).toEqual({ output: 'p|c|none', missing: [] });
  });

  it('leaves malformed tags literal and renders the valid ones', () => {
    expect(render('{{ {{}} {{ name }} {{ name', 'html', { name: 'Ada' }).output).toBe('{{ {{}} Ada {{ name');
  });

  it('writes \\{{ as a literal {{', () => {
    expect(render('Use \\{{ first name }} for {{ first name }}', 'text', { 'first name': 'Ada' }).output).toBe(
      'Use {{ first name }} for Ada',
    );
  });

  it('returns a template without tags unchanged', () => {
    const source = '<p>No tags here, just } and { and a backslash \\ </p>';
    expect(render(source, 'html', { a: 'b' })).toEqual({ output: source, missing: [] });
  });

  it('renders a large template', () => {
    const source = '<p>Hello {{ name }}, see <a href="/x?c={{ company }}">this</a>.</p>\n'.repeat(5_000);
    const { output, missing } = render(source, 'html', { name: 'A&B', company: 'C D' });
    expect(missing).toEqual([]);
    expect(output).toBe('<p>Hello A&amp;B, see <a href="/x?c=C%20D">this</a>.</p>\n'.repeat(5_000));
  });

  it('rejects an unknown context (a programming error, not user content)', () => {
    expect(() => compileTemplate('x', 'markdown' as 'text')).toThrow(TypeError);
  });
});
