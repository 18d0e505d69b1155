import { Hono } from 'hono';
import * as z from 'zod';
import { checkEmailAddress } from '../../../shared/lib/email-address';
import { addRecipientsBodySchema, recipientPatchSchema, recipientSearchSchema, RECIPIENT_STATUSES, type ImportResult, type RecipientPage } from '../../../shared/schemas/recipients';
import type { AuthedEnv } from '../app-env';
import { actorOf, recordAudit } from '../audit/record-audit';
import type { CampaignRow } from '../campaigns/campaign-store';
import { ownedCampaign } from '../campaigns/owned-campaign';
import { skipHygiene } from '../campaigns/skip-hygiene';
import { skipHygieneRequestSchema, type SkipHygieneResult } from '../../../shared/schemas/launch';
import type { AppDeps } from '../deps';
import { ProblemError } from '../http/problem';
import { validate } from '../http/validate';
import { addRecipients, importRecipientsCsv } from './add-recipients';
import { parseRecipientId } from '../db/recipient-id';
import { deleteRecipient, findRecipient, pageRecipients, toRecipient, updateRecipient } from './recipient-store';
import { streamRecipientsCsv } from './recipients-csv-export';

const listQuery = z.object({
  cursor: z.string().regex(/^rcp_\d{1,15}$/, 'Use the nextCursor of the previous page').optional(),
  // "waiting" is how the panel and the issue name `pending` (a recipient the campaign has not reached yet).
  status: z
    .enum([...RECIPIENT_STATUSES, 'waiting'])
    .transform((status) => (status === 'waiting' ? 'pending' : status))
    .optional(),
  q: recipientSearchSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** A jump: the page that starts at this position of the (filtered) list, counted from 0. */
  offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
}).refine((query) => query.cursor === undefined || query.offset === undefined, { path: ['offset'], message: 'Give either cursor or offset, not both' });
const importQuery = z.object({ emailColumn: z.string().max(200).optional() });

/** `/api/campaigns/:id/recipients…`: a campaign's recipients. Mounted behind `authenticate`. */
export function recipientsApi(deps: AppDeps) {
  const app = new Hono<AuthedEnv>();

  const owned = (userId: string, id: string) => ownedCampaign(deps, userId, id);
  const ownedRecipient = async (campaign: CampaignRow, rid: string) => {
    const id = parseRecipientId(rid);
    const row = id === null ? undefined : await findRecipient(deps, campaign.id, id);
    if (!row) throw new ProblemError('not-found', { detail: 'No recipient with this id in this campaign.' });
    return row;
  };
  const refuseUnlessDraft = (campaign: CampaignRow, action: string) => {
    if (campaign.status !== 'draft') {
      throw new ProblemError('conflict', { detail: `Recipients can only be ${action} while the campaign is a draft.` });
    }
  };

  app.get('/:id/recipients', validate('query', listQuery), async (c) => {
    const campaign = await owned(c.get('user').id, c.req.param('id'));
    const query = c.req.valid('query');
    const page = await pageRecipients(deps, campaign.id, {
      afterId: query.cursor ? parseRecipientId(query.cursor)! : 0,
      offset: query.offset,
      status: query.status,
      q: query.q || undefined,
      limit: query.limit,
      // A page asked without a cursor starts a reading of the list: say how long it is.
      withTotal: query.cursor === undefined,
    });
    return c.json({
      recipients: page.rows.map(toRecipient),
      nextCursor: page.nextAfterId === null ? null : `rcp_${page.nextAfterId}`,
      total: page.total,
    } satisfies RecipientPage);
  });

  app.post('/:id/recipients', validate('json', addRecipientsBodySchema), async (c) => {
    const campaign = await owned(c.get('user').id, c.req.param('id'));
    refuseUnlessDraft(campaign, 'added');
    const result = await addRecipients(deps, { userId: campaign.userId, campaignId: campaign.id, recipients: c.req.valid('json').recipients });
    await recordAudit(deps, { userId: campaign.userId, actor: actorOf(c), action: 'recipients.imported', subject: campaign.id, detail: importCounts('list', result) });
    return c.json(result, 201);
  });

  app.post('/:id/recipients/import', validate('query', importQuery), async (c) => {
    const campaign = await owned(c.get('user').id, c.req.param('id'));
    const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'text/csv') {
      throw new ProblemError('unsupported-media-type', { detail: 'Send the file as text/csv.' });
    }
    refuseUnlessDraft(campaign, 'imported');
    const body = new Uint8Array(await c.req.arrayBuffer());
    const result = await importRecipientsCsv(deps, {
      userId: campaign.userId,
      campaignId: campaign.id,
      body,
      emailColumn: c.req.valid('query').emailColumn,
    });
    await recordAudit(deps, { userId: campaign.userId, actor: actorOf(c), action: 'recipients.imported', subject: campaign.id, detail: importCounts('csv', result) });
    return c.json(result, 201);
  });

  app.get('/:id/recipients.csv', async (c) => {
    const campaign = await owned(c.get('user').id, c.req.param('id'));
    await recordAudit(deps, { userId: campaign.userId, actor: actorOf(c), action: 'data.exported', subject: campaign.id, detail: { file: 'recipients.csv' } });
    const filename = `${campaign.name.replace(/[^\w.-]+/g, '-').slice(0, 60) || 'campaign'}-recipients.csv`;
    // Streamed a page at a time (issue 17): a 100,000-recipient list is never built in memory.
    return c.body(streamRecipientsCsv(deps, campaign.id, campaign.fields), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    });
  });

  app.patch('/:id/recipients/:rid', validate('json', recipientPatchSchema), async (c) => {
    const campaign = await owned(c.get('user').id, c.req.param('id'));
    const row = await ownedRecipient(campaign, c.req.param('rid'));
    const patch = c.req.valid('json');
    if (row.status !== 'pending') {
      throw new ProblemError('conflict', { detail: `This recipient is ${row.status}; only pending recipients can be changed.` });
    }
    const changes: Parameters<typeof updateRecipient>[2] = {};
    // The schema answers a null-prototype object (shared/schemas/field-map.ts), which drizzle's `.set()`
    // cannot take (it reads the value's prototype); a plain copy keeps every own key, `__proto__` included.
    if (patch.fields) changes.fields = { ...patch.fields };
    if (patch.email !== undefined) {
      refuseUnlessDraft(campaign, 'readdressed');
      const address = checkEmailAddress(patch.email);
      if (!address.ok) throw new ProblemError('validation-failed', { errors: [{ field: 'email', message: address.reason }] });
      changes.email = address.email;
      changes.emailKey = address.key;
    }
    try {
      return c.json(toRecipient(await updateRecipient(deps, row, changes)));
    } catch (error) {
      if (String((error as { cause?: unknown }).cause ?? error).includes('UNIQUE')) {
        throw new ProblemError('conflict', { detail: 'Another recipient of this campaign already has this address.', errors: [{ field: 'email', message: 'Already in this campaign' }] });
      }
      throw error;
    }
  });

  /** "Skip these" in the preflight: removes the waiting recipients of the kinds list hygiene found (campaigns/skip-hygiene.ts). */
  app.post('/:id/recipients/skip-hygiene', validate('json', skipHygieneRequestSchema), async (c) => {
    const campaign = await owned(c.get('user').id, c.req.param('id'));
    refuseUnlessDraft(campaign, 'skipped');
    return c.json({ removed: await skipHygiene(deps, campaign, c.req.valid('json').kinds) } satisfies SkipHygieneResult);
  });

  app.delete('/:id/recipients/:rid', async (c) => {
    const campaign = await owned(c.get('user').id, c.req.param('id'));
    const row = await ownedRecipient(campaign, c.req.param('rid'));
    if (row.status !== 'pending' && row.status !== 'skipped') {
      throw new ProblemError('conflict', { detail: `This recipient is ${row.status}: their history stays with the campaign.` });
    }
    await deleteRecipient(deps, row);
    return c.body(null, 204);
  });

  return app;
}

/** What the audit log keeps of an import: counts only, never an address (not even an invalid one). */
function importCounts(source: 'csv' | 'list', result: ImportResult) {
  return { source, imported: result.imported, duplicates: result.duplicates, suppressed: result.suppressed, invalid: result.invalid.length };
}
