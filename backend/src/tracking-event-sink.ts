/**
 * The port through which routes hand opens and clicks to storage. `AppDeps` names it and the
 * tracking feature implements it (`tracking/event-writer.ts`, and a `waitUntil` wrapper on
 * Workers); declared here, beside `deps.ts`, so that the app's dependencies import no feature.
 */

/** An open or a click as the route saw it. The IP is the full address: the writer applies the user's privacy setting. */
export type QueuedEvent = {
  /** The campaign's owner: whose privacy setting applies. */
  userId: string;
  campaignId: string;
  recipientId: number;
  jobId: number;
  step: number;
  kind: 'open' | 'click';
  linkIndex: number | null;
  url: string | null;
  machine: boolean;
  ipAddress: string | null;
  userAgent: string | null;
  occurredAt: number;
};

/**
 * Where routes put opens and clicks. `enqueue` returns at once; the events reach the database on the
 * next `flush()` (a timer on Node, `waitUntil` per request on Workers, `close()` at shutdown).
 */
export type TrackingEventSink = {
  enqueue(event: QueuedEvent): void;
  /**
   * Later clicks showed earlier ones were a scanner: relabel this job's clicks from `from` to `to`
   * (inclusive, epoch ms) as machine. Applied in the next flush after its inserts, so clicks still
   * queued are caught too.
   */
  relabelClicksAsMachine(jobId: number, from: number, to: number): void;
  /** Writes everything queued so far. Rejects if the database refused (the events stay queued). */
  flush(): Promise<void>;
  /** Flushes and stops the timer; nothing enqueued before it is lost. */
  close(): Promise<void>;
  /** Events waiting for the next flush. */
  readonly pending: number;
  /**
   * False when no timer flushes (Workers): the route must flush each request through
   * `executionCtx.waitUntil`, or the events would wait for the next request.
   */
  readonly flushesOnItsOwn: boolean;
};
