/**
 * Consent-aware tracking: the values of a campaign's consent field that mean yes. CNIL's 2026-04-14
 * recommendation on email tracking pixels asks for the recipient's prior consent; a value that is
 * not clearly yes (empty, "no", "maybe", a typo) is not consent, so that recipient is not tracked.
 * Case-insensitive, surrounding spaces ignored; accents count ("si" is not "sí").
 */
export const CONSENT_YES_VALUES = ['yes', 'y', 'true', '1', 'oui', 'ja', 'sí'] as const;

const YES = new Set<string>(CONSENT_YES_VALUES);

export function meansConsent(value: string | undefined | null): boolean {
  if (value === undefined || value === null) return false;
  return YES.has(value.normalize('NFC').trim().toLocaleLowerCase('en'));
}
