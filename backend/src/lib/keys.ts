/**
 * One secret (AUTH_SECRET) gives every signing key we need, each for one purpose, through HKDF
 * (RFC 5869): a token signed for one use can never be replayed as another.
 */
export type KeyPurpose = 'session-jwt' | 'oauth-state' | 'tracking' | 'extension-link' | 'address-hash';

export async function deriveKey(secret: Uint8Array<ArrayBuffer>, purpose: KeyPurpose): Promise<Uint8Array<ArrayBuffer>> {
  const base = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode(`iconnect/${purpose}/v1`) },
    base,
    256,
  );
  return new Uint8Array(bits);
}
