import fc from 'fast-check';
import { expect, it } from 'vitest';
import { AUDIT_ACTIONS, auditPageSchema } from '../../../shared/schemas/audit';
import { signedInAgent, type BrowserAgent } from '../testing/browser-agent';
import { useTestApp } from '../testing/use-test-app';
import { DASHBOARD, recordAudit, SYSTEM } from './record-audit';

const t = useTestApp();

async function page(agent: BrowserAgent, cursor: string | null, limit: number) {
  const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
  const response = await agent.get(`/api/audit?${query}`);
  expect(response.status).toBe(200);
  return auditPageSchema.parse(await response.json());
}

it('pages through 250 entries newest first, never repeating or skipping one, while new ones arrive', async () => {
  const { agent, user } = await signedInAgent(t, 'ada@example.com');
  const { user: other } = await signedInAgent(t, 'bob@example.com');
  // Two users' entries interleaved, so ids of the other user sit between each of Ada's.
  for (let i = 0; i < 250; i++) {
    await recordAudit(t.deps, { userId: user.id, actor: i % 2 ? DASHBOARD : SYSTEM, action: AUDIT_ACTIONS[i % AUDIT_ACTIONS.length]!, detail: { n: i } });
    await recordAudit(t.deps, { userId: other.id, actor: DASHBOARD, action: 'campaign.created', detail: { n: i } });
  }
  // Newest first: n runs 249 down to 0 (sign-up wrote no entry).
  const expected = Array.from({ length: 250 }, (_, i) => 249 - i);

  await fc.assert(
    fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 8 }), fc.nat({ max: 3 }), async (limits, arrivals) => {
      const seen: number[] = [];
      let cursor: string | null = null;
      let turn = 0;
      do {
        const answer = await page(agent, cursor, limits[turn % limits.length]!);
        expect(answer.entries.length).toBeLessThanOrEqual(limits[turn % limits.length]!);
        seen.push(...answer.entries.map((entry) => Number(entry.detail?.n)));
        cursor = answer.nextCursor;
        // Entries written while paging are newer than the cursor: they wait for the next first page.
        for (let a = 0; a < arrivals; a++) await recordAudit(t.deps, { userId: user.id, actor: DASHBOARD, action: 'auth.sign_in', detail: { n: -1 } });
        turn++;
      } while (cursor !== null);
      expect(seen.filter((n) => n >= 0)).toEqual(expected);
      // Only the arrivals of earlier runs (newer than every old entry) may come first.
      expect(seen.slice(seen.length - 250)).toEqual(expected);
    }),
    { numRuns: 12 },
  );
});

it('ends with a null cursor exactly when the last entry is on the page', async () => {
  const { agent, user } = await signedInAgent(t, 'ada@example.com');
  for (let i = 0; i < 4; i++) await recordAudit(t.deps, { userId: user.id, actor: DASHBOARD, action: 'auth.sign_in' });
  expect((await page(agent, null, 4)).nextCursor).toBeNull();
  const first = await page(agent, null, 3);
  expect(first.nextCursor).toBe(first.entries[2]!.id);
  const last = await page(agent, first.nextCursor, 3);
  expect(last.entries).toHaveLength(1);
  expect(last.nextCursor).toBeNull();
});
