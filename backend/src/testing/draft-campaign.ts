import { signedInAgent, type AgentTarget } from './browser-agent';

/**
 * A user signed up through the API with one draft campaign, "Spring launch"; `upload` posts a body
 * to its CSV import as the panel does.
 */
export async function signedInWithDraft(t: AgentTarget, email: string) {
  const { agent } = await signedInAgent(t, email);
  const campaign = (await (await agent.post('/api/campaigns', { name: 'Spring launch' })).json()) as { id: string };
  const upload = (body: Uint8Array<ArrayBuffer> | string) =>
    agent.request('POST', `/api/campaigns/${campaign.id}/recipients/import`, { body, headers: { 'content-type': 'text/csv' } });
  return { agent, campaignId: campaign.id, upload };
}
