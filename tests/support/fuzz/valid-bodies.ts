import fc from 'fast-check';
import { FOLLOW_UP_CONDITIONS } from '../../../shared/schemas/campaigns';
import { RECIPIENT_STATUSES } from '../../../shared/schemas/recipients';
import { SUPPRESSION_REASONS } from '../../../shared/schemas/suppressions';
import { JsonEntries, Ref } from './raw-json';
import type { TextKinds } from './route-spec';

/**
 * Valid bodies and queries, one per shape in shared/schemas: with tame text every one is accepted
 * (the baseline); with hostile text the same structure carries the hostile strings deep inside.
 * Optional members are optional here too.
 */

const optional = { requiredKeys: [] as never[] };
const accountRef = new Ref('accountId');
const passwordRef = new Ref('currentPassword');

/** Merge fields as members (a key may repeat, or be `__proto__`, when the text says so). */
export const fieldsBody = (k: TextKinds) => fc.array(fc.tuple(k.text, k.text), { maxLength: 4 }).map((entries) => new JsonEntries(entries));

const instant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString());

/** A/B variants (issue 18): none, or two or three. */
const variantList = <S>(k: TextKinds, subject: fc.Arbitrary<S>) =>
  fc.oneof(fc.constant([]), fc.array(fc.record({ subject, html: k.text }), { minLength: 2, maxLength: 3 }));
const abTest = fc.option(
  fc.record({ metric: fc.constantFrom('replies', 'clicks'), testPercent: fc.integer({ min: 5, max: 50 }), waitHours: fc.integer({ min: 1, max: 336 }) }, optional),
  { nil: null },
);

/**
 * Variant A is the subject and body (shared/schemas/variants.ts): a body saying otherwise is refused
 * (422), and a test needs variants (400); valid bodies agree, as the panel's do.
 */
function agreeWithVariantA(body: Record<string, unknown>): Record<string, unknown> {
  const a = (body.variants as { subject: unknown; html: unknown }[] | undefined)?.[0];
  const agreed = { ...body };
  if (a && 'subject' in agreed) agreed.subject = a.subject;
  if (a && 'html' in agreed) agreed.html = a.html;
  if (!a && agreed.abTest) agreed.abTest = null;
  return agreed;
}

const campaignMembers = (k: TextKinds) => ({
  name: k.text,
  subject: k.text,
  html: k.text,
  text: fc.option(k.text, { nil: null }),
  accountIds: fc.constantFrom([], [accountRef]),
  schedule: fc.record(
    {
      startAt: fc.option(instant, { nil: null }),
      timezone: k.timezone,
      days: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
      window: fc.constantFrom({ start: '09:00', end: '17:00' }, { start: '00:00', end: '24:00' }, { start: '08:30', end: '12:00' }),
      // A named column must be an imported one (a 400 otherwise), and a fuzzed campaign has none yet.
      recipientTimeZoneField: fc.constant(null),
    },
    optional,
  ),
  throttle: fc
    .tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 600 }), fc.integer({ min: 1, max: 1000 }))
    .map(([a, b, dailyCap]) => ({ minGapSeconds: Math.min(a, b), maxGapSeconds: Math.max(a, b), dailyCap })),
  tracking: fc.record({ opens: fc.boolean(), clicks: fc.boolean(), consentField: fc.option(k.text, { nil: null }) }),
  unsubscribe: fc.boolean(),
  followUps: fc.array(
    fc.record(
      {
        delayHours: fc.integer({ min: 0, max: 240 }),
        subject: fc.option(k.text, { nil: null }),
        html: k.text,
        condition: fc.constantFrom(...FOLLOW_UP_CONDITIONS),
        variants: variantList(k, fc.option(k.text, { nil: null })),
      },
      { requiredKeys: ['html'] },
    ),
    { maxLength: 2 },
  ),
  variants: variantList(k, k.text),
  abTest,
});

export const bodies = {
  signup: (k: TextKinds) => fc.record({ email: k.email, password: k.password }),
  login: (k: TextKinds) =>
    fc.record({ email: fc.oneof(fc.constant(new Ref('userEmail')), k.email), password: fc.oneof(fc.constant(passwordRef), k.password) }),
  passwordChange: (k: TextKinds) =>
    fc.record({ currentPassword: fc.constant(passwordRef), newPassword: k.password, revokeTokens: fc.boolean() }, { requiredKeys: ['currentPassword', 'newPassword'] }),
  deleteMe: () => fc.record({ password: fc.constant(passwordRef) }),
  token: (k: TextKinds) => fc.record({ name: k.text }),
  accountPatch: (k: TextKinds) =>
    fc.record(
      {
        type: fc.constantFrom('consumer', 'workspace', 'workspace_trial'),
        dailyLimit: fc.integer({ min: 1, max: 2000 }),
        minGapSeconds: fc.integer({ min: 0, max: 600 }),
        maxGapSeconds: fc.integer({ min: 600, max: 3600 }),
        timezone: k.timezone,
        fromName: k.text,
        signatureHtml: k.text,
        dkimSelector: fc.oneof(fc.constant(null), fc.constantFrom('google', 'mail2026', 's1'), k.text),
        warmup: fc.oneof(fc.constant(null), fc.record({ startPerDay: fc.integer({ min: 1, max: 100 }), increasePerDay: fc.integer({ min: 0, max: 50 }), targetPerDay: fc.integer({ min: 100, max: 500 }) })),
      },
      optional,
    ),
  campaign: (k: TextKinds) => fc.record(campaignMembers(k), { requiredKeys: ['name'] }).map(agreeWithVariantA),
  campaignPatch: (k: TextKinds) => fc.record({ ...campaignMembers(k), version: fc.integer({ min: 1, max: 3 }) }, optional).map(agreeWithVariantA),
  launch: () => fc.record({ allowBlank: fc.boolean(), followUpsWithoutReplyCheck: fc.boolean() }, optional),
  testSend: (k: TextKinds) => fc.record({ accountId: fc.constant(accountRef), recipient: fc.oneof(fc.constantFrom('0', '1'), k.text), step: fc.constant(0), variant: fc.constantFrom(0, 0, 1) }, { requiredKeys: ['accountId'] }),
  recipients: (k: TextKinds) =>
    fc.record({ recipients: fc.array(fc.record({ email: k.email, fields: fieldsBody(k) }, { requiredKeys: ['email'] }), { minLength: 1, maxLength: 4 }) }),
  recipientPatch: (k: TextKinds) => fc.record({ email: k.email, fields: fieldsBody(k) }, optional),
  suppression: (k: TextKinds) => fc.record({ email: k.email, reason: fc.constantFrom(...SUPPRESSION_REASONS) }, { requiredKeys: ['email'] }),
  // The two periods together, IPs never longer than events: alone, either could conflict with what an earlier case stored.
  settings: (k: TextKinds) =>
    fc.record(
      {
        truncateIpAddresses: fc.boolean(),
        retention: fc
          .tuple(fc.integer({ min: 1, max: 3650 }), fc.integer({ min: 1, max: 3650 }), fc.option(fc.integer({ min: 1, max: 3650 }), { nil: null }))
          .map(([a, b, finished]) => ({ trackingEventsDays: Math.max(a, b), ipAddressDays: Math.min(a, b), finishedCampaignRecipientsDays: finished })),
        postalAddress: fc.oneof(fc.constant(null), fc.constant(''), k.text, fc.tuple(k.text, k.text).map(([a, b]) => `${a}\n${b}`)),
      },
      optional,
    ),
  emailChange: (k: TextKinds) => fc.record({ email: k.email, password: fc.constant(passwordRef) }),
};

const count = (min: number, max: number) => fc.integer({ min, max }).map(String);

export const queries = {
  connect: (k: TextKinds) => fc.record({ detectReplies: fc.constantFrom('true', 'false'), loginHint: k.email, timezone: k.timezone }, optional),
  allowBlank: () => fc.record({ allowBlank: fc.constantFrom('true', 'false'), followUpsWithoutReplyCheck: fc.constantFrom('true', 'false') }, optional),
  preview: (k: TextKinds) => fc.record({ recipient: fc.oneof(fc.constantFrom('0', '1', '5', 'rcp_1'), k.text), step: fc.oneof(fc.constantFrom('0', '1', '2'), k.text), variant: fc.oneof({ weight: 3, arbitrary: fc.constantFrom('0', '1') }, { weight: 1, arbitrary: k.text }) }, optional),
  recipients: (k: TextKinds) =>
    fc.record(
      {
        cursor: fc.oneof(fc.nat().map((n) => `rcp_${n}`), k.text),
        status: fc.oneof(fc.constantFrom(...RECIPIENT_STATUSES), k.text),
        limit: fc.oneof(count(1, 1000), k.text),
        offset: fc.oneof(count(0, 100_000), k.text),
      },
      optional,
    ),
  sync: (k: TextKinds) =>
    fc.record({ since: fc.oneof(count(0, 1000), k.text, fc.constantFrom('-1', '1e3', '9007199254740993', '0x10')), limit: fc.oneof(count(1, 500), k.text) }, optional),
  timeline: (k: TextKinds) => fc.record({ bucket: fc.oneof(fc.constantFrom('hour', 'day'), k.text), tz: k.timezone }, optional),
};
