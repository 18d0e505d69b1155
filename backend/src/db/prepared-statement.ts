import type { Database } from './database';

/**
 * A statement built once per database and reused: for the scheduler's per-message queries,
 * drizzle's query building costs more CPU than SQLite running them. Bind values through
 * `sql.placeholder(name)`; placeholders skip the column's encoder, so pass dates as epoch
 * milliseconds and booleans as 0/1.
 *
 * @example
 * const claim = preparedStatement((db) => db.select().from(jobs).where(eq(jobs.id, sql.placeholder('id'))).prepare());
 * const [job] = await claim(db).all({ id: 41 });
 */
export function preparedStatement<P>(build: (db: Database) => P): (db: Database) => P {
  const byDatabase = new WeakMap<Database, P>();
  return (db) => {
    let prepared = byDatabase.get(db);
    if (prepared === undefined) {
      prepared = build(db);
      byDatabase.set(db, prepared);
    }
    return prepared;
  };
}
