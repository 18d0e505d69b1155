/**
 * A place from `preflight.missingFields.places` in the user's words (issue 14: "Edit the campaign"
 * did not say that `{{company}}` was inside a link's address, invisible in the editor).
 *
 * @example
 * describePlace('link: https://x.test/?c={{company}}') // 'the link https://x.test/?c={{company}}'
 * describePlace('follow-up 2 body') // "follow-up 2's body"
 */
export function describePlace(place: string): string {
  const link = /^(follow-up \d+ )?link: (.*)$/s.exec(place);
  if (link) return `${link[1] ? `${link[1].trim()}'s ` : 'the '}link ${link[2] ?? ''}`;
  const step = /^(follow-up \d+) (subject|body)$/.exec(place);
  if (step) return `${step[1] ?? ''}'s ${step[2] ?? ''}`;
  return `the ${place}`;
}

/** Every place of one field as one phrase: "the subject, the link https://… and follow-up 1's body". */
export function describePlaces(places: readonly string[], locale?: string): string {
  if (places.length === 0) return 'the campaign';
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(places.map(describePlace));
}
