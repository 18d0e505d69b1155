/**
 * A LIKE pattern that finds `text` anywhere, with the user's `%`, `_` and `\` taken literally
 * (used with `ESCAPE '\'`). The text is always a bound parameter, never spliced into SQL.
 *
 * @example likeContains('50%_off') // '%50\\%\\_off%'
 */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
