import { sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { RecentMap } from './recent-map';

/** What an open or a click needs to know about the job its token names. */
export type TrackedJob = {
  jobId: number;
  campaignId: string;
  userId: string;
  recipientId: number;
  step: number;
  /**
   * Whether this message carries tracking (tracking-decision.ts). false: its opens and clicks are
   * recorded nowhere, though a click on a stored link still goes where it points.
   */
  tracked: boolean;
  /** When the message left; null while the send is not recorded yet (then the entry is not cached). */
  sentAt: number | null;
  /** The original URL of each rewritten link, by link index (`job_links`). */
  links: ReadonlyMap<number, string>;
  /** This job's clicks in the last few seconds, for "clicked every link at once". */
  recentClicks: { linkIndex: number; at: number }[];
};

export type JobCache = {
  /** The job, from memory or one query; null if it does not exist (deleted with its campaign). */
  get(jobId: number): Promise<TrackedJob | null>;
  /** The job if it is in memory (no query, no promise): the pixel's hot path; `get` otherwise. */
  peek(jobId: number): TrackedJob | undefined;
  /** Drops these jobs (a tracking opt-out changed them); the next request reads them again. */
  forget(jobIds: readonly number[]): void;
  readonly size: number;
};

/**
 * A cache of sent jobs, those not used lately out first (`RecentMap`). A sent job's campaign, recipient, step, send time and
 * links never change (`tracked` only turns off, and the opt-out that turns it off calls `forget`;
 * another process's cache may lag, so the event writer checks it again), so a hit needs no query: opens of a fresh campaign arrive in bursts per job
 * (proxy, prefetch, the person, forwards), and a pixel request becomes an HMAC and a map lookup.
 * A job deleted after it was cached is harmless: the event writer skips events of deleted campaigns.
 *
 * @example const jobs = createJobCache(db, { maxEntries: 20_000 }); const job = await jobs.get(payload.jobId);
 */
export function createJobCache(db: Database, options: { maxEntries: number }): JobCache {
  const entries = new RecentMap<number, TrackedJob>(options.maxEntries);
  /** Concurrent misses for one job share one query. */
  const loading = new Map<number, Promise<TrackedJob | null>>();

  const load = async (jobId: number): Promise<TrackedJob | null> => {
    // One round trip: the job and its links (primary keys send_jobs.id and job_links (job_id, link_index)).
    const [row] = await db.all<{
      campaign_id: string;
      user_id: string;
      recipient_id: number;
      step: number;
      tracked: number;
      sent_at: number | null;
      links: string;
    }>(sql`
      SELECT campaign_id, user_id, recipient_id, step, tracked, sent_at,
        (SELECT json_group_array(json_array(link_index, url)) FROM job_links WHERE job_id = send_jobs.id) AS links
      FROM send_jobs WHERE id = ${jobId}`);
    if (!row) return null;
    const links = new Map<number, string>();
    for (const [index, url] of parseLinks(row.links)) links.set(index, url);
    return {
      jobId,
      campaignId: row.campaign_id,
      userId: row.user_id,
      recipientId: Number(row.recipient_id),
      step: Number(row.step),
      tracked: Boolean(row.tracked),
      sentAt: row.sent_at === null ? null : Number(row.sent_at),
      links,
      recentClicks: [],
    };
  };

  const peek = (jobId: number): TrackedJob | undefined => entries.get(jobId);

  return {
    peek,
    async get(jobId) {
      const hit = peek(jobId);
      if (hit) return hit;
      let pending = loading.get(jobId);
      if (!pending) {
        pending = load(jobId).finally(() => loading.delete(jobId));
        loading.set(jobId, pending);
      }
      const job = await pending;
      // Not yet recorded as sent: look again next time, when sent_at (and the links) are there.
      if (job && job.sentAt !== null && !entries.has(jobId)) entries.set(jobId, job);
      return job;
    },
    forget(jobIds) {
      for (const jobId of jobIds) entries.delete(jobId);
    },
    get size() {
      return entries.size;
    },
  };
}

function parseLinks(json: string | null): [number, string][] {
  if (!json) return [];
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(
    (pair): pair is [number, string] => Array.isArray(pair) && typeof pair[0] === 'number' && typeof pair[1] === 'string',
  );
}
