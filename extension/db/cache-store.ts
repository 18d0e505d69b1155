import type { GmailAccount } from '../../shared/schemas/accounts';
import type { Campaign } from '../../shared/schemas/campaigns';
import type { CampaignStats } from '../../shared/schemas/analytics';
import { withEdit } from './campaign-edit';
import type { IConnectDb } from './iconnect-db';

/** A cached value and when the server last gave it (null: never asked yet). */
export interface Cached<T> {
  value: T;
  fetchedAt: string | null;
}

export type CacheStore = ReturnType<typeof createCacheStore>;

/**
 * Reads and writes the API cache tables. A list from the server replaces the cached list whole
 * (it is the truth: a campaign deleted elsewhere disappears), in one transaction with its stats.
 * A campaign from the server is stored with the user's pending offline edit laid over it.
 */
export function createCacheStore(db: IConnectDb, now: () => Date) {
  const stamp = () => now().toISOString();
  /** Rows for campaigns as the server sent them, each with its pending edit (if any) on top. Call inside a transaction over campaigns and pendingEdits. */
  const rowsFor = async (campaigns: Campaign[], fetchedAt: string) => {
    const pending = await db.pendingEdits.where('campaignId').anyOf(campaigns.map((campaign) => campaign.id)).toArray();
    const edits = new Map(pending.map((row) => [row.campaignId, row.edit]));
    return campaigns.map((server) => {
      const edit = edits.get(server.id);
      const campaign = edit ? withEdit(server, edit) : server;
      return { id: campaign.id, updatedAt: campaign.updatedAt, campaign, fetchedAt };
    });
  };
  const latest = (rows: Array<{ fetchedAt: string }>) =>
    rows.reduce<string | null>((max, row) => (max === null || row.fetchedAt > max ? row.fetchedAt : max), null);

  /** Drops campaigns and what is cached under them. Call inside a transaction over campaigns, stats and recipients. */
  const forget = async (ids: string[]) => {
    await db.campaigns.bulkDelete(ids);
    await db.stats.bulkDelete(ids);
    await db.recipients.where('campaignId').anyOf(ids).delete();
  };

  return {
    async campaigns(): Promise<Cached<Campaign[]>> {
      const rows = await db.campaigns.orderBy('updatedAt').reverse().toArray();
      return { value: rows.map((row) => row.campaign), fetchedAt: latest(rows) };
    },
    async campaign(id: string): Promise<Cached<Campaign | null>> {
      const row = await db.campaigns.get(id);
      return { value: row?.campaign ?? null, fetchedAt: row?.fetchedAt ?? null };
    },
    async replaceCampaigns(campaigns: Campaign[]): Promise<Cached<Campaign[]>> {
      const fetchedAt = stamp();
      const ids = new Set(campaigns.map((campaign) => campaign.id));
      const rows = await db.transaction('rw', db.campaigns, db.stats, db.pendingEdits, db.recipients, async () => {
        await forget((await db.campaigns.toCollection().primaryKeys()).filter((id) => !ids.has(id)));
        const fresh = await rowsFor(campaigns, fetchedAt);
        await db.campaigns.bulkPut(fresh);
        return fresh;
      });
      return { value: rows.map((row) => row.campaign), fetchedAt };
    },
    async putCampaign(campaign: Campaign): Promise<Cached<Campaign>> {
      const fetchedAt = stamp();
      const [row] = await db.transaction('rw', db.campaigns, db.pendingEdits, async () => {
        const fresh = await rowsFor([campaign], fetchedAt);
        await db.campaigns.bulkPut(fresh);
        return fresh;
      });
      return { value: row!.campaign, fetchedAt };
    },
    /** Applies a page of the change feed: puts and deletions in one transaction. */
    async applyChanges(changes: { put: Campaign[]; deleted: string[] }): Promise<void> {
      const fetchedAt = stamp();
      await db.transaction('rw', db.campaigns, db.stats, db.pendingEdits, db.recipients, async () => {
        await forget(changes.deleted);
        await db.campaigns.bulkPut(await rowsFor(changes.put, fetchedAt));
      });
    },
    async deleteCampaign(id: string): Promise<void> {
      await db.transaction('rw', db.campaigns, db.stats, db.recipients, () => forget([id]));
    },
    async stats(campaignId: string): Promise<Cached<CampaignStats | null>> {
      const row = await db.stats.get(campaignId);
      return { value: row?.stats ?? null, fetchedAt: row?.fetchedAt ?? null };
    },
    async putStats(campaignId: string, stats: CampaignStats): Promise<Cached<CampaignStats>> {
      const fetchedAt = stamp();
      await db.stats.put({ campaignId, stats, fetchedAt });
      return { value: stats, fetchedAt };
    },
    async accounts(): Promise<Cached<GmailAccount[]>> {
      const rows = await db.accounts.toArray();
      rows.sort((a, b) => a.account.email.localeCompare(b.account.email));
      return { value: rows.map((row) => row.account), fetchedAt: latest(rows) };
    },
    async replaceAccounts(accounts: GmailAccount[]): Promise<Cached<GmailAccount[]>> {
      const fetchedAt = stamp();
      await db.transaction('rw', db.accounts, async () => {
        await db.accounts.clear();
        await db.accounts.bulkPut(accounts.map((account) => ({ id: account.id, account, fetchedAt })));
      });
      return { value: accounts, fetchedAt };
    },
  };
}
