import { describe, expect, it } from 'vitest';
import { malformedInput, MAX_INPUT_DEPTH } from './well-formed-input';

const BROKEN = 'Contains a broken character (a lone UTF-16 surrogate)';
const BROKEN_NAME = 'The field name contains a broken character (a lone UTF-16 surrogate)';

describe('malformedInput', () => {
  it('passes well-formed input of every shape, emoji pairs included', () => {
    expect(malformedInput({ a: ['x', 1, null, true, { 'b 😀': 'Ünïcödé' }], c: '' }, 'json')).toEqual([]);
    expect(malformedInput('plain', 'json')).toEqual([]);
    expect(malformedInput(42, 'json')).toEqual([]);
  });

  it('names a broken key by its path, with U+FFFD in place of the surrogate', () => {
    const input = JSON.parse('{"recipients":[{"email":"ok@example.net","fields":{"f\\ud800":"v"}}]}');
    expect(malformedInput(input, 'json')).toEqual([{ field: 'recipients.0.fields.f\uFFFD', message: BROKEN_NAME }]);
  });

  it('names broken values by their paths, in document order', () => {
    const input = JSON.parse('{"name":"a\\udc00","list":["ok","\\ud800",{"deep":"\\ud83d"}],"last":"\\udfff"}');
    expect(malformedInput(input, 'json')).toEqual([
      { field: 'name', message: BROKEN },
      { field: 'list.1', message: BROKEN },
      { field: 'list.2.deep', message: BROKEN },
      { field: 'last', message: BROKEN },
    ]);
  });

  it('names the target when the input itself is a broken string', () => {
    expect(malformedInput('\ud800', 'json')).toEqual([{ field: 'json', message: BROKEN }]);
  });

  it('checks a `__proto__` key from JSON.parse like any other', () => {
    expect(malformedInput(JSON.parse('{"__proto__":"\\ud800"}'), 'json')).toEqual([{ field: '__proto__', message: BROKEN }]);
  });

  it('refuses nesting deeper than the limit without overflowing the stack', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    const [problem, ...more] = malformedInput(deep, 'json');
    expect(more).toEqual([]);
    expect(problem!.message).toBe(`Nested too deeply (at most ${MAX_INPUT_DEPTH} levels)`);
    expect(problem!.field.split('.')).toHaveLength(MAX_INPUT_DEPTH);
  });

  it('reports at most 20 problems, however many there are', () => {
    expect(malformedInput(Array.from({ length: 1000 }, () => '\ud800'), 'json')).toHaveLength(20);
  });
});
