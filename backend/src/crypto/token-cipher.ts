import { decodeBase64, encodeBase64url } from '../lib/base64';
import { randomBytes } from '../lib/random';

/**
 * Encrypts OAuth tokens at rest with AES-256-GCM (WebCrypto, so the same on Node and Workers).
 *
 * Stored form: `<keyId>.<iv>.<ciphertext>` (base64url). The key id is a fingerprint of the key,
 * so a value says which key sealed it: rotation decrypts with the old key and seals with the new
 * one, and a wrong ENCRYPTION_KEY is detected by name instead of as a vague decryption failure.
 * The additional data binds a value to its row and column: a ciphertext copied into another
 * account's row does not decrypt.
 */
export type TokenCipher = {
  /** Fingerprint of the key that seals new values. */
  currentKeyId: string;
  knownKeyIds: string[];
  seal(plaintext: string, boundTo: string): Promise<string>;
  open(sealed: string, boundTo: string): Promise<string>;
  /** The key id a stored value was sealed with. */
  keyIdOf(sealed: string): string;
};

export class TokenDecryptionError extends Error {
  override name = 'TokenDecryptionError';
}

const IV_BYTES = 12; // NIST SP 800-38D: 96-bit IVs, random per message

export async function createTokenCipher(
  currentKey: Uint8Array<ArrayBuffer>,
  previousKeys: Uint8Array<ArrayBuffer>[] = [],
): Promise<TokenCipher> {
  const keys = new Map<string, CryptoKey>();
  for (const raw of [currentKey, ...previousKeys]) {
    keys.set(await keyFingerprint(raw), await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']));
  }
  const currentKeyId = await keyFingerprint(currentKey);

  return {
    currentKeyId,
    knownKeyIds: [...keys.keys()],
    async seal(plaintext, boundTo) {
      const iv = randomBytes(IV_BYTES);
      const ciphertext = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(boundTo), tagLength: 128 },
        keys.get(currentKeyId)!,
        new TextEncoder().encode(plaintext),
      );
      return `${currentKeyId}.${encodeBase64url(iv)}.${encodeBase64url(new Uint8Array(ciphertext))}`;
    },
    async open(sealed, boundTo) {
      const [keyId, ivText, dataText] = sealed.split('.');
      const key = keyId ? keys.get(keyId) : undefined;
      if (!key) {
        throw new TokenDecryptionError(
          `This token was encrypted with key ${keyId ?? '(none)'}, which is neither ENCRYPTION_KEY (${currentKeyId}) nor a previous key.`,
        );
      }
      const iv = ivText ? decodeBase64(ivText) : null;
      const data = dataText ? decodeBase64(dataText) : null;
      if (!iv || !data) throw new TokenDecryptionError('The stored token is malformed.');
      try {
        const plaintext = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(boundTo), tagLength: 128 },
          key,
          data,
        );
        return new TextDecoder().decode(plaintext);
      } catch {
        throw new TokenDecryptionError('The stored token failed its integrity check (altered, or moved from another row).');
      }
    },
    keyIdOf(sealed) {
      return sealed.split('.')[0] ?? '';
    },
  };
}

/** `k` + 8 hex digits of SHA-256 over a label and the key: names a key without revealing it. */
async function keyFingerprint(key: Uint8Array<ArrayBuffer>): Promise<string> {
  const label = new TextEncoder().encode('iconnect/token-key-id/v1:');
  const input = new Uint8Array(label.length + key.length);
  input.set(label);
  input.set(key, label.length);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', input));
  return 'k' + Array.from(digest.slice(0, 4), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
