import { checkEmailAddress } from '../../../shared/lib/email-address';
import { personAddressSchema } from '../../../shared/schemas/people';

/**
 * The address a person's request names, as its comparison key (emailKey), or why it is not one.
 * Only a valid address can be held (every import checks it), so anything else is a typing mistake
 * to show beside the field (dashboard) or in a 400 naming `email` (API).
 *
 * @example checkPersonAddress(' Ann@Example.com ') // { ok: true, key: 'ann@example.com' }
 */
export function checkPersonAddress(raw: string): { ok: true; key: string } | { ok: false; message: string } {
  const parsed = personAddressSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'Type the address' };
  const address = checkEmailAddress(parsed.data);
  return address.ok ? { ok: true, key: address.key } : { ok: false, message: address.reason };
}
