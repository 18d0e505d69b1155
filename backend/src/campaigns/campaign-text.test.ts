import { describe, expect, it } from 'vitest';
import { signedInEach } from '../testing/use-test-app';

/**
 * Issue 12: SQLite's C API ends a string at NUL, so `"Before\u0000After"` was stored and read back
 * as "Before". Text is now kept whole or refused with the field and the reason, never cut.
 */
const { t, agent } = signedInEach('writer@example.com');

async function expectRefused(response: Response, errors: { field: string; message: string }[]) {
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({ type: '/problems/validation-failed', errors });
}

describe('control characters in a campaign', () => {
  it('refuses NUL in a subject (the issue 12 repro) and stores no campaign; tabs and line breaks in bodies stay whole', async () => {
    await expectRefused(await agent.post('/api/campaigns', { name: 'Spring', subject: 'Before\u0000After' }), [
      { field: 'subject', message: 'Contains a control character (U+0000)' },
    ]);
    expect((await (await agent.get('/api/campaigns')).json()).campaigns).toEqual([]);

    const body = { name: 'Spring\tlaunch', subject: 'Tab\tin subject', html: '<p>One</p>\r\n<p>Two</p>', text: 'One\r\nTwo\u2028Three' };
    const created = await agent.post('/api/campaigns', body);
    expect(created.status).toBe(201);
    expect(await (await agent.get(`/api/campaigns/${(await created.json()).id}`)).json()).toMatchObject(body);
  });

  it('refuses control characters in the name, bodies and follow-ups, naming each field', async () => {
    const response = await agent.post('/api/campaigns', {
      name: 'Spring\u001B[31m',
      html: '<p>Hi\u0000</p>',
      text: 'Hi\u0008',
      followUps: [{ delayHours: 24, subject: 'Again\u0085', html: '<p>Again\u007F</p>' }],
    });
    await expectRefused(response, [
      { field: 'name', message: 'Contains a control character (U+001B)' },
      { field: 'html', message: 'Contains a control character (U+0000)' },
      { field: 'text', message: 'Contains a control character (U+0008)' },
      { field: 'followUps.0.subject', message: 'Contains a control character (U+0085)' },
      { field: 'followUps.0.html', message: 'Contains a control character (U+007F)' },
    ]);
  });

  it('refuses a line break in a follow-up subject, as in the first subject (it is a header)', async () => {
    await expectRefused(await agent.post('/api/campaigns', { name: 'x', followUps: [{ delayHours: 1, subject: 'Re: hi\r\nBcc: all@example.com', html: '<p>x</p>' }] }), [
      { field: 'followUps.0.subject', message: 'A subject is a single line' },
    ]);
  });

  it('refuses them in an edit too, and keeps the campaign as it was', async () => {
    const created = await (await agent.post('/api/campaigns', { name: 'Spring', subject: 'Hello', html: '<p>Hi</p>' })).json();
    await expectRefused(await agent.patch(`/api/campaigns/${created.id}`, { subject: 'Hello\u0000there' }), [
      { field: 'subject', message: 'Contains a control character (U+0000)' },
    ]);
    expect(await (await agent.get(`/api/campaigns/${created.id}`)).json()).toMatchObject({ subject: 'Hello', version: 1 });
  });
});

describe('control characters in other names', () => {
  it('refuses NUL in an API token name', async () => {
    await expectRefused(await agent.post('/api/tokens', { name: 'laptop\u0000' }), [{ field: 'name', message: 'Contains a control character (U+0000)' }]);
  });
});
