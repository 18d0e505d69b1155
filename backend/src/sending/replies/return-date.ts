import { isValid, parse, type Locale } from 'date-fns';
import { de, enUS, es, fr, pt } from 'date-fns/locale';

/**
 * The day an out-of-office reply names as its writer's return, read from the first lines of its
 * text: "I am away until Monday 14 December", "back on 12/14/2026", "bis zum 14.12.2026", "jusqu'au
 * 14 décembre", "hasta el 14 de diciembre", "até 14 de dezembro". Returns that calendar day at
 * 00:00 UTC (what the follow-up waits for is the gate's rule: sending/follow-up-gate.ts). Null when
 * no date is named in a form we know, or when it is not ahead of the reply.
 *
 * @example returnDateOf('Out until December 14.', new Date('2026-12-03T09:00:00Z')) // 2026-12-14T00:00:00.000Z
 */
export function returnDateOf(text: string, received: Date): Date | null {
  const sample = text.slice(0, TEXT_LIMIT).replace(/\s+/g, ' ');
  for (const match of sample.matchAll(TRIGGERS)) {
    const locale = localeOfTrigger(match[0]!);
    const after = sample.slice(match.index! + match[0].length, match.index! + match[0].length + 60);
    const named = dateAtStart(after, locale, received);
    if (named) return named;
  }
  return null;
}

/** Only the start of a reply is read: the return date is in its first sentences (see poll-mailbox.ts). */
export const TEXT_LIMIT = 1024;
/** Further out than this is more likely a misreading (or a year-long leave) than a follow-up's wait. */
const MAX_AHEAD_MS = 180 * 86_400_000;

// The phrase before the date, per language; longest first so "back on" wins over "back".
const TRIGGER_WORDS: Array<[RegExp, Locale]> = [
  [/^(until|till|through|back (in the office )?on|back|returning( to the office)? on|returning|return(ing)? to work on|return on|away until)$/i, enUS],
  [/^(bis (zum|einschließlich|einschl\.)|bis|zurück am|wieder (da |erreichbar )?am|ab dem)$/i, de],
  [/^(jusqu'(au|à|a)|de retour le|retour le)$/i, fr],
  [/^(hasta el|hasta|de vuelta el|regreso el)$/i, es],
  [/^(até (ao|dia|o dia)|até|de volta (em|a|no dia)|regresso (a|em))$/i, pt],
];
const TRIGGERS =
  /\b(?:until|till|through|back in the office on|back on|back|returning to the office on|returning on|returning|return(?:ing)? to work on|return on|bis zum|bis einschließlich|bis einschl\.|bis|zurück am|wieder da am|wieder erreichbar am|wieder am|ab dem|de retour le|retour le|hasta el|hasta|de vuelta el|regreso el|de volta em|de volta a|de volta no dia|regresso a|regresso em)(?=\s)|jusqu'(?:au|à|a)(?=\s)|\bjusqu’(?:au|à|a)(?=\s)|(?<![\p{L}])até(?: ao| dia| o dia)?(?=\s)/giu;

function localeOfTrigger(trigger: string): Locale {
  const normal = trigger.replace('’', "'").replace(/\s+/g, ' ').trim();
  return TRIGGER_WORDS.find(([words]) => words.test(normal))?.[1] ?? enUS;
}

// date-fns patterns (https://date-fns.org/docs/parse), tried on the first words after the phrase.
const NUMERIC = ['yyyy-MM-dd', 'd.M.yyyy', 'd.M.yy', 'd.M.', 'd.M', 'd/M/yyyy', 'd/M'];
const NUMERIC_US = ['yyyy-MM-dd', 'M/d/yyyy', 'd/M/yyyy', 'M/d', 'd.M.yyyy', 'd.M.'];
const WORDS = [
  'EEEE d MMMM yyyy', 'EEEE d MMMM', 'EEEE, d MMMM yyyy', 'EEEE, d MMMM', 'EEE d MMMM', 'EEE, d MMMM',
  'd MMMM yyyy', 'd MMMM', 'do MMMM yyyy', 'do MMMM', 'd MMM yyyy', 'd MMM',
  'MMMM d, yyyy', 'MMMM d yyyy', 'MMMM d', 'MMMM do, yyyy', 'MMMM do', 'MMM d',
  'EEEE, MMMM d, yyyy', 'EEEE, MMMM d', 'EEEE MMMM d', "EEEE 'the' do", "EEEE, 'the' do",
  // German "14. Dezember", "Montag, 14. Dezember 2026"
  'd. MMMM yyyy', 'd. MMMM', 'EEEE, d. MMMM yyyy', 'EEEE, d. MMMM', 'EEEE d. MMMM', 'EEEE, d.M.yyyy', 'EEEE, d.M.',
  // Spanish and Portuguese "14 de diciembre (de 2026)", French "lundi 14 décembre"
  "d 'de' MMMM 'de' yyyy", "d 'de' MMMM", "EEEE d 'de' MMMM", "EEEE, d 'de' MMMM", "EEEE, d 'de' MMMM 'de' yyyy",
];
// Words between the phrase and the date: "until the 14th", "bis zum", "hasta el", "até dia", "jusqu'au lundi".
const FILLER = /^(the|on|am|zum|le|el|o|a|ao|dia|em|no)\s+/i;

function dateAtStart(after: string, locale: Locale, received: Date): Date | null {
  let rest = after.trim();
  while (FILLER.test(rest)) rest = rest.replace(FILLER, '');
  const words = rest.split(' ').slice(0, 7);
  const patterns = [...(locale === enUS ? NUMERIC_US : NUMERIC), ...WORDS];
  for (let count = words.length; count >= 1; count--) {
    const phrase = words.slice(0, count).join(' ');
    // "14.12." keeps its dot; "December 14," and "14 December." lose their punctuation.
    for (const candidate of new Set([phrase, phrase.replace(/[,.;:!?)]+$/, '')])) {
      if (!/\d/.test(candidate)) continue;
      for (const pattern of patterns) {
        const parsed = parse(candidate, pattern, received, { locale });
        if (!isValid(parsed)) continue;
        const day = namedDay(parsed, received);
        if (day) return day;
      }
    }
  }
  return null;
}

/** The calendar day `named` as written (00:00 UTC), next year's when it has passed and no year was read. */
function namedDay(named: Date, received: Date): Date | null {
  let day = Date.UTC(named.getFullYear(), named.getMonth(), named.getDate());
  const receivedDay = Date.UTC(received.getUTCFullYear(), received.getUTCMonth(), received.getUTCDate());
  // "until 4 January" written in December: next year's January.
  if (day < receivedDay && named.getFullYear() === received.getFullYear()) day = Date.UTC(named.getFullYear() + 1, named.getMonth(), named.getDate());
  if (day < receivedDay || day - received.getTime() > MAX_AHEAD_MS) return null;
  return new Date(day);
}
