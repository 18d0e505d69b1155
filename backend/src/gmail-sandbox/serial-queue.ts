/**
 * Runs async jobs one after another. The sandbox reads then writes (next history id, limit
 * counts, "code already used?"), and libsql's single-connection clients refuse other calls while
 * an interactive transaction is open, so writes are serialised in-process and committed with
 * `db.batch`. One sandbox instance per database file at a time.
 */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return function run<T>(job: () => Promise<T>): Promise<T> {
    const result = tail.then(job, job);
    tail = result.catch(() => undefined);
    return result;
  };
}

export type SerialQueue = ReturnType<typeof createSerialQueue>;
