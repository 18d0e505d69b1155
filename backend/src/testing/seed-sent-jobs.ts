import { sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import type { QueuedEvent } from '../tracking/event-writer';
import { seedCampaign } from './seed-campaign';

/**
 * Tests and the bench only: a user, a campaign, `count` recipients and one sent job each (step 0,
 * with `links` stored as its rewritten links), inserted directly, as if the engine had sent them.
 */
export async function seedSentJobs(db: Database, options: { now: Date; count: number; links?: string[] }) {
  const { userId, campaignId } = await seedCampaign(db, options.now);
  const at = options.now.getTime();
  const people = Array.from({ length: options.count }, (_, i) => `person${i}@example.com`);
  await db.run(sql`
    INSERT INTO recipients (campaign_id, user_id, email, email_key, fields, status, created_at)
    SELECT ${campaignId}, ${userId}, value, value, '{}', 'sent', ${at} FROM json_each(${JSON.stringify(people)}) ORDER BY key`);
  await db.run(sql`
    INSERT INTO send_jobs (campaign_id, recipient_id, user_id, step, status, due_at, message_id, sent_at, created_at)
    SELECT campaign_id, id, user_id, 0, 'sent', ${at}, '<' || id || '@seed.example>', ${at}, ${at}
    FROM recipients WHERE campaign_id = ${campaignId} ORDER BY id`);
  const jobs = await db.all<{ id: number; recipient_id: number }>(
    sql`SELECT id, recipient_id FROM send_jobs WHERE campaign_id = ${campaignId} ORDER BY id`,
  );
  const links = options.links ?? [];
  if (links.length > 0) {
    await db.run(sql`
      INSERT INTO job_links (job_id, link_index, url)
      SELECT j.id, l.key, l.value FROM send_jobs j, json_each(${JSON.stringify(links)}) l WHERE j.campaign_id = ${campaignId}`);
  }
  return { userId, campaignId, jobs: jobs.map((job) => ({ jobId: Number(job.id), recipientId: Number(job.recipient_id), step: 0 })) };
}

/**
 * Tests only: the tracking event of the `i`-th seeded job (round robin), an open from a person at
 * `now + i` ms unless `overrides` say otherwise.
 */
export function seededEvents(seeded: Awaited<ReturnType<typeof seedSentJobs>>, now: Date) {
  return (i: number, overrides: Partial<QueuedEvent> = {}): QueuedEvent => {
    const job = seeded.jobs[i % seeded.jobs.length]!;
    return {
      userId: seeded.userId,
      campaignId: seeded.campaignId,
      recipientId: job.recipientId,
      jobId: job.jobId,
      step: 0,
      kind: 'open',
      linkIndex: null,
      url: null,
      machine: false,
      ipAddress: '203.0.113.77',
      userAgent: `agent ${i}`,
      occurredAt: now.getTime() + i,
      ...overrides,
    };
  };
}
