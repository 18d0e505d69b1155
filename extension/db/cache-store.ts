import type { GmailAccount } from '../../shared/schemas/accounts';
import type { Campaign } from '../../shared/schemas/campaigns';
import type { CampaignStats } from '../messages/analytics';
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
 */
export function createCacheStore(db: IConnectDb, now: () => Date) {
  const stamp = () => now().toISOString();
  const latest = (rows: Array<{ fetchedAt: string }>) =>
    rows.reduce<string | null>((max, row) => (max === null || row.fetchedAt > max ? row.fetchedAt : max), null);

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
      await db.transaction('rw', db.campaigns, db.stats, async () => {
        const gone = (await db.campaigns.toCollection().primaryKeys()).filter((id) => !ids.has(id));
        await db.campaigns.bulkDelete(gone);
        await db.stats.bulkDelete(gone);
        await db.campaigns.bulkPut(campaigns.map((campaign) => ({ id: campaign.id, updatedAt: campaign.updatedAt, campaign, fetchedAt })));
      });
      return { value: campaigns, fetchedAt };
    },
    async putCampaign(campaign: Campaign): Promise<Cached<Campaign>> {
      const fetchedAt = stamp();
      await db.campaigns.put({ id: campaign.id, updatedAt: campaign.updatedAt, campaign, fetchedAt });
      return { value: campaign, fetchedAt };
    },
    async deleteCampaign(id: string): Promise<void> {
      await db.transaction('rw', db.campaigns, db.stats, async () => {
        await db.campaigns.delete(id);
        await db.stats.delete(id);
      });
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
