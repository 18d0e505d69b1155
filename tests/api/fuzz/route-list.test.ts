import { expect, it } from 'vitest';
import { createTestApp } from '../../../backend/src/testing/test-app';
import { FUZZ_ROUTES, routeName } from '../../support/fuzz/route-list';

/** The fuzz suite covers the API as it is: a new JSON route without a fuzz entry fails here. */
it('fuzzes every JSON route the app serves, and no route it no longer serves', async () => {
  const t = await createTestApp();
  try {
    const served = new Set(
      t.app.routes.filter((route) => route.method !== 'ALL' && (route.path === '/health' || route.path.startsWith('/api/'))).map(routeName),
    );
    const fuzzed = new Set(FUZZ_ROUTES.map(routeName));
    expect([...served].filter((route) => !fuzzed.has(route)), 'add these to tests/support/fuzz/route-list.ts').toEqual([]);
    expect([...fuzzed].filter((route) => !served.has(route)), 'the app no longer serves these').toEqual([]);
  } finally {
    await t.close();
  }
});
