import { beforeEach, describe, expect, it } from 'vitest';
import { signedInEach } from '../../testing/use-test-app';

/**
 * Issue 12: text that SQLite or a mail header cannot hold as written is refused at the door with
 * the field and the reason, and never reaches the database.
 */
const { agent } = signedInEach('sender@example.com');
let campaignId: string;
beforeEach(async () => {
  const created = await agent.post('/api/campaigns', { name: 'Spring launch', subject: 'Hi {{ first name | there }}', html: '<p>Hi</p>' });
  campaignId = (await created.json()).id;
});

const recipientsPath = () => `/api/campaigns/${campaignId}/recipients`;
/** JSON text as written: `\ud800` in it is the escape a client sends, not a JavaScript string. */
const postJsonText = (body: string) => agent.request('POST', recipientsPath(), { body, headers: { 'content-type': 'application/json' } });
const importCsv = (csv: string) => agent.request('POST', `${recipientsPath()}/import`, { body: csv, headers: { 'content-type': 'text/csv' } });

async function expectRefused(response: Response, errors: { field: string; message: string }[]) {
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({ type: '/problems/validation-failed', errors });
}

/** The server still answers, and this campaign's recipients and preflight still read. */
async function expectCampaignStillReads(recipients: string[]) {
  const list = await agent.get(recipientsPath());
  expect(list.status).toBe(200);
  expect((await list.json()).recipients.map((r: { email: string }) => r.email)).toEqual(recipients);
  expect((await agent.get(`/api/campaigns/${campaignId}/preflight`)).status).toBe(200);
  expect((await agent.get(`/api/campaigns/${campaignId}`)).status).toBe(200);
}

describe('lone surrogates (the issue 12 repro)', () => {
  it('refuses one in a field name with 400 naming the field, and the campaign still reads', async () => {
    const response = await postJsonText('{"recipients":[{"email":"ok@example.net","fields":{"f\\ud800":"v"}}]}');
    await expectRefused(response, [{ field: 'recipients.0.fields.f\uFFFD', message: 'The field name contains a broken character (a lone UTF-16 surrogate)' }]);
    await expectCampaignStillReads([]);
  });

  it('refuses one in an address with 400 naming the field, and the campaign still reads', async () => {
    expect((await agent.post(recipientsPath(), { recipients: [{ email: 'first@example.net' }] })).status).toBe(201);
    const response = await postJsonText('{"recipients":[{"email":"first@example.net"},{"email":"ok\\ud800@example.net"}]}');
    await expectRefused(response, [{ field: 'recipients.1.email', message: 'Contains a broken character (a lone UTF-16 surrogate)' }]);
    await expectCampaignStillReads(['first@example.net']);
  });

  it('refuses one in a field value and in a recipient edit', async () => {
    await expectRefused(await postJsonText('{"recipients":[{"email":"ok@example.net","fields":{"Company":"Acme \\udc00"}}]}'), [
      { field: 'recipients.0.fields.Company', message: 'Contains a broken character (a lone UTF-16 surrogate)' },
    ]);
    const added = await agent.post(recipientsPath(), { recipients: [{ email: 'ok@example.net' }] });
    expect(added.status).toBe(201);
    const [recipient] = (await (await agent.get(recipientsPath())).json()).recipients;
    const patched = await agent.request('PATCH', `${recipientsPath()}/${recipient.id}`, {
      body: '{"fields":{"First name":"\\ud83d"}}',
      headers: { 'content-type': 'application/json' },
    });
    await expectRefused(patched, [{ field: 'fields.First name', message: 'Contains a broken character (a lone UTF-16 surrogate)' }]);
    await expectCampaignStillReads(['ok@example.net']);
  });
});

describe('control characters in merge fields', () => {
  it('refuses NUL in a value, and a control character or a line break in a name, rather than cutting them', async () => {
    const response = await agent.post(recipientsPath(), {
      recipients: [{ email: 'ada@example.com', fields: { Notes: 'Before\u0000After', 'Bell\u0007': 'x', 'Two\nlines': 'x', Multi: 'line\r\nbreaks\tand tabs are kept' } }],
    });
    await expectRefused(response, [
      { field: 'recipients.0.fields.Notes', message: 'Contains a control character (U+0000)' },
      { field: 'recipients.0.fields.Bell\u0007', message: 'Field name: Contains a control character (U+0007)' },
      { field: 'recipients.0.fields.Two\nlines', message: 'Field name: Use a single line' },
    ]);
    const ok = await agent.post(recipientsPath(), { recipients: [{ email: 'ada@example.com', fields: { Multi: 'line\r\nbreaks\tand tabs are kept' } }] });
    expect(ok.status).toBe(201);
    expect((await (await agent.get(recipientsPath())).json()).recipients[0].fields).toEqual({ Multi: 'line\r\nbreaks\tand tabs are kept' });
  });
});

describe('invisible and direction-changing characters in addresses', () => {
  const hostile = [
    ['ada\u202E@example.com', 'The address contains an invisible or direction-changing character (U+202E)'],
    ['ad\u200Ba@example.com', 'The address contains an invisible or direction-changing character (U+200B)'],
    ['ada@ex\u2066ample.com', 'The address contains an invisible or direction-changing character (U+2066)'],
    ['ada\u0085@example.com', 'The address contains a control character (U+0085)'],
    ['ada\u2028x@example.com', 'The address contains a control character (U+2028)'],
  ] as const;

  it.each(hostile)('refuses %j on a JSON add with 400 and the reason', async (email, reason) => {
    await expectRefused(await agent.post(recipientsPath(), { recipients: [{ email: 'fine@example.com' }, { email }] }), [{ field: 'recipients.1.email', message: reason }]);
    await expectCampaignStillReads([]);
  });

  it('counts them with the invalid rows of a CSV import, with the reason, and imports the rest', async () => {
    const csv = ['email,First name', 'fine@example.com,Fine', ...hostile.map(([email], i) => `${email},Row ${i}`)].join('\r\n');
    const response = await importCsv(csv);
    expect(response.status).toBe(201);
    const result = await response.json();
    expect(result.imported).toBe(1);
    expect(result.invalid.map((row: { reason: string }) => row.reason)).toEqual(hostile.map(([, reason]) => reason));
    await expectCampaignStillReads(['fine@example.com']);
  });

  it('refuses them when a recipient is readdressed, and on the suppression list', async () => {
    expect((await agent.post(recipientsPath(), { recipients: [{ email: 'ada@example.com' }] })).status).toBe(201);
    const [recipient] = (await (await agent.get(recipientsPath())).json()).recipients;
    await expectRefused(await agent.patch(`${recipientsPath()}/${recipient.id}`, { email: 'ada\u202E@example.com' }), [
      { field: 'email', message: 'The address contains an invisible or direction-changing character (U+202E)' },
    ]);
    await expectRefused(await agent.post('/api/suppressions', { email: 'spoof\u200B@example.com' }), [
      { field: 'email', message: 'The address contains an invisible or direction-changing character (U+200B)' },
    ]);
    expect((await (await agent.get('/api/suppressions')).json()).suppressions).toEqual([]);
  });
});
