import { SQL, type QueryWithTypings } from 'drizzle-orm';

/**
 * SQL text with `?` placeholders and the values bound to them, for `db.run(…)` and `db.batch([…])`.
 *
 * For bulk inserts with hundreds of thousands of bound values: drizzle builds a `sql` template
 * chunk by chunk (objects and entity checks per value), which for a 100,000-row import cost more
 * CPU than SQLite's insert (bench/csv-import.ts). This hands drizzle the finished text and values.
 * Every value is still a bound parameter: user text never becomes SQL text, and never passes
 * through SQLite's JSON functions (issue 12).
 *
 * Numbered placeholders (`?1`) may repeat a value; a plain `?` after them takes the next number
 * (SQLite: "one more than the largest parameter number already assigned").
 *
 * @example
 * await db.run(new BoundStatement('INSERT INTO t (a, b) VALUES (?, ?), (?, ?)', [1, 'x', 2, 'y']));
 */
export class BoundStatement extends SQL {
  constructor(
    private readonly text: string,
    private readonly values: readonly unknown[],
  ) {
    super([]);
  }

  override toQuery(): QueryWithTypings {
    return { sql: this.text, params: [...this.values] };
  }
}
