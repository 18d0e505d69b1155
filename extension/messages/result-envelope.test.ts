import { describe, expect, it } from 'vitest';
import { err, isResultEnvelope, ok } from './result-envelope';

describe('isResultEnvelope', () => {
  it('accepts what the background answers: a value, or an error with a code and a sentence', () => {
    expect(isResultEnvelope(ok({ id: 'cmp_1' }))).toBe(true);
    expect(isResultEnvelope(ok(null))).toBe(true);
    expect(isResultEnvelope(err('unreachable', 'Cannot reach http://a.test'))).toBe(true);
    expect(isResultEnvelope(err('invalid', 'Check the form', [{ field: 'name', message: 'Give it a name' }]))).toBe(true);
  });

  it('refuses anything else, so the panel shows "answered in an unexpected way" instead of rendering it', () => {
    for (const raw of [undefined, null, 'ok', { ok: true }, { ok: 'true', value: 1 }, { ok: false }, { ok: false, error: 'boom' }, { ok: false, error: { code: 'internal' } }, { ok: false, error: { code: 1, message: 'x' } }]) {
      expect(isResultEnvelope(raw), JSON.stringify(raw)).toBe(false);
    }
  });
});
