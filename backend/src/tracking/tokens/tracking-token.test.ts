import { describe, expect, it } from 'vitest';
import { deriveKey } from '../../lib/keys';
import { createTrackingSigner, signTrackingToken, verifyTrackingToken, type TrackingPayload } from './tracking-token';

const secret = (fill: number) => new Uint8Array(32).fill(fill);
const signer = await createTrackingSigner(await deriveKey(secret(7), 'tracking'));
const otherSigner = await createTrackingSigner(await deriveKey(secret(8), 'tracking'));

const open = { kind: 'open', jobId: 48_213, recipientId: 1_204_331, step: 0 } as const;
const click = { kind: 'click', jobId: 48_213, recipientId: 1_204_331, step: 2, linkIndex: 4 } as const;
const unsubscribe = { kind: 'unsubscribe', jobId: 48_213, recipientId: 1_204_331, step: 1 } as const;
const base64urlAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('tracking tokens', () => {
  it('round-trips each kind', async () => {
    for (const payload of [open, click, unsubscribe] satisfies TrackingPayload[]) {
      const token = await signTrackingToken(signer, payload);
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(await verifyTrackingToken(signer, token, payload.kind)).toEqual(payload);
    }
  });

  it('round-trips zero and the largest safe integers', async () => {
    const edge = { kind: 'click', jobId: 0, recipientId: Number.MAX_SAFE_INTEGER, step: 127, linkIndex: 128 } as const;
    expect(await verifyTrackingToken(signer, await signTrackingToken(signer, edge), 'click')).toEqual(edge);
  });

  it('refuses every single-character alteration', async () => {
    for (const payload of [open, click]) {
      const token = await signTrackingToken(signer, payload);
      for (let i = 0; i < token.length; i++) {
        for (const c of base64urlAlphabet + '+/=.') {
          if (c === token[i]) continue;
          const altered = token.slice(0, i) + c + token.slice(i + 1);
          expect(await verifyTrackingToken(signer, altered, payload.kind), `${i}:${c}`).toBeNull();
        }
      }
    }
  });

  it('refuses truncated, extended and empty tokens', async () => {
    const token = await signTrackingToken(signer, click);
    for (const bad of ['', token.slice(0, -1), token.slice(1), token + 'A', `${token}=`, `${token} `, 'A'.repeat(200)]) {
      expect(await verifyTrackingToken(signer, bad, 'click')).toBeNull();
    }
  });

  it('never verifies a token as another kind', async () => {
    const openToken = await signTrackingToken(signer, open);
    const unsubscribeToken = await signTrackingToken(signer, unsubscribe);
    const clickToken = await signTrackingToken(signer, click);
    expect(await verifyTrackingToken(signer, openToken, 'unsubscribe')).toBeNull();
    expect(await verifyTrackingToken(signer, openToken, 'click')).toBeNull();
    expect(await verifyTrackingToken(signer, unsubscribeToken, 'open')).toBeNull();
    expect(await verifyTrackingToken(signer, clickToken, 'open')).toBeNull();
    expect(await verifyTrackingToken(signer, clickToken, 'unsubscribe')).toBeNull();
  });

  it('binds every field: tokens for neighbouring payloads differ and do not cross-verify', async () => {
    const variants: TrackingPayload[] = [
      click,
      { ...click, jobId: click.jobId + 1 },
      { ...click, recipientId: click.recipientId + 1 },
      { ...click, step: click.step + 1 },
      { ...click, linkIndex: click.linkIndex + 1 },
    ];
    const tokens = await Promise.all(variants.map((v) => signTrackingToken(signer, v)));
    expect(new Set(tokens).size).toBe(variants.length);
    for (const [i, token] of tokens.entries()) expect(await verifyTrackingToken(signer, token, 'click')).toEqual(variants[i]);
  });

  it('refuses a token signed with another key', async () => {
    const token = await signTrackingToken(otherSigner, open);
    expect(await verifyTrackingToken(signer, token, 'open')).toBeNull();
  });

  it('refuses a token signed with the same secret for another purpose', async () => {
    const sessionSigner = await createTrackingSigner(await deriveKey(secret(7), 'session-jwt'));
    expect(await verifyTrackingToken(signer, await signTrackingToken(sessionSigner, open), 'open')).toBeNull();
  });

  it('stays short: typical tokens ~34 characters, large ids under 60', async () => {
    expect((await signTrackingToken(signer, click)).length).toBeLessThanOrEqual(34);
    const large = { kind: 'click', jobId: 2 ** 40, recipientId: 2 ** 40, step: 9_999, linkIndex: 9_999 } as const;
    expect((await signTrackingToken(signer, large)).length).toBeLessThan(60);
  });

  it('throws on numbers that are not non-negative safe integers', async () => {
    for (const jobId of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) {
      await expect(signTrackingToken(signer, { ...open, jobId })).rejects.toThrow(RangeError);
    }
  });

  it('refuses a key that is not 32 bytes', async () => {
    await expect(createTrackingSigner(new Uint8Array(16))).rejects.toThrow(RangeError);
  });
});
