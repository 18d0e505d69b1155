import type { CompiledCampaign } from '../../../shared/merge';
import type { CampaignRow } from '../campaigns/campaign-store';

/**
 * Compiled templates of each campaign step, kept for one scheduler tick: compiling (and deriving the
 * plain-text body from the HTML) once per step instead of once per message. Keyed by the campaign's
 * version, so an edit between ticks is never served stale, and by what else changes the templates:
 * the step's A/B variant and, for a follow-up's "Re:" subject, the first message's (`part`).
 */
export type StepTemplateCache = ReturnType<typeof createStepTemplateCache>;

export function createStepTemplateCache() {
  const compiled = new Map<string, CompiledCampaign>();
  return {
    get(campaign: Pick<CampaignRow, 'id' | 'version'>, part: string | number, compile: () => CompiledCampaign): CompiledCampaign {
      const key = `${campaign.id}:${campaign.version}:${part}`;
      let templates = compiled.get(key);
      if (!templates) {
        templates = compile();
        compiled.set(key, templates);
      }
      return templates;
    },
  };
}
