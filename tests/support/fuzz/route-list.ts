import fc from 'fast-check';
import * as z from 'zod';
import { accountListSchema, disconnectResultSchema, gmailAccountSchema } from '../../../shared/schemas/accounts';
import { attachmentListSchema, attachmentSchema } from '../../../shared/schemas/attachments';
import { auditPageSchema } from '../../../shared/schemas/audit';
import { meResponseSchema, userSchema } from '../../../shared/schemas/auth';
import { settingsSchema } from '../../../shared/schemas/settings';
import { campaignStatsSchema, statsOverviewSchema, timelineSchema } from '../../../shared/schemas/analytics';
import { campaignListSchema, campaignSchema } from '../../../shared/schemas/campaigns';
import { healthSchema } from '../../../shared/schemas/health';
import { listHygieneKindSchema, preflightSchema, previewSchema, skipHygieneResultSchema, testSendResultSchema } from '../../../shared/schemas/launch';
import { importResultSchema, recipientPageSchema, recipientSchema } from '../../../shared/schemas/recipients';
import { eraseResultSchema, personSchema } from '../../../shared/schemas/people';
import { suppressionListSchema, suppressionSchema } from '../../../shared/schemas/suppressions';
import { syncPageSchema } from '../../../shared/schemas/sync';
import { createdTokenSchema, tokenListSchema } from '../../../shared/schemas/tokens';
import { resolvedMessageSchema, UNCERTAIN_OUTCOMES } from '../../../shared/schemas/uncertain-messages';
import { SetupFailed, type FuzzContext } from './fuzz-context';
import { oneFile } from './multipart-document';
import * as readBack from './read-back';
import type { RouteSpec, Target } from './route-spec';
import { bodies, queries } from './valid-bodies';

/**
 * Every JSON route of the API, in one list: a route added to the app and not here fails
 * tests/api/fuzz/route-list.test.ts. Each entry says what the route acts on (`target`), what a
 * valid request looks like (`body`, `query`), what a success answers (`response`), how to read
 * back what it stored (`readBack`), and how many turns it gets (`weight`: more where text is stored).
 */

const user = { response: z.object({ user: userSchema }) };

/** A campaign of the run, holding whatever earlier cases stored in it (hostile text included). */
const pooledCampaign = async (ctx: FuzzContext, pick: number): Promise<Target> => ({ params: { id: ctx.pooledCampaign(pick) } });
/** A new draft; it joins the pool, so that later cases meet what this one stored. */
const freshCampaign = async (ctx: FuzzContext): Promise<Target> => ({ params: { id: await ctx.freshCampaign() } });
const freshRecipient = async (ctx: FuzzContext): Promise<Target> => ({ params: await ctx.freshRecipient() });
const account = async (ctx: FuzzContext): Promise<Target> => ({ params: { id: ctx.accountId }, refs: { accountId: ctx.accountId } });
/** Another user, for cases that change its password or delete it. */
const throwawayUser = async (ctx: FuzzContext): Promise<Target> => {
  const other = await ctx.throwawayUser();
  return { token: other.token, email: other.email, password: other.password, refs: { currentPassword: other.password } };
};

/** A draft with one file uploaded, for the case that removes it. */
const campaignFile = async (ctx: FuzzContext): Promise<Target> => {
  const id = await ctx.freshCampaign();
  const upload = oneFile('fuzz.txt');
  const answer = await ctx.http.call({
    method: 'POST',
    path: `/api/campaigns/${id}/attachments`,
    headers: { 'x-forwarded-for': ctx.nextAddress(), authorization: `Bearer ${ctx.user.token}`, 'content-type': upload.contentType },
    body: upload.bytes,
  });
  if (answer.status !== 201) throw new SetupFailed(`file upload: ${answer.status} ${answer.text.slice(0, 300)}`);
  return { params: { id, attachmentId: (answer.json as { id: string }).id } };
};

export const FUZZ_ROUTES: RouteSpec[] = [
  { method: 'GET', path: '/health', auth: 'none', response: healthSchema },

  { method: 'POST', path: '/api/auth/signup', weight: 2, auth: 'none', body: bodies.signup, ...user, readBack: readBack.readSignupBack },
  {
    method: 'POST',
    path: '/api/auth/login',
    auth: 'none',
    target: async (ctx) => ({ refs: { userEmail: ctx.user.email, currentPassword: ctx.user.password } }),
    body: bodies.login,
    ...user,
  },
  // Signing out with a token revokes that token: a token of its own, then.
  { method: 'POST', path: '/api/auth/logout', target: async (ctx) => ({ token: (await ctx.freshToken()).token }), readBack: readBack.readRevocationBack },
  { method: 'POST', path: '/api/auth/password', target: throwawayUser, body: bodies.passwordChange, readBack: readBack.readPasswordBack },
  { method: 'GET', path: '/api/me', response: meResponseSchema },
  { method: 'PATCH', path: '/api/me', target: throwawayUser, body: bodies.emailChange, ...user, readBack: readBack.readEmailBack },
  { method: 'DELETE', path: '/api/me', target: throwawayUser, body: bodies.deleteMe, readBack: readBack.readRevocationBack },

  { method: 'GET', path: '/api/tokens', response: tokenListSchema },
  { method: 'POST', path: '/api/tokens', weight: 2, body: bodies.token, response: createdTokenSchema, readBack: readBack.readTokenBack },
  { method: 'DELETE', path: '/api/tokens/:id', target: async (ctx) => ({ params: { id: (await ctx.freshToken()).id } }) },

  { method: 'GET', path: '/api/accounts', response: accountListSchema },
  { method: 'GET', path: '/api/accounts/connect', query: queries.connect },
  { method: 'GET', path: '/api/accounts/:id', target: account, response: gmailAccountSchema },
  { method: 'PATCH', path: '/api/accounts/:id', weight: 3, target: account, body: bodies.accountPatch, response: gmailAccountSchema, readBack: readBack.readAccountBack },
  { method: 'POST', path: '/api/accounts/:id/check', target: account, response: gmailAccountSchema },
  { method: 'DELETE', path: '/api/accounts/:id', target: async (ctx) => ({ params: { id: await ctx.freshAccount() } }), response: disconnectResultSchema },

  { method: 'GET', path: '/api/campaigns', response: campaignListSchema },
  {
    method: 'POST',
    path: '/api/campaigns',
    weight: 3,
    target: async (ctx) => ({ refs: { accountId: ctx.accountId } }),
    body: bodies.campaign,
    response: campaignSchema,
    readBack: async (ctx, target, sent, answer) => {
      ctx.pool.push((answer.json as { id: string }).id);
      return readBack.readCampaignBack(ctx, target, sent, answer);
    },
  },
  { method: 'GET', path: '/api/campaigns/:id', target: pooledCampaign, response: campaignSchema },
  {
    method: 'PATCH',
    path: '/api/campaigns/:id',
    weight: 3,
    target: async (ctx, pick) => ({ ...(await pooledCampaign(ctx, pick)), refs: { accountId: ctx.accountId } }),
    body: bodies.campaignPatch,
    response: campaignSchema,
    readBack: readBack.readCampaignPatchBack,
  },
  { method: 'DELETE', path: '/api/campaigns/:id', target: async (ctx) => ({ params: { id: await ctx.freshCampaign(0, { pooled: false }) } }) },
  {
    method: 'POST',
    path: '/api/campaigns/:id/duplicate',
    target: pooledCampaign,
    // campaignDuplicateSchema: optional, as the body is.
    body: () => fc.record({ recipients: fc.boolean() }, { requiredKeys: [] }),
    response: campaignSchema,
  },
  { method: 'GET', path: '/api/campaigns/:id/preflight', target: pooledCampaign, query: queries.allowBlank, response: preflightSchema },
  { method: 'POST', path: '/api/campaigns/:id/launch', target: pooledCampaign, body: bodies.launch, response: campaignSchema },
  { method: 'POST', path: '/api/campaigns/:id/pause', target: pooledCampaign, response: campaignSchema },
  { method: 'POST', path: '/api/campaigns/:id/resume', target: pooledCampaign, response: campaignSchema },
  { method: 'POST', path: '/api/campaigns/:id/cancel', target: pooledCampaign, response: campaignSchema },
  { method: 'GET', path: '/api/campaigns/:id/preview', target: pooledCampaign, query: queries.preview, response: previewSchema },
  // Campaign files (issue 18): multipart uploads to a fresh draft; the list on any campaign; removal of a file just uploaded.
  { method: 'GET', path: '/api/campaigns/:id/attachments', target: pooledCampaign, response: attachmentListSchema },
  { method: 'POST', path: '/api/campaigns/:id/attachments', weight: 3, target: freshCampaign, multipart: true, response: attachmentSchema },
  { method: 'DELETE', path: '/api/campaigns/:id/attachments/:attachmentId', target: campaignFile },
  {
    method: 'POST',
    path: '/api/campaigns/:id/test',
    target: async (ctx, pick) => ({ ...(await pooledCampaign(ctx, pick)), refs: { accountId: ctx.accountId } }),
    body: bodies.testSend,
    response: testSendResultSchema,
  },
  // The run's campaigns are drafts with no uncertain message: a valid body answers 404 (or 409); hostile ones 400 naming the field.
  {
    method: 'POST',
    path: '/api/campaigns/:id/messages/:jobId/resolve',
    target: async (ctx, pick) => ({ params: { id: ctx.pooledCampaign(pick), jobId: String(pick + 1) } }),
    body: () => fc.record({ outcome: fc.constantFrom(...UNCERTAIN_OUTCOMES) }),
    response: resolvedMessageSchema,
  },
  { method: 'GET', path: '/api/campaigns/:id/stats', target: pooledCampaign, response: campaignStatsSchema },
  { method: 'GET', path: '/api/campaigns/:id/timeline', target: pooledCampaign, query: queries.timeline, response: timelineSchema },

  { method: 'GET', path: '/api/campaigns/:id/recipients', target: pooledCampaign, query: queries.recipients, response: recipientPageSchema },
  { method: 'POST', path: '/api/campaigns/:id/recipients', weight: 4, target: freshCampaign, body: bodies.recipients, response: importResultSchema, readBack: readBack.readRecipientsBack },
  { method: 'POST', path: '/api/campaigns/:id/recipients/import', weight: 4, target: freshCampaign, csv: true, response: importResultSchema, readBack: readBack.readImportBack },
  { method: 'GET', path: '/api/campaigns/:id/recipients.csv', target: pooledCampaign },
  {
    method: 'PATCH',
    path: '/api/campaigns/:id/recipients/:rid',
    weight: 3,
    target: freshRecipient,
    body: bodies.recipientPatch,
    response: recipientSchema,
    readBack: readBack.readRecipientPatchBack,
  },
  { method: 'DELETE', path: '/api/campaigns/:id/recipients/:rid', target: freshRecipient },
  {
    method: 'POST',
    path: '/api/campaigns/:id/recipients/skip-hygiene',
    target: freshCampaign,
    body: () => fc.record({ kinds: fc.uniqueArray(fc.constantFrom(...listHygieneKindSchema.options), { minLength: 1, maxLength: 5 }) }),
    response: skipHygieneResultSchema,
  },

  { method: 'GET', path: '/api/suppressions', response: suppressionListSchema },
  { method: 'POST', path: '/api/suppressions', weight: 2, body: bodies.suppression, response: suppressionSchema, readBack: readBack.readSuppressionBack },
  { method: 'DELETE', path: '/api/suppressions/:email', target: async (ctx) => ({ params: { email: await ctx.freshSuppression() } }) },

  // An address held nowhere answers an empty record; erasing one records only its hash.
  { method: 'GET', path: '/api/people/:email', target: async (ctx) => ({ params: { email: await ctx.freshSuppression() } }), response: personSchema },
  { method: 'POST', path: '/api/people/erase', body: (k) => fc.record({ email: k.email }), response: eraseResultSchema },

  { method: 'GET', path: '/api/sync', query: queries.sync, response: syncPageSchema },
  { method: 'GET', path: '/api/export' },
  { method: 'GET', path: '/api/settings', response: settingsSchema },
  { method: 'PATCH', path: '/api/settings', weight: 2, body: bodies.settings, response: settingsSchema, readBack: readBack.readSettingsBack },
  { method: 'GET', path: '/api/stats/overview', response: statsOverviewSchema },
  {
    method: 'GET',
    path: '/api/audit',
    query: (k) => fc.record({ cursor: fc.oneof(fc.nat().map(String), k.text), limit: fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), k.text) }, { requiredKeys: [] }),
    response: auditPageSchema,
  },
];

/** Where the report files what the HTTP server answered before any route ran. */
export const BEFORE_ANY_ROUTE = 'the HTTP server, before any route';

/** `METHOD /path` of a route, as the completeness check and the report name it. */
export const routeName = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
