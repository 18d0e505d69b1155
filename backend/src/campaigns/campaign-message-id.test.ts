import { createClient } from '@libsql/client';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { afterAll, describe, expect, it } from 'vitest';
import { campaignMessageId, campaignMessageIdSql, messageIdHost } from './campaign-message-id';

const client = createClient({ url: ':memory:' });
const db = drizzle(client);
afterAll(() => client.close());

describe('campaign Message-IDs', () => {
  it('are built from the campaign, the recipient, the step and the public host', () => {
    expect(campaignMessageId({ campaignId: 'cmp_3', recipientId: 41, step: 1 }, messageIdHost('https://mail.iconnect.example:8443/app'))).toBe(
      '<cmp_3.41.1@mail.iconnect.example>',
    );
  });

  it('come out the same from SQL (launch) as from TypeScript (follow-ups)', async () => {
    for (const step of [0, 1, 12]) {
      const [row] = await db.all<{ id: string }>(
        sql`SELECT ${campaignMessageIdSql({ campaignId: sql`r.campaign_id`, recipientId: sql`r.id`, step }, 'localhost')} AS id
            FROM (SELECT 'cmp_a1' AS campaign_id, 9007199254740991 AS id) r`,
      );
      expect(row!.id).toBe(campaignMessageId({ campaignId: 'cmp_a1', recipientId: 9007199254740991, step }, 'localhost'));
    }
  });
});
