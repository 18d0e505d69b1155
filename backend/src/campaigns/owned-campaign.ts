import type { AppDeps } from '../deps';
import { ProblemError } from '../http/problem';
import { findCampaign, type CampaignRow } from './campaign-store';

/**
 * The signed-in user's campaign `id`, or 404: the one lookup every campaign route (the campaign,
 * its recipients, its analytics, its test send) starts with. Another user's id answers exactly as
 * an id that does not exist, so ids reveal nothing.
 */
export async function ownedCampaign(deps: Pick<AppDeps, 'db'>, userId: string, id: string): Promise<CampaignRow> {
  const campaign = await findCampaign(deps, userId, id);
  if (!campaign) throw new ProblemError('not-found', { detail: 'No campaign with this id.' });
  return campaign;
}
