/**
 * Property-style tests over random templates and values, from a seeded generator so a failure
 * reproduces (the seed is in the test name).
 */
import { describe, expect, it } from 'vitest';
import { MERGE_CONTEXTS, compileTemplate } from './compile-template';
import { normaliseFields } from './fields';
import { parseTemplate } from './parse-template';
import { seededRandom } from '../lib/seeded-random';

/** mulberry32: small, fast, deterministic. */
const randomSource = seededRandom;

// Pieces chosen to hit the scanner's edges: braces, bars, backslashes, markup, quotes, line
// breaks, non-ASCII and lone surrogates.
const PIECES = [
  '{{', '}}', '{', '}', '|', '\\', '\\{{', ' ', '\n', '\r\n', '\t', 'name', 'First Name', 'é', '名', '😀',
  '\uD800', '\uDC00', '<', '>', '"', "'", '=', '&', '<a href="', '<img src=', '<script>', '</script>',
  '<style>', '</style>', '<!--', '-->', '__proto__', 'constructor', 'x', '-', '.', '_', '%', '#',
];
const FIELD_NAMES = ['name', 'first name', 'x', '__proto__', 'constructor', 'company', 'é', '名'];

function randomString(random: () => number, maxPieces: number): string {
  let out = '';
  const count = Math.floor(random() * maxPieces);
  for (let i = 0; i < count; i++) out += PIECES[Math.floor(random() * PIECES.length)] ?? '';
  return out;
}

function randomFields(random: () => number): Record<string, string> {
  const record: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const name of FIELD_NAMES) if (random() < 0.6) record[name] = randomString(random, 8);
  return record;
}

/** A template built from random literal text and valid tags, with or without a fallback. */
function randomTemplate(random: () => number): string {
  let out = '';
  const parts = 1 + Math.floor(random() * 8);
  for (let i = 0; i < parts; i++) {
    out += randomString(random, 6).replaceAll('{', '(').replaceAll('\\', '/');
    const name = FIELD_NAMES[Math.floor(random() * FIELD_NAMES.length)] ?? 'x';
    out += random() < 0.5 ? `{{ ${name} }}` : `{{${name}|}}`;
  }
  return out;
}

const count = (text: string, char: string): number => text.split(char).length - 1;
const SEEDS = [1, 2, 3, 42, 2024];

describe.each(SEEDS)('random templates (seed %i)', (seed) => {
  it('never throws on random source and random values, in any context', () => {
    const random = randomSource(seed);
    for (let i = 0; i < 500; i++) {
      const source = randomString(random, 40);
      for (const context of MERGE_CONTEXTS) {
        const compiled = compileTemplate(source, context);
        const { output, missing } = compiled.render(normaliseFields(randomFields(random)));
        expect(typeof output).toBe('string');
        for (const field of missing) expect(compiled.requiredFields).toContain(field);
      }
    }
  });

  it('returns a template without tags unchanged', () => {
    const random = randomSource(seed);
    for (let i = 0; i < 500; i++) {
      let source = randomString(random, 40);
      while (source.includes('{{')) source = source.replaceAll('{{', '{');
      for (const context of ['html', 'text', 'url'] as const) {
        expect(compileTemplate(source, context).render(normaliseFields(randomFields(random)))).toEqual({ output: source, missing: [] });
      }
    }
  });

  it('never lets a value add markup characters in HTML', () => {
    const random = randomSource(seed);
    for (let i = 0; i < 500; i++) {
      const source = randomTemplate(random);
      const literal = parseTemplate(source).texts.join('');
      const { output } = compileTemplate(source, 'html').render(normaliseFields(randomFields(random)));
      for (const char of ['<', '>', '"', "'"]) expect(count(output, char)).toBe(count(literal, char));
    }
  });

  it('never lets a value add anything but unreserved characters and %XX to a URL', () => {
    const random = randomSource(seed);
    for (let i = 0; i < 500; i++) {
      const source = randomTemplate(random);
      const { texts } = parseTemplate(source);
      const { output } = compileTemplate(source, 'url').render(normaliseFields(randomFields(random)));
      let rest = output;
      for (const text of texts) {
        const at = rest.indexOf(text);
        expect(/^[A-Za-z0-9\-._~%]*$/.test(rest.slice(0, at))).toBe(true);
        rest = rest.slice(at + text.length);
      }
      expect(/^[A-Za-z0-9\-._~%]*$/.test(rest)).toBe(true);
    }
  });

  it('never lets a value put a line break in a subject', () => {
    const random = randomSource(seed);
    for (let i = 0; i < 500; i++) {
      const { output } = compileTemplate(randomString(random, 40), 'subject').render(normaliseFields(randomFields(random)));
      expect(/[\r\n]/.test(output)).toBe(false);
    }
  });
});
