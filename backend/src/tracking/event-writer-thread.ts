/**
 * The worker thread behind `threaded-event-writer.ts` (Node, embedded SQLite file): its own
 * connection to the same file and the same `createEventWriter` as every runtime, writing each batch
 * the request thread hands over as soon as it arrives. Messages are handled in order, and the
 * writer's flushes run one after another, so a `flush` answer covers every batch sent before it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open-database';
import { createLogger } from '../lib/logger';
import { createEventWriter } from './event-writer';
import type { FromThread, ToThread } from './event-writer-messages';
import { errorSummary } from './thread-error';

const port = parentPort;
if (!port) throw new Error('event-writer-thread runs as a worker thread only');
const { databaseUrl, retryAfterMs } = workerData as { databaseUrl: string; retryAfterMs: number };
/** Past this, a database refusing writes for long is retried twice a minute, not faster. */
const MAX_RETRY_AFTER_MS = 30_000;

// Opened as the app opens it (the same client, per-connection PRAGMAs, busy_timeout: this thread, not
// the request thread, waits while the app's connection writes). The request thread migrated the file
// before starting us, so the migrator here finds nothing to run.
const { db, client } = await openDatabase({ url: databaseUrl });

const post = (message: FromThread) => port.postMessage(message);
// The app's logger redacts (an error is reduced to its driver's message, never drizzle's SQL and
// parameters); its line crosses to the request thread's logger, which writes it.
const logger = createLogger((line) => {
  const { time: _time, level, message, ...fields } = JSON.parse(line) as { time: string; level: string; message: string };
  post({ type: 'log', level: level === 'error' ? 'error' : level === 'warn' ? 'warn' : 'info', message, fields });
});

// No timer: each batch is written as it arrives (the request thread already waited flushAfterMs).
const writer = createEventWriter(db, { flushAfterMs: null, maxPending: Number.MAX_SAFE_INTEGER, logger });
let received = 0;

const report = () => post({ type: 'progress', received, pending: writer.pending });

// A refused write keeps its events (createEventWriter puts them back); without a timer of its own
// the writer would try again only when the next batch or a flush arrives, which on a quiet campaign
// may be never before shutdown. So after a failure the thread tries again by itself, backing off.
let retry: ReturnType<typeof setTimeout> | null = null;
let retryDelay = retryAfterMs;
let closing = false;
const written = () => {
  retryDelay = retryAfterMs;
  report();
};
const refused = () => {
  report();
  if (retry !== null || closing) return;
  retry = setTimeout(() => {
    retry = null;
    writer.flush().then(written, (error: unknown) => {
      retryDelay = Math.min(retryDelay * 2, MAX_RETRY_AFTER_MS);
      logger.error('tracking events not written yet', { error, pending: writer.pending, retryInMs: retryDelay });
      refused();
    });
  }, retryDelay);
};

port.on('message', (message: ToThread) => {
  switch (message.type) {
    case 'events':
      for (const event of message.events) writer.enqueue(event);
      for (const { jobId, from, to } of message.relabels) writer.relabelClicksAsMachine(jobId, from, to);
      received += message.events.length;
      writer.flush().then(written, (error: unknown) => {
        logger.error('tracking events not written yet', { error, pending: writer.pending });
        refused();
      });
      return;
    case 'flush':
      writer.flush().then(
        () => {
          retryDelay = retryAfterMs;
          post({ type: 'flushed', id: message.id, received, pending: writer.pending });
        },
        (error: unknown) => {
          post({ type: 'flushed', id: message.id, received, pending: writer.pending, error: errorSummary(error) });
          refused();
        },
      );
      return;
    case 'close':
      closing = true;
      if (retry !== null) clearTimeout(retry);
      retry = null;
      writer.close().then(
        () => {
          client.close();
          post({ type: 'closed', received, pending: writer.pending });
          port.close();
        },
        (error: unknown) => post({ type: 'closed', received, pending: writer.pending, error: errorSummary(error) }),
      );
      return;
  }
});
post({ type: 'ready' });
