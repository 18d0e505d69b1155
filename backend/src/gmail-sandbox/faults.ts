import * as z from 'zod';
import { createFaultGates } from './fault-gates';

/**
 * Fault injection: make the next N (or a random share of) matching calls fail the way Google's
 * servers fail, or slow them down. Faults live in memory: they are test set-up, not mailbox state.
 */

export const FAULT_OPERATIONS = ['send', 'list', 'get', 'history', 'threads', 'profile', 'token', 'revoke', 'userinfo', '*'] as const;
export type FaultOperation = Exclude<(typeof FAULT_OPERATIONS)[number], '*'>;

export const faultSpecSchema = z
  .object({
    mailbox: z.email().optional(),
    operation: z.enum(FAULT_OPERATIONS),
    /** Absent with `latencyMs`: the call is only delayed. 404 on `history` is Gmail's "startHistoryId too old". */
    status: z.union([z.literal(400), z.literal(401), z.literal(403), z.literal(404), z.literal(429), z.literal(500), z.literal(503)]).optional(),
    reason: z.string().min(1).max(100).optional(),
    message: z.string().min(1).max(500).optional(),
    count: z.number().int().positive().optional(),
    rate: z.number().min(0).max(1).optional(),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    /**
     * The call waits at the sandbox until `POST /faults/:id/release`; `GET /faults/:id/held`
     * answers once one waits. A call in flight for exactly as long as a test needs (fault-gates.ts).
     */
    hold: z.literal(true).optional(),
    /**
     * Only for `send`: store (and deliver) the message, THEN answer the error: Gmail accepted it
     * but the response was lost. Exactly-once logic must survive this.
     */
    afterSend: z.boolean().optional(),
    retryAfterSeconds: z.number().int().positive().optional(),
  })
  .refine((f) => f.status !== undefined || f.latencyMs !== undefined || f.hold, { message: 'a fault needs a status, a latencyMs or hold' })
  .refine((f) => !f.afterSend || f.operation === 'send', { message: 'afterSend applies to the send operation only' })
  .refine((f) => !f.afterSend || f.status !== undefined, { message: 'afterSend needs a status to answer' });

export type FaultSpec = z.infer<typeof faultSpecSchema>;
export type Fault = FaultSpec & { id: string; remaining?: number; hits: number };

export type FaultRegistry = ReturnType<typeof createFaultRegistry>;

/** @param random a [0, 1) source; inject a seeded one so `rate` faults are reproducible. */
export function createFaultRegistry(random: () => number) {
  let faults: Fault[] = [];
  let nextId = 1;
  const gates = createFaultGates();

  return {
    add(spec: FaultSpec): Fault {
      const fault: Fault = { ...spec, id: `fault-${nextId++}`, hits: 0 };
      if (spec.count !== undefined) fault.remaining = spec.count;
      if (spec.hold) gates.add(fault.id);
      faults.push(fault);
      return fault;
    },
    clear(): void {
      faults = [];
      gates.clear();
    },
    /** The gates of `hold` faults; they outlive a fault whose `count` is used up. */
    gates,
    list(): Fault[] {
      return faults.map((fault) => ({ ...fault }));
    },
    /**
     * The fault this call suffers, if any, consuming one of its `count`. First matching fault wins.
     * `mailbox` is undefined when the call's mailbox is unknown (e.g. an unknown token): then only
     * faults without a mailbox match.
     */
    take(operation: FaultOperation, mailbox: string | undefined): Fault | undefined {
      for (const fault of faults) {
        if (fault.operation !== '*' && fault.operation !== operation) continue;
        if (fault.mailbox && fault.mailbox.toLowerCase() !== mailbox) continue;
        if (fault.rate !== undefined && random() >= fault.rate) continue;
        fault.hits += 1;
        if (fault.remaining !== undefined) {
          fault.remaining -= 1;
          if (fault.remaining <= 0) faults = faults.filter((f) => f !== fault);
        }
        return { ...fault };
      }
      return undefined;
    },
  };
}

/** Reproducible `rate` faults in tests. */
export { seededRandom } from '../lib/seeded-random';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
