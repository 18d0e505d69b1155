/**
 * The names among `names` whose value differs between `before` and `after`: what a settings entry
 * of the audit log records (the names, never the values, which may be a signature or an address).
 * A form saved unchanged gives [] and is not worth an entry.
 *
 * @example changedNames({ dailyLimit: 50, fromName: 'A' }, { dailyLimit: 80, fromName: 'A' }, ['dailyLimit', 'fromName']) // ['dailyLimit']
 */
export function changedNames(before: object, after: object, names: readonly string[]): string[] {
  const read = (record: object, name: string) => JSON.stringify((record as Record<string, unknown>)[name] ?? null);
  return names.filter((name) => read(before, name) !== read(after, name));
}
