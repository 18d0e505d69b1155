import { normaliseFieldName } from '../../../shared/merge/fields';

export type ConsentFieldState =
  /** No consent column: everyone is tracked (unless the server says otherwise). */
  | { kind: 'everyone'; columns: boolean }
  /** `column`: the imported column it names, as written there (names compare as merge tags do). */
  | { kind: 'column'; column: string }
  /** It names a column no imported recipient has: no one will be tracked. */
  | { kind: 'missing' };

/**
 * What the campaign's consent field is among its imported columns. The server matches it the way
 * merge tags match fields (backend/src/tracking/tracking-decision.ts), so "tracking consent" is the
 * column "Tracking Consent".
 */
export function consentFieldState(fields: readonly string[], value: string | null): ConsentFieldState {
  if (value === null) return { kind: 'everyone', columns: fields.length > 0 };
  const wanted = normaliseFieldName(value);
  const column = fields.find((field) => normaliseFieldName(field) === wanted);
  return column === undefined ? { kind: 'missing' } : { kind: 'column', column };
}
