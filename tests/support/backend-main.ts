/**
 * The backend's Node entry for crash tests, compiled by `bundleEntry`: the same `startNodeServer`
 * as `backend/src/node.ts`, with the same clean shutdown on SIGTERM (SIGKILL gets none, on purpose).
 */
import { startNodeServer } from '../../backend/src/node';

const { stop } = await startNodeServer();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stop().then(() => process.exit(0), () => process.exit(1)));
}
