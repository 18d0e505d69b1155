import { buildWorkerBundle } from './support/worker-bundle';

/** The `workers` project runs the bundle wrangler would deploy: build it fresh before any test. */
export async function setup() {
  const size = await buildWorkerBundle();
  console.log(`worker bundle built (${size})`);
}
