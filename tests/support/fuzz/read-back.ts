import { isDeepStrictEqual } from 'node:util';
import type * as z from 'zod';
import { checkEmailAddress, emailKey } from '../../../shared/lib/email-address';
import { parseRecipientsCsv } from '../../../shared/recipients-csv';
import { accountPatchSchema } from '../../../shared/schemas/accounts';
import { emailChangeBodySchema, signupBodySchema } from '../../../shared/schemas/auth';
import { campaignInputSchema, campaignPatchSchema } from '../../../shared/schemas/campaigns';
import { addRecipientsBodySchema, recipientPatchSchema, type ImportResult } from '../../../shared/schemas/recipients';
import { settingsPatchSchema, settingsSchema } from '../../../shared/schemas/settings';
import { addSuppressionBodySchema } from '../../../shared/schemas/suppressions';
import { createTokenBodySchema } from '../../../shared/schemas/tokens';
import type { FuzzContext } from './fuzz-context';
import type { Answer } from './http-client';
import type { Mismatch, Sent, Target } from './route-spec';

/**
 * "Whatever was accepted reads back equal to what was sent" (issue 12), one function per resource.
 * The expected value is the body as the server parsed it, through the schema's documented
 * normalisation (trimmed names, lower-cased sign-up emails, sorted days) and nothing else. Merge
 * fields are compared with the raw body, not the schema's output: a key the schema drops (a
 * `__proto__` field name) is data lost, not normalisation.
 */

type ReadBack = (ctx: FuzzContext, target: Target, sent: Sent, answer: Answer) => Promise<Mismatch[]>;

/** `{}` for a body its own schema refuses although the server accepted it. */
function normalised<S extends z.ZodType>(schema: S, sent: Sent, out: Mismatch[]): z.output<S> | undefined {
  const parsed = schema.safeParse(sent.json);
  if (!parsed.success) out.push({ field: '(body)', sent: 'a body its schema refuses', got: 'accepted (2xx)' });
  return parsed.success ? parsed.data : undefined;
}

function compare(out: Mismatch[], field: string, sent: unknown, got: unknown): void {
  if (!isDeepStrictEqual(sent, got)) out.push({ field, sent, got });
}

/** Own members, sorted, of a JSON object as parsed (`__proto__` included when it was a key). */
function members(value: unknown): [string, unknown][] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

async function getJson(ctx: FuzzContext, path: string, token?: string): Promise<Answer> {
  const answer = await ctx.api('GET', path, undefined, token);
  if (answer.status !== 200) throw new Error(`read-back GET ${path}: ${answer.status} ${answer.text.slice(0, 300)}`);
  return answer;
}

const CAMPAIGN_MEMBERS = ['name', 'subject', 'html', 'text', 'accountIds', 'throttle', 'tracking', 'unsubscribe', 'followUps', 'variants', 'abTest'] as const;

function compareCampaign(out: Mismatch[], expected: Record<string, unknown>, got: Record<string, unknown>) {
  for (const member of CAMPAIGN_MEMBERS) {
    if (!(member in expected)) continue;
    // A PATCH's `tracking` without `consentField` leaves it as it was: compare the members sent.
    if (member === 'tracking') {
      const sent = expected.tracking as Record<string, unknown>;
      for (const [key, value] of Object.entries(sent)) compare(out, `tracking.${key}`, value, (got.tracking as Record<string, unknown>)[key]);
    } else compare(out, member, expected[member], got[member]);
  }
  const schedule = (expected.schedule ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(schedule)) compare(out, `schedule.${key}`, value, (got.schedule as Record<string, unknown>)[key]);
}

/** A campaign read back by the id `idOf` finds, compared with what `schema` makes of the body sent. */
function campaignReadBack(schema: z.ZodType<Record<string, unknown>>, idOf: (target: Target, answer: Answer) => string | undefined): ReadBack {
  return async (ctx, target, sent, answer) => {
    const out: Mismatch[] = [];
    const expected = normalised(schema, sent, out);
    if (!expected) return out;
    // Variant A is the subject and body (shared/schemas/variants.ts): the server writes it there.
    const [a] = (expected.variants ?? []) as { subject: string; html: string }[];
    if (a) Object.assign(expected, { subject: a.subject, html: a.html });
    const got = await getJson(ctx, `/api/campaigns/${idOf(target, answer)}`);
    compareCampaign(out, expected, got.json as Record<string, unknown>);
    return out;
  };
}

export const readCampaignBack = campaignReadBack(campaignInputSchema, (_target, answer) => (answer.json as { id: string }).id);
export const readCampaignPatchBack = campaignReadBack(campaignPatchSchema, (target) => target.params!.id);

export const readAccountBack: ReadBack = async (ctx, target, sent) => {
  const out: Mismatch[] = [];
  const expected = normalised(accountPatchSchema, sent, out);
  if (!expected) return out;
  const got = (await getJson(ctx, `/api/accounts/${target.params!.id}`)).json as Record<string, unknown>;
  for (const [key, value] of Object.entries(expected)) compare(out, key, value, got[key]);
  return out;
};

export const readTokenBack: ReadBack = async (ctx, _target, sent, answer) => {
  const out: Mismatch[] = [];
  const expected = normalised(createTokenBodySchema, sent, out);
  if (!expected) return out;
  const created = answer.json as { id: string; token: string };
  const { tokens } = (await getJson(ctx, '/api/tokens')).json as { tokens: { id: string; name: string }[] };
  compare(out, 'name', expected.name, tokens.find((token) => token.id === created.id)?.name);
  compare(out, 'the new token signs in', 200, (await ctx.api('GET', '/api/me', undefined, created.token)).status);
  return out;
};

export const readSuppressionBack: ReadBack = async (ctx, _target, sent, answer) => {
  const out: Mismatch[] = [];
  const expected = normalised(addSuppressionBodySchema, sent, out);
  if (!expected) return out;
  const address = checkEmailAddress(expected.email);
  if (!address.ok) return [{ field: 'email', sent: `an address refused as: ${address.reason}`, got: `accepted (${answer.status})` }];
  const { suppressions } = (await getJson(ctx, '/api/suppressions')).json as { suppressions: { email: string; reason: string }[] };
  const found = suppressions.find((s) => emailKey(s.email) === address.key);
  // 200: the address was on the list already, as it was first written.
  if (answer.status === 201) compare(out, 'suppression', { email: address.email, reason: expected.reason }, found && { email: found.email, reason: found.reason });
  else compare(out, 'suppression key', address.key, found && emailKey(found.email));
  return out;
};

export const readSettingsBack: ReadBack = async (ctx, _target, sent) => {
  const out: Mismatch[] = [];
  const expected = normalised(settingsPatchSchema, sent, out);
  if (!expected) return out;
  const got = settingsSchema.parse((await getJson(ctx, '/api/settings')).json);
  if (expected.truncateIpAddresses !== undefined) compare(out, 'truncateIpAddresses', expected.truncateIpAddresses, got.truncateIpAddresses);
  for (const [key, value] of Object.entries(expected.retention ?? {})) compare(out, `retention.${key}`, value, got.retention[key as keyof typeof got.retention]);
  // '' and null both clear it (stored as null).
  if (expected.postalAddress !== undefined) compare(out, 'postalAddress', expected.postalAddress === '' ? null : expected.postalAddress, got.postalAddress);
  return out;
};

/** The corrected address signs in with the user's password, and is the one answered. */
export const readEmailBack: ReadBack = async (ctx, target, sent, answer) => {
  const out: Mismatch[] = [];
  const expected = normalised(emailChangeBodySchema, sent, out);
  if (!expected) return out;
  compare(out, 'email', expected.email, (answer.json as { user: { email: string } }).user.email);
  const login = await ctx.api('POST', '/api/auth/login', { email: expected.email, password: target.password }, '');
  compare(out, 'signs in with the new address', 200, login.status);
  return out;
};

export const readSignupBack: ReadBack = async (ctx, _target, sent, answer) => {
  const out: Mismatch[] = [];
  const expected = normalised(signupBodySchema, sent, out);
  if (!expected) return out;
  const { user } = answer.json as { user: { id: string; email: string } };
  compare(out, 'email', expected.email, user.email);
  const login = await ctx.api('POST', '/api/auth/login', sent.json, '');
  compare(out, 'signs in with what was sent', 200, login.status);
  if (login.status === 200) compare(out, 'signs in as the same user', user.id, (login.json as { user: { id: string } }).user.id);
  return out;
};

export const readPasswordBack: ReadBack = async (ctx, target, sent) => {
  const newPassword = (sent.json as { newPassword: unknown }).newPassword;
  const login = await ctx.api('POST', '/api/auth/login', { email: target.email, password: newPassword }, '');
  return login.status === 200 ? [] : [{ field: 'signs in with the new password', sent: 200, got: login.status }];
};

/** After signing out with a token, or deleting its user: the token no longer signs in. */
export const readRevocationBack: ReadBack = async (ctx, target) => {
  const me = await ctx.api('GET', '/api/me', undefined, target.token);
  return me.status === 401 ? [] : [{ field: 'the token afterwards', sent: 401, got: me.status }];
};

type Expected = Map<string, { row: number; email: string; fields: unknown }>;

/** The campaign holds exactly the expected recipients (less those reported invalid or suppressed), each as sent. */
async function compareRecipients(ctx: FuzzContext, campaignId: string, expected: Expected, result: ImportResult): Promise<Mismatch[]> {
  const out: Mismatch[] = [];
  const invalidRows = new Set(result.invalid.map((invalid) => invalid.row));
  const { suppressions } = (await getJson(ctx, '/api/suppressions')).json as { suppressions: { email: string }[] };
  const suppressed = new Set(suppressions.map((s) => emailKey(s.email)));
  for (const [key, recipient] of expected) if (invalidRows.has(recipient.row) || suppressed.has(key)) expected.delete(key);

  const page = (await getJson(ctx, `/api/campaigns/${campaignId}/recipients?limit=1000`)).json as { recipients: { email: string; fields: unknown }[] };
  const stored = new Map(page.recipients.map((recipient) => [emailKey(recipient.email), recipient]));
  compare(out, 'recipients stored', [...expected.keys()].sort(), [...stored.keys()].sort());
  compare(out, 'imported', expected.size, result.imported);
  for (const [key, recipient] of expected) {
    const got = stored.get(key);
    if (!got) continue;
    compare(out, `recipient ${key}: email`, recipient.email, got.email);
    compare(out, `recipient ${key}: fields`, members(recipient.fields), members(got.fields));
  }
  return out;
}

export const readRecipientsBack: ReadBack = async (ctx, target, sent, answer) => {
  const out: Mismatch[] = [];
  const body = normalised(addRecipientsBodySchema, sent, out);
  if (!body) return out;
  const raw = (sent.json as { recipients: { fields?: unknown }[] }).recipients;
  const expected: Expected = new Map();
  body.recipients.forEach((recipient, index) => {
    const address = checkEmailAddress(recipient.email);
    if (address.ok && !expected.has(address.key)) expected.set(address.key, { row: index + 1, email: address.email, fields: raw[index]!.fields ?? {} });
  });
  return [...out, ...(await compareRecipients(ctx, target.params!.id!, expected, answer.json as ImportResult))];
};

export const readImportBack: ReadBack = async (ctx, target, sent, answer) => {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(sent.csv!.bytes);
  } catch {
    return [{ field: '(file)', sent: 'bytes that are not UTF-8', got: `accepted (${answer.status})` }];
  }
  const parsed = parseRecipientsCsv(text, { maxRows: 100_000, emailColumn: sent.csv!.emailColumn });
  if (!parsed.ok) return [{ field: '(file)', sent: `a file the parser refuses (${parsed.error})`, got: `accepted (${answer.status})` }];
  const expected: Expected = new Map(parsed.rows.map((row) => [row.key, { row: row.row, email: row.email, fields: row.fields }]));
  return compareRecipients(ctx, target.params!.id!, expected, answer.json as ImportResult);
};

export const readRecipientPatchBack: ReadBack = async (ctx, target, sent) => {
  const out: Mismatch[] = [];
  const patch = normalised(recipientPatchSchema, sent, out);
  if (!patch) return out;
  const page = (await getJson(ctx, `/api/campaigns/${target.params!.id}/recipients?limit=1000`)).json as { recipients: { id: string; email: string; fields: unknown }[] };
  const got = page.recipients.find((recipient) => recipient.id === target.params!.rid);
  if (!got) return [{ field: 'recipient', sent: target.params!.rid, got: 'gone' }];
  if (patch.email !== undefined) {
    const address = checkEmailAddress(patch.email);
    compare(out, 'email', address.ok ? address.email : `(refused: ${address.reason})`, got.email);
  }
  const rawFields = (sent.json as { fields?: unknown }).fields;
  if (rawFields !== undefined) compare(out, 'fields', members(rawFields), members(got.fields));
  return out;
};
