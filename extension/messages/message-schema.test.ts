import { describe, expect, it } from 'vitest';
import { messageSchema, responseSchema } from './index';

describe('messageSchema', () => {
  it('accepts each known message', () => {
    expect(messageSchema.safeParse({ type: 'connection/get' }).success).toBe(true);
    expect(messageSchema.safeParse({ type: 'connection/disconnect' }).success).toBe(true);
    expect(
      messageSchema.safeParse({ type: 'connection/connect', serverUrl: 'http://localhost:8787', token: 'ick_abc' }).success,
    ).toBe(true);
  });

  it.each([
    ['a string', 'connection/get'],
    ['null', null],
    ['an array', [{ type: 'connection/get' }]],
    ['an unknown type', { type: 'fetch', url: 'https://evil.example' }],
    ['a type with different case', { type: 'Connection/Get' }],
    ['a connect without a token', { type: 'connection/connect', serverUrl: 'http://localhost:8787' }],
    ['a connect with a numeric token', { type: 'connection/connect', serverUrl: 'http://x', token: 42 }],
    ['an extra field', { type: 'connection/get', token: 'ick_abc' }],
    ['an oversized server URL', { type: 'connection/connect', serverUrl: `http://${'a'.repeat(3000)}`, token: 'ick_a' }],
  ])('rejects %s', (_name, message) => {
    expect(messageSchema.safeParse(message).success).toBe(false);
  });
});

describe('responseSchema', () => {
  it('accepts a connected state without a token', () => {
    const answer = { ok: true, value: { connected: true, serverUrl: 'http://localhost:8787', email: 'a@b.co' } };
    expect(responseSchema('connection/get').safeParse(answer).success).toBe(true);
  });

  it('rejects a state that carries a token, so a leak would fail loudly in the panel', () => {
    const answer = { ok: true, value: { connected: true, serverUrl: 'http://x', email: 'a@b.co', token: 'ick_x' } };
    expect(responseSchema('connection/get').safeParse(answer).success).toBe(false);
  });

  it('accepts an error with a known code', () => {
    const answer = { ok: false, error: { code: 'unauthorized', message: 'no' } };
    expect(responseSchema('connection/connect').safeParse(answer).success).toBe(true);
  });
});
