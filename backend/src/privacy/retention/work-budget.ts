import type { Clock } from '../../lib/clock';

/**
 * How much one pass of the retention job may do: statements of at most `batchSize` rows, at most
 * `batches` of them that changed something, and nothing started after `stopAt` (well inside the
 * pass's lease). Short statements let the scheduler's and the API's writes in between; a pass that
 * runs out leaves the rest to the next tick.
 */
export type WorkBudget = {
  readonly batchSize: number;
  mayGoOn(): boolean;
  /** A statement changed `rows` rows: it counts against the budget when it did anything. */
  spent(rows: number): void;
};

export function workBudget(input: { batchSize: number; batches: number; stopAt: Date; clock: Clock }): WorkBudget {
  let left = input.batches;
  return {
    batchSize: input.batchSize,
    mayGoOn: () => left > 0 && input.clock.now().getTime() < input.stopAt.getTime(),
    spent(rows) {
      if (rows > 0) left--;
    },
  };
}

/**
 * Runs `statement` (which changes at most `size` rows) until a run changes fewer than `size`:
 * nothing of that kind is left. `complete` is false when the budget ran out first.
 *
 * @example const { changed, complete } = await inBatches(budget, budget.batchSize, () => deleteSome(db, 5_000))
 */
export async function inBatches(budget: WorkBudget, size: number, statement: () => Promise<number>): Promise<{ changed: number; complete: boolean }> {
  let changed = 0;
  for (;;) {
    if (!budget.mayGoOn()) return { changed, complete: false };
    const rows = await statement();
    budget.spent(rows);
    changed += rows;
    if (rows < size) return { changed, complete: true };
  }
}
