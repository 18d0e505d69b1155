/**
 * Tests only: a `pause` for storeRecipients / importRecipientsCsv that holds the import after its
 * `batches`-th batch, as a process killed there would leave it (its rows written, its row 'running'),
 * until `wake()` lets it carry on (a frozen process waking up). `stopped` settles when it is held.
 *
 * @example const gate = stopAfterBatches(2); const importing = importRecipientsCsv(deps, { …, pause: gate.pause }); await gate.stopped;
 */
export function stopAfterBatches(batches: number) {
  let pauses = 0;
  let wake!: () => void;
  const held = new Promise<void>((resolve) => (wake = resolve));
  let reached!: () => void;
  const stopped = new Promise<void>((resolve) => (reached = resolve));
  return {
    async pause() {
      pauses++;
      if (pauses < batches) return;
      reached();
      await held;
    },
    stopped,
    wake: () => wake(),
  };
}
