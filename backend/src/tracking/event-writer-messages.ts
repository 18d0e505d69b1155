import type { QueuedEvent } from '../tracking-event-sink';

/** A click relabelled as a scanner's (see `TrackingEventSink.relabelClicksAsMachine`). */
export type Relabel = { jobId: number; from: number; to: number };

/** From the request thread to `event-writer-thread.ts`, handled in order. */
export type ToThread =
  | { type: 'events'; events: QueuedEvent[]; relabels: Relabel[] }
  | { type: 'flush'; id: number }
  | { type: 'close' };

/** From the thread: `received` counts every event it was handed, `pending` those not written yet. */
export type FromThread =
  | { type: 'ready' }
  | { type: 'progress'; received: number; pending: number }
  | { type: 'flushed'; id: number; received: number; pending: number; error?: string }
  | { type: 'closed'; received: number; pending: number; error?: string }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string; fields: Record<string, unknown> };
