import { describe, expect, it } from 'vitest';
import { createTrackingSigner, signTrackingToken } from './tokens';
import { createVerifiedTokens } from './verified-tokens';

const signer = createTrackingSigner(new Uint8Array(32).fill(5));

describe('verified tokens', () => {
  it('answers a repeat from memory, still per kind, and never remembers a forged token', async () => {
    const tokens = createVerifiedTokens(signer, { maxEntries: 2 });
    const open = await signTrackingToken(await signer, { kind: 'open', jobId: 1, recipientId: 2, step: 0 });
    expect(await tokens.verify(open, 'open')).toEqual({ kind: 'open', jobId: 1, recipientId: 2, step: 0 });
    expect(await tokens.verify(open, 'open')).toEqual({ kind: 'open', jobId: 1, recipientId: 2, step: 0 });
    expect(await tokens.verify(open, 'click')).toBeNull();
    expect(await tokens.verify(open, 'unsubscribe')).toBeNull();
    const forged = `${open.slice(0, -1)}${open.endsWith('A') ? 'B' : 'A'}`;
    expect(await tokens.verify(forged, 'open')).toBeNull();
    expect(await tokens.verify(forged, 'open')).toBeNull();
  });

  it('answers from memory without a promise only for a token that verified before', async () => {
    const tokens = createVerifiedTokens(signer, { maxEntries: 10 });
    const open = await signTrackingToken(await signer, { kind: 'open', jobId: 3, recipientId: 4, step: 1 });
    expect(tokens.known(open, 'open')).toBeUndefined();
    const forged = `${open.slice(0, -1)}${open.endsWith('A') ? 'B' : 'A'}`;
    expect(await tokens.verify(forged, 'open')).toBeNull();
    expect(tokens.known(forged, 'open')).toBeUndefined();
    await tokens.verify(open, 'open');
    expect(tokens.known(open, 'open')).toEqual({ kind: 'open', jobId: 3, recipientId: 4, step: 1 });
    expect(tokens.known(open, 'click')).toBeNull();
  });
});

