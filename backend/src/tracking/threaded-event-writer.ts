import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../lib/logger';
import type { QueuedEvent, TrackingEventSink } from '../tracking-event-sink';
import type { FromThread, Relabel, ToThread } from './event-writer-messages';

export type ThreadedEventWriterOptions = {
  /** The embedded database file (`file:…`), already migrated by the request thread's connection. */
  databaseUrl: string;
  /** Hand the queue to the thread this long after its first event (as `createEventWriter`'s timer). */
  flushAfterMs: number;
  /** Hand it over at once when this many events wait. */
  maxPending?: number;
  /** After a refused write the thread tries again this long after (doubling up to 30 s); default 1 s. */
  retryAfterMs?: number;
  /** Where events go if the thread cannot start or dies: the in-thread writer on the app's connection. */
  fallback: TrackingEventSink;
  logger: Logger;
};

/**
 * Node with the embedded SQLite file: opens and clicks are written by a worker thread
 * (`event-writer-thread.ts`, its own connection, the same `createEventWriter`), because on the
 * embedded database a write runs on the calling thread (~17 µs an event, issue 17: as much as the
 * whole bare GIF answer). The request thread only pushes to an array and, every `flushAfterMs`,
 * posts the array to the thread.
 *
 * Exactly once, as the in-thread writer: an event is in one place at a time (this queue, one
 * message, the thread's queue, one INSERT of one transaction that is retried whole if the database
 * refuses it), so every answered open or click becomes one row. A process that dies loses what was
 * still queued in memory (at most `flushAfterMs` plus one write), as before; `close()` at shutdown
 * loses nothing. If the thread itself fails, later events go to `fallback`.
 *
 * The thread's connection and the app's are two writers of one file, as two Node instances sharing
 * it are: each waits on `busy_timeout` while the other holds the write lock (a transaction of
 * ≤ 250 events, a few ms).
 *
 * @example
 * const fallback = createEventWriter(db, { flushAfterMs: 100, logger });
 * const sink = createThreadedEventWriter({ databaseUrl, flushAfterMs: 100, fallback, logger });
 * sink.enqueue(event);
 * await sink.close(); // at shutdown, before the database client closes
 */
export function createThreadedEventWriter(options: ThreadedEventWriterOptions): TrackingEventSink {
  const maxPending = options.maxPending ?? 1_000;
  const { fallback, logger } = options;
  let outbox: QueuedEvent[] = [];
  let relabels: Relabel[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let sent = 0;
  let thread = { received: 0, pending: 0 };
  let closed = false;
  let failed = false;
  let nextFlush = 0;
  const flushes = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  const worker = startThread(options.databaseUrl, options.retryAfterMs ?? 1_000);
  // Never the reason a process stays up: a clean stop calls close(), which writes everything. While
  // a flush or close() waits on the thread, the thread keeps the process up (a pending promise does not).
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));

  const fail = (error: unknown) => {
    if (failed) return;
    failed = true;
    const lost = sent - thread.received + thread.pending;
    logger.error('tracking event thread stopped; writing on the request thread from now on', { error, lost });
    for (const { reject } of flushes.values()) reject(new Error('the tracking event thread stopped'));
    flushes.clear();
    handOver();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (!closed) fail(new Error(`exited with ${code}`));
  });
  worker.on('message', (message: FromThread) => {
    if (message.type === 'log') {
      logger[message.level](message.message, message.fields);
      return;
    }
    if (message.type === 'ready') return;
    thread = { received: message.received, pending: message.pending };
    if (message.type === 'closed' && message.error !== undefined) {
      logger.error('tracking events not written at shutdown', { error: message.error, lost: message.pending });
      void worker.terminate();
    }
    if (message.type === 'flushed') {
      const waiting = flushes.get(message.id);
      flushes.delete(message.id);
      if (flushes.size === 0 && !closed) worker.unref();
      if (message.error === undefined) waiting?.resolve();
      else waiting?.reject(new Error(`tracking events not written yet: ${message.error}`));
    }
  });

  /** Posts what waits here to the thread (or, once it failed, to the fallback writer). */
  const handOver = () => {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    if (outbox.length === 0 && relabels.length === 0) return;
    if (failed) {
      for (const event of outbox) fallback.enqueue(event);
      for (const { jobId, from, to } of relabels) fallback.relabelClicksAsMachine(jobId, from, to);
    } else {
      post({ type: 'events', events: outbox, relabels });
      sent += outbox.length;
    }
    outbox = [];
    relabels = [];
  };

  const post = (message: ToThread) => worker.postMessage(message);

  const schedule = () => {
    if (outbox.length >= maxPending) {
      handOver();
      return;
    }
    if (timer !== null || closed) return;
    timer = setTimeout(handOver, options.flushAfterMs);
    timer.unref();
  };

  const sink: TrackingEventSink = {
    enqueue(event) {
      outbox.push(event);
      schedule();
    },
    relabelClicksAsMachine(jobId, from, to) {
      relabels.push({ jobId, from, to });
      schedule();
    },
    flush() {
      handOver();
      if (failed) return fallback.flush();
      const id = nextFlush++;
      worker.ref();
      return new Promise<void>((resolve, reject) => {
        flushes.set(id, { resolve, reject });
        post({ type: 'flush', id });
      });
    },
    async close() {
      closed = true;
      handOver();
      if (!failed) {
        worker.ref();
        post({ type: 'close' });
        await exited;
      }
      await fallback.close();
    },
    get pending() {
      return outbox.length + (failed ? fallback.pending : sent - thread.received + thread.pending);
    },
    flushesOnItsOwn: true,
  };
  return sink;
}

/**
 * Run from TypeScript (tsx in `npm start`, vitest), the thread must register tsx's loader before it
 * imports its entry: a worker does not inherit the loader the `tsx` command gave this thread.
 */
function startThread(databaseUrl: string, retryAfterMs: number): Worker {
  const workerData = { databaseUrl, retryAfterMs };
  const fromTypeScript = import.meta.url.endsWith('.ts');
  const entry = new URL(`./event-writer-thread.${fromTypeScript ? 'ts' : 'js'}`, import.meta.url);
  if (!fromTypeScript) return new Worker(entry, { workerData });
  // tsx's `esm/api` export: `require` resolves its CommonJS build; the thread imports the ES module beside it.
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}
