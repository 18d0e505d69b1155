import type { BrowserAgent } from './browser-agent';

/** Posts an HTML form as a browser does: urlencoded, with the agent's cookie and Origin. */
export function postForm(agent: BrowserAgent, path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return agent.request('POST', path, {
    body: new URLSearchParams(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
}

/** Signs up through the dashboard's form; the agent is then signed in. */
export async function signUpWithForm(agent: BrowserAgent, email: string, password = 'a long enough password') {
  const response = await postForm(agent, '/signup', { email, password, passwordConfirmation: password });
  if (response.status !== 303) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  return response;
}
