import type { Database } from '../db/database';
import type { Logger } from '../lib/logger';
import { createEventWriter, type QueuedEvent, type TrackingEventSink } from '../tracking/event-writer';

/**
 * The tracking sink for Workers: no timer runs between requests, so the route flushes each request's
 * events itself and hands the write to `ctx.waitUntil` (the pixel answers first, the row follows).
 *
 * Each flush takes what is queued and writes it through a writer of its own: a writer shared by the
 * isolate would chain one request's write onto another's promise, and workerd cancels continuations
 * that belong to a request that has already finished. The events of a flush that fails are dropped
 * (and the route logs it): a later request, which may never come to this isolate, cannot retry them.
 *
 * @example const trackingEvents = createWaitUntilEventSink(db, logger)
 */
export function createWaitUntilEventSink(db: Database, logger: Logger): TrackingEventSink {
  let events: QueuedEvent[] = [];
  let relabels: [jobId: number, from: number, to: number][] = [];
  return {
    enqueue(event) {
      events.push(event);
    },
    relabelClicksAsMachine(jobId, from, to) {
      relabels.push([jobId, from, to]);
    },
    async flush() {
      if (events.length === 0 && relabels.length === 0) return;
      const writer = createEventWriter(db, { flushAfterMs: null, logger });
      for (const event of events) writer.enqueue(event);
      for (const relabel of relabels) writer.relabelClicksAsMachine(...relabel);
      events = [];
      relabels = [];
      // A refusal rejects: the route logs it (tracking/routes.ts).
      await writer.flush();
    },
    close() {
      return this.flush();
    },
    get pending() {
      return events.length;
    },
    flushesOnItsOwn: false,
  };
}
