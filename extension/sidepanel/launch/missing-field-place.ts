/**
 * A place from `preflight.missingFields.places` in the user's words (issue 14: "Edit the campaign"
 * did not say that `{{company}}` was inside a link's address, invisible in the editor).
 *
 * @example
 * describePlace('link: https://x.test/?c={{company}}') // 'the link https://x.test/?c={{company}}'
 * describePlace('follow-up 2 body') // "follow-up 2's body"
 */
export function describePlace(place: string): string {
  const link = /^((?:follow-up \d+ )?(?:variant [A-E] )?)link: (.*)$/is.exec(place);
  if (link) return `${link[1] ? `${owner(link[1])}'s ` : 'the '}link ${link[2] ?? ''}`;
  const step = /^((?:follow-up \d+ )?variant [A-E]|follow-up \d+) (subject|body)$/i.exec(place);
  if (step) return `${owner(step[1] ?? '')}'s ${step[2] ?? ''}`;
  return `the ${place}`;
}

/** "Variant B " → "variant B", mid-sentence (the server names A/B variants "Variant B subject"). */
const owner = (prefix: string) => prefix.trim().replace(/^Variant/, 'variant');

/** Every place of one field as one phrase: "the subject, the link https://… and follow-up 1's body". */
export function describePlaces(places: readonly string[], locale?: string): string {
  if (places.length === 0) return 'the campaign';
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(places.map(describePlace));
}

/**
 * A place as the editor opens it: step 0 is the first message, N the Nth follow-up; `variant` its
 * A/B variant (issue 18), absent for A or a step without variants.
 */
export type EditorPlace = ({ step: number; part: 'subject' | 'body' } | { step: number; part: 'link'; address: string }) & { variant?: number };

/**
 * Where the Write tab should take the user for a place of `preflight.missingFields.places`
 * (shared/schemas/launch.ts); null for a place this panel does not know (a newer server).
 *
 * @example parsePlace('follow-up 2 link: https://x.test/?c={{company}}') // { step: 2, part: 'link', address: 'https://x.test/?c={{company}}' }
 */
export function parsePlace(place: string): EditorPlace | null {
  const match = /^(?:follow-up (\d+) )?(?:[Vv]ariant ([A-E]) )?(?:(subject|body)|link: (.*))$/s.exec(place);
  if (!match) return null;
  const step = match[1] ? Number(match[1]) : 0;
  const variantIndex = match[2] ? 'ABCDE'.indexOf(match[2]) : 0;
  const variant = variantIndex > 0 ? { variant: variantIndex } : {};
  if (match[4] !== undefined) return { step, part: 'link', address: match[4], ...variant };
  return { step, part: match[3] === 'subject' ? 'subject' : 'body', ...variant };
}

/** The go-to button's words: "Go to the link https://…", "Go to follow-up 1's body". */
export function goToLabel(place: string): string {
  return `Go to ${describePlace(place)}`;
}
