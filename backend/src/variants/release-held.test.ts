import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { AbDecision } from '../../../shared/schemas/variants';
import { campaigns, sendJobs } from '../db/schema';
import { seedCampaign } from '../testing/seed-campaign';
import { useTestApp } from '../testing/use-test-app';
import { advanceAbTests } from './ab-tests-in-tick';
import { heldJobsRemain } from './pick-winner';
import { RELEASE_SLICE } from './release-held';
import { AB_HELD_DUE_AT } from './variant-split';

const t = useTestApp();
const HELD = 2_500;

/** A sending campaign with 2 variants whose test was decided, and HELD first messages still held (split keys 0…). */
async function decidedWithHeld(decision: Pick<AbDecision, 'outcome' | 'winner'>) {
  const now = t.clock.now();
  const { userId, campaignId } = await seedCampaign(t.db, now);
  const abDecision: AbDecision = { decidedAt: now.toISOString(), metric: 'replies', minimumEvents: 5, variants: [], ...decision };
  await t.db
    .update(campaigns)
    .set({
      status: 'sending',
      variants: [{ subject: 'A', html: '<p>A</p>' }, { subject: 'B', html: '<p>B</p>' }],
      abTest: { metric: 'replies', testPercent: 10, waitHours: 1 },
      abDecision,
    })
    .where(eq(campaigns.id, campaignId));
  await t.db.run(sql`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${HELD - 1})
    INSERT INTO recipients (campaign_id, user_id, email, email_key, fields, status, created_at)
    SELECT ${campaignId}, ${userId}, 'p' || i || '@example.com', 'p' || i || '@example.com', '{}', 'pending', ${now.getTime()} FROM n`);
  await t.db.run(sql`INSERT INTO send_jobs (campaign_id, recipient_id, user_id, step, status, due_at, attempts, message_id, created_at, split_key, variant)
    SELECT campaign_id, id, user_id, 0, 'queued', ${AB_HELD_DUE_AT}, 0, 'm' || id, ${now.getTime()}, id - (SELECT min(id) FROM recipients WHERE campaign_id = ${campaignId}), NULL
    FROM recipients WHERE campaign_id = ${campaignId}`);
  const [row] = await t.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  return row!;
}

const jobsOf = (campaignId: string) => t.db.select().from(sendJobs).where(eq(sendJobs.campaignId, campaignId));

describe('releasing the held first messages', () => {
  it('finishes a release a crash cut short: every held job gets the winner and is due at the decision, once', async () => {
    const campaign = await decidedWithHeld({ outcome: 'winner', winner: 1 });
    const decidedAt = new Date(campaign.abDecision!.decidedAt).getTime();
    // The crash: one slice had been released before it.
    await t.db.run(sql`UPDATE send_jobs SET variant = 1, due_at = ${decidedAt}
      WHERE id IN (SELECT id FROM send_jobs WHERE campaign_id = ${campaign.id} AND due_at = ${AB_HELD_DUE_AT} LIMIT ${RELEASE_SLICE})`);
    expect(await heldJobsRemain(t.db, campaign.id)).toBe(true);

    expect(await advanceAbTests(t.db, [campaign], t.clock.now())).toEqual([]);
    const jobs = await jobsOf(campaign.id);
    expect(jobs).toHaveLength(HELD);
    expect(jobs.every((job) => job.variant === 1 && job.dueAt.getTime() === decidedAt && job.status === 'queued')).toBe(true);
    expect(await heldJobsRemain(t.db, campaign.id)).toBe(false);
  });

  it('keeps the even split (split key mod variants) after too few replies', async () => {
    const campaign = await decidedWithHeld({ outcome: 'too-few', winner: null });
    await advanceAbTests(t.db, [campaign], t.clock.now());
    const jobs = await jobsOf(campaign.id);
    expect(jobs.every((job) => job.variant === job.splitKey! % 2)).toBe(true);
    expect(jobs.filter((job) => job.variant === 1)).toHaveLength(HELD / 2);
  });
});
