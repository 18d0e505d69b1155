/**
 * Gates for `hold` faults: a matching call waits at its fault's gate until a test opens it. A test
 * can then act while a call is in flight at Google (pause a campaign mid-send) and know that it
 * is, instead of sleeping and hoping a delay covers the moment.
 */
type Gate = { held: number; opened: Promise<void>; open(): void; onHeld: Array<() => void> };

export type FaultGates = ReturnType<typeof createFaultGates>;

export function createFaultGates() {
  const gates = new Map<string, Gate>();

  return {
    add(id: string): void {
      let open!: () => void;
      const opened = new Promise<void>((resolve) => (open = resolve));
      gates.set(id, { held: 0, opened, open, onHeld: [] });
    },
    /** A call reached the gate: resolves when it opens (at once if it is open or unknown). */
    async pass(id: string): Promise<void> {
      const gate = gates.get(id);
      if (!gate) return;
      gate.held += 1;
      for (const notify of gate.onHeld.splice(0)) notify();
      await gate.opened;
    },
    /** Resolves with the number of calls held once at least one is; undefined for an unknown gate. */
    whenHeld(id: string): Promise<number> | undefined {
      const gate = gates.get(id);
      if (!gate) return undefined;
      if (gate.held > 0) return Promise.resolve(gate.held);
      return new Promise((resolve) => gate.onHeld.push(() => resolve(gate.held)));
    },
    /** Lets the held calls go on, and every later one through. False for an unknown gate. */
    open(id: string): boolean {
      const gate = gates.get(id);
      gate?.open();
      return gate !== undefined;
    },
    /** Opens every gate and forgets them: no call (and no one waiting for one) stays stuck once the faults are cleared. */
    clear(): void {
      for (const gate of gates.values()) {
        gate.open();
        for (const notify of gate.onHeld.splice(0)) notify();
      }
      gates.clear();
    },
  };
}
