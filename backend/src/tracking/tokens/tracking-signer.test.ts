import { describe, expect, it } from 'vitest';
import { deriveKey } from '../../lib/keys';
import { trackingSignerFor } from './tracking-signer';
import { createTrackingSigner, signTrackingToken, verifyTrackingToken } from './tracking-token';

const secret = (fill: number) => new Uint8Array(32).fill(fill);

describe('trackingSignerFor', () => {
  it("signs with the secret's tracking key, so links the engine signs open on the tracking routes", async () => {
    const key = secret(3);
    const token = await signTrackingToken(await trackingSignerFor(key), { kind: 'open', jobId: 41, recipientId: 7, step: 0 });
    const byHand = await createTrackingSigner(await deriveKey(key, 'tracking'));
    expect(await verifyTrackingToken(byHand, token, 'open')).toMatchObject({ jobId: 41, recipientId: 7 });
    expect(await verifyTrackingToken(await trackingSignerFor(secret(4)), token, 'open')).toBeNull();
  });

  it('derives the key once per secret, not once per scheduler tick', async () => {
    const key = secret(5);
    expect(await trackingSignerFor(key)).toBe(await trackingSignerFor(key));
  });
});
