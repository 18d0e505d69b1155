import { describe, expect, it } from 'vitest';
import { normaliseFieldName, normaliseFields } from './fields';

describe('normaliseFieldName', () => {
  it('trims, collapses inner whitespace, lower-cases and composes accents', () => {
    expect(normaliseFieldName('  First \t Name ')).toBe('first name');
    expect(normaliseFieldName('PRE\u0301NOM')).toBe('prénom');
  });
});

describe('normaliseFields', () => {
  it('keys values by normalised header and trims them', () => {
    const fields = normaliseFields({ ' First Name ': ' Ada ', 'COMPANY.NAME': 'Acme' });
    expect([...fields]).toEqual([
      ['first name', 'Ada'],
      ['company.name', 'Acme'],
    ]);
  });

  it('leaves out empty and whitespace-only values so they count as missing', () => {
    const fields = normaliseFields({ a: '', b: '   ', c: '\n\t', d: 'x' });
    expect([...fields.keys()]).toEqual(['d']);
  });

  it('keeps the first non-empty value when two headers normalise to the same name', () => {
    expect(normaliseFields({ Name: '', name: 'second', ' NAME ': 'third' }).get('name')).toBe('second');
  });

  it('treats __proto__ and constructor as ordinary fields', () => {
    const record = JSON.parse('{"__proto__": "evil", "constructor": "builder", "toString": "x"}') as Record<string, string>;
    const fields = normaliseFields(record);
    expect(fields.get('__proto__')).toBe('evil');
    expect(fields.get('constructor')).toBe('builder');
    expect(fields.get('tostring')).toBe('x');
    expect(normaliseFields({}).get('constructor')).toBeUndefined();
    expect(normaliseFields({}).get('__proto__')).toBeUndefined();
  });

  it('ignores values that are not strings (from untyped callers)', () => {
    const record = JSON.parse('{"a": 1, "b": null, "c": "ok"}') as Record<string, string>;
    expect([...normaliseFields(record)]).toEqual([['c', 'ok']]);
  });
});
