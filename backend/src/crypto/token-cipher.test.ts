import { describe, expect, it } from 'vitest';
import { createTokenCipher, TokenDecryptionError } from './token-cipher';

const keyA = new Uint8Array(32).fill(1);
const keyB = new Uint8Array(32).fill(2);

describe('token cipher', () => {
  it('round-trips a token and never stores it in clear', async () => {
    const cipher = await createTokenCipher(keyA);
    const sealed = await cipher.seal('1//refresh-token-value', 'acc_1:refresh');
    expect(sealed).not.toContain('refresh-token-value');
    expect(sealed.startsWith(`${cipher.currentKeyId}.`)).toBe(true);
    expect(await cipher.open(sealed, 'acc_1:refresh')).toBe('1//refresh-token-value');
  });

  it('uses a fresh IV every time', async () => {
    const cipher = await createTokenCipher(keyA);
    expect(await cipher.seal('same', 'x')).not.toBe(await cipher.seal('same', 'x'));
  });

  it('refuses a value moved to another row', async () => {
    const cipher = await createTokenCipher(keyA);
    const sealed = await cipher.seal('secret', 'acc_1:refresh');
    await expect(cipher.open(sealed, 'acc_2:refresh')).rejects.toThrow(TokenDecryptionError);
  });

  it('refuses an altered value', async () => {
    const cipher = await createTokenCipher(keyA);
    const sealed = await cipher.seal('secret', 'x');
    // Change the ciphertext's first character: its 6 bits all count (the last one may carry only
    // padding bits, and changing those alters nothing).
    const at = sealed.lastIndexOf('.') + 1;
    const flipped = sealed.slice(0, at) + (sealed[at] === 'A' ? 'B' : 'A') + sealed.slice(at + 1);
    await expect(cipher.open(flipped, 'x')).rejects.toThrow(/integrity/);
  });

  it('names the key mismatch when ENCRYPTION_KEY is wrong', async () => {
    const sealed = await (await createTokenCipher(keyA)).seal('secret', 'x');
    const wrong = await createTokenCipher(keyB);
    await expect(wrong.open(sealed, 'x')).rejects.toThrow(/neither ENCRYPTION_KEY/);
  });

  it('opens values of a previous key while sealing with the current one', async () => {
    const sealedWithA = await (await createTokenCipher(keyA)).seal('secret', 'x');
    const rotated = await createTokenCipher(keyB, [keyA]);
    expect(await rotated.open(sealedWithA, 'x')).toBe('secret');
    const resealed = await rotated.seal('secret', 'x');
    expect(rotated.keyIdOf(resealed)).toBe(rotated.currentKeyId);
    expect(rotated.keyIdOf(sealedWithA)).not.toBe(rotated.currentKeyId);
  });
});
