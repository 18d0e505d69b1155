import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browserAgent, type BrowserAgent } from '../../testing/browser-agent';
import { postForm, signUpWithForm } from '../../testing/dashboard-forms';
import { createTestApp, type TestApp } from '../../testing/test-app';

const PASSWORD = 'a long enough password';
let t: TestApp;
let agent: BrowserAgent;
beforeEach(async () => {
  t = await createTestApp();
  agent = browserAgent(t);
  await signUpWithForm(agent, 'ada@exmaple.com', PASSWORD);
});
afterEach(() => t.close());

const storedEmails = async () => (await t.client.execute('SELECT email FROM users ORDER BY email')).rows.map((row) => row.email);

describe('correcting one\'s email address on the Account page', () => {
  it('offers the form with the current address filled in', async () => {
    const page = await (await agent.get('/account')).text();
    expect(page).toMatch(/<form method="post" action="\/account\/email"/);
    expect(page).toMatch(/<input[^>]*name="newEmail"[^>]*value="ada@exmaple.com"/);
    expect(page).toMatch(/<label for="emailPassword">Your password<\/label>/);
  });

  it('changes it with the password and says to sign in with the new address', async () => {
    const response = await postForm(agent, '/account/email', { newEmail: 'Ada@Example.com', emailPassword: PASSWORD });
    expect(response.status).toBe(303);
    const page = await (await agent.get(response.headers.get('location')!)).text();
    expect(page).toContain('Your email address was changed.');
    expect(page).toContain('Sign in with ada@example.com from now on.');
    expect(await storedEmails()).toEqual(['ada@example.com']);
  });

  it('shows a wrong password, a taken address and an invalid one beside their fields, and changes nothing', async () => {
    await signUpWithForm(browserAgent(t), 'taken@example.com');
    const cases: [Record<string, string>, number, string, string][] = [
      [{ newEmail: 'ada@example.com', emailPassword: 'not my password' }, 400, 'emailPassword', 'The password is wrong'],
      [{ newEmail: 'ada@example.com', emailPassword: '' }, 400, 'emailPassword', 'Enter your password to confirm'],
      [{ newEmail: 'not an address', emailPassword: PASSWORD }, 400, 'newEmail', 'Enter a valid email address'],
      [{ newEmail: 'taken@example.com', emailPassword: PASSWORD }, 409, 'newEmail', 'This email is already registered'],
    ];
    for (const [fields, status, field, message] of cases) {
      const response = await postForm(agent, '/account/email', fields);
      expect(response.status, message).toBe(status);
      const page = await response.text();
      expect(page, message).toMatch(new RegExp(`<p class="field-error" id="${field}-error">(<span[^>]*>Error: </span>)?${message}`));
      expect(page, message).toContain(`href="#${field}"`);
    }
    const typed = await (await postForm(agent, '/account/email', { newEmail: 'not an address', emailPassword: PASSWORD })).text();
    expect(typed).toMatch(/<input[^>]*name="newEmail"[^>]*value="not an address"/);
    expect(await storedEmails()).toEqual(['ada@exmaple.com', 'taken@example.com']);
  });

  it('refuses a change posted from another site', async () => {
    const response = await postForm(agent, '/account/email', { newEmail: 'evil@example.com', emailPassword: PASSWORD }, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(await storedEmails()).toEqual(['ada@exmaple.com']);
  });
});
