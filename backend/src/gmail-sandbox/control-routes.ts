import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import * as z from 'zod';
import { DEFAULT_INCOMING_LABELS, storeIncoming } from './deliver-message';
import { faultSpecSchema } from './faults';
import { base64urlToBytes, bytesToBinary } from './ids';
import type { SandboxDeps } from './sandbox-deps';

/**
 * The control API, for people and test scripts (no auth: a local sandbox). Deliver replies and
 * bounces, read what was sent, set limits and quota units (per mailbox and project), inject faults
 * (and release held calls), inspect tokens.
 */

const deliverSchema = z
  .object({
    /** base64url (or base64) RFC 5322 message. */
    raw: z.string().min(1).optional(),
    /** The same as plain text (UTF-8), handier in scripts. */
    text: z.string().min(1).optional(),
    labelIds: z.array(z.string().min(1)).optional(),
  })
  .refine((body) => (body.raw === undefined) !== (body.text === undefined), { message: 'give exactly one of raw or text' });

const limitsSchema = z.object({
  dailyLimit: z.number().int().min(0).optional(),
  perMinuteLimit: z.number().int().min(0).optional(),
  /** Gmail API quota units a minute for this user: 6,000 for a project made since 2026-05-01, 15,000 before. */
  quotaUnitsPerUserMinute: z.number().int().min(0).max(100_000_000).optional(),
});

const projectSchema = z.object({
  /** The Cloud project's quota units a minute, all users together (Google's default 1,200,000). */
  quotaUnitsPerProjectMinute: z.number().int().min(0).max(1_000_000_000).optional(),
});

const emailParam = z.object({ email: z.email() });

/** zod failures as a small JSON body instead of the validator's default. */
const onInvalid = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }, c: { json: (body: unknown, status: 400) => Response }) => {
  if (!result.success) {
    const issues = result.error?.issues.map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`) ?? [];
    return c.json({ error: 'invalid_request', issues }, 400);
  }
};

export function controlRoutes(deps: SandboxDeps) {
  const app = new Hono();

  app.get('/mailboxes/:email/messages', zValidator('param', emailParam, onInvalid), async (c) => {
    const address = c.req.valid('param').email.toLowerCase();
    if (!(await deps.mailboxes.getMailbox(address))) return c.json({ error: 'not_found', message: `no sandbox mailbox ${address}` }, 404);
    const messages = await deps.mailboxes.allMessages(address);
    return c.json(messages.map((m) => ({ id: m.id, threadId: m.threadId, labelIds: m.labelIds, raw: m.raw })));
  });

  app.post('/mailboxes/:email/messages', zValidator('param', emailParam, onInvalid), zValidator('json', deliverSchema, onInvalid), async (c) => {
    const address = c.req.valid('param').email.toLowerCase();
    const body = c.req.valid('json');
    const bytes = body.raw !== undefined ? base64urlToBytes(body.raw) : new TextEncoder().encode(body.text!);
    if (!bytes || bytes.length === 0) return c.json({ error: 'invalid_request', issues: ['raw: not base64url'] }, 400);
    const binary = bytesToBinary(bytes);
    const stored = await deps.serial(() => storeIncoming(deps, address, binary, body.labelIds ?? DEFAULT_INCOMING_LABELS));
    return c.json({ id: stored.id, threadId: stored.threadId, labelIds: stored.labelIds, historyId: String(stored.historyId) }, 201);
  });

  app.patch('/mailboxes/:email', zValidator('param', emailParam, onInvalid), zValidator('json', limitsSchema, onInvalid), async (c) => {
    const address = c.req.valid('param').email.toLowerCase();
    const { quotaUnitsPerUserMinute, ...limits } = c.req.valid('json');
    await deps.serial(async () => {
      await deps.mailboxes.ensureMailbox(address, deps.clock.now());
      await deps.mailboxes.setLimits(address, { ...limits, quotaUnitsPerMinute: quotaUnitsPerUserMinute });
    });
    const mailbox = (await deps.mailboxes.getMailbox(address))!;
    return c.json({ address, dailyLimit: mailbox.dailyLimit, perMinuteLimit: mailbox.perMinuteLimit, quotaUnitsPerMinute: mailbox.quotaUnitsPerMinute });
  });

  app.patch('/project', zValidator('json', projectSchema, onInvalid), async (c) => {
    const { quotaUnitsPerProjectMinute } = c.req.valid('json');
    await deps.project.set({ quotaUnitsPerMinute: quotaUnitsPerProjectMinute });
    return c.json({ quotaUnitsPerMinute: (await deps.project.get()).quotaUnitsPerMinute });
  });

  app.get('/state', async (c) => {
    const now = deps.clock.now().getTime();
    const mailboxes = await deps.mailboxes.listMailboxes();
    const tokens = await deps.tokens.listTokens();
    const at = new Date(now);
    return c.json({
      now: at.toISOString(),
      project: { quotaUnitsPerMinute: (await deps.project.get()).quotaUnitsPerMinute, unitsLastMinute: deps.quota.projectUnitsLastMinute(at) },
      mailboxes: mailboxes.map((m) => ({
        address: m.address, messages: m.messageCount, threads: m.threadCount, historyId: String(m.historyId),
        dailyLimit: m.dailyLimit, perMinuteLimit: m.perMinuteLimit,
        quotaUnitsPerMinute: m.quotaUnitsPerMinute, unitsLastMinute: deps.quota.unitsLastMinute(m.address, at),
        rateLimitAnswers: deps.quota.refusals(m.address),
      })),
      // Only a prefix of each secret: enough to tell tokens apart in a log.
      tokens: tokens.map((t) => ({
        prefix: t.token.slice(0, 20) + '…',
        kind: t.kind,
        grantId: t.grantId,
        mailbox: t.mailbox,
        clientId: t.clientId,
        scopes: t.scopes,
        issuedAt: new Date(t.createdAt).toISOString(),
        expiresAt: t.expiresAt === null ? null : new Date(t.expiresAt).toISOString(),
        state: t.revokedAt !== null ? 'revoked' : t.expiresAt !== null && t.expiresAt <= now ? 'expired' : 'active',
      })),
      faults: deps.faults.list(),
    });
  });

  // Which endpoint each send came through (JSON `raw` or the upload endpoint), oldest first.
  app.get('/sends', (c) => c.json({ sends: deps.sends.list() }));
  app.get('/faults', (c) => c.json(deps.faults.list()));
  app.post('/faults', zValidator('json', faultSpecSchema, onInvalid), (c) => c.json({ id: deps.faults.add(c.req.valid('json')).id }, 201));
  // `hold` faults: wait until a call is held (a long poll), then let it go.
  app.get('/faults/:id/held', async (c) => {
    const held = await deps.faults.gates.whenHeld(c.req.param('id'));
    return held === undefined ? c.json({ error: 'not_found', message: 'no hold fault with this id' }, 404) : c.json({ held });
  });
  app.post('/faults/:id/release', (c) =>
    deps.faults.gates.open(c.req.param('id')) ? c.body(null, 204) : c.json({ error: 'not_found', message: 'no hold fault with this id' }, 404),
  );
  app.delete('/faults', (c) => {
    deps.faults.clear();
    return c.body(null, 204);
  });

  return app;
}
