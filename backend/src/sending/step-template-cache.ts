import type { CompiledCampaign } from '../../../shared/merge';
import type { CampaignRow } from '../campaigns/campaign-store';
import type { Database } from '../db/database';

/**
 * Compiled templates of each campaign step, kept from one scheduler tick to the next: compiling (and
 * deriving the plain-text body from the HTML) once per step and edit instead of once per message or
 * per tick (with gaps, a tick often sends one message: ~0.8 ms of a tick's CPU was this, issue 17).
 * Keyed by the campaign's version, so an edit is never served stale: what the templates are made of
 * (subject, html, text, variants, follow-ups) changes only through campaign-store.ts `updateCampaign`,
 * which grows the version (other writes, such as `lastSentAt` or the A/B decision, leave it, and touch
 * nothing compiled here); and by what else changes the templates: the step's A/B variant and, for a
 * follow-up's "Re:" subject, the first message's (`part`). Bounded: the least recently used goes first.
 */
export type StepTemplateCache = ReturnType<typeof createStepTemplateCache>;

/** Steps kept: a few campaigns' steps and variants; a miss costs one compile (~0.4 ms). */
const MAX_STEPS = 256;

export function createStepTemplateCache(maxSteps = MAX_STEPS) {
  const compiled = new Map<string, CompiledCampaign>();
  return {
    get(campaign: Pick<CampaignRow, 'id' | 'version'>, part: string | number, compile: () => CompiledCampaign): CompiledCampaign {
      const key = `${campaign.id}:${campaign.version}:${part}`;
      let templates = compiled.get(key);
      if (templates) {
        // Most recently used last: the first entry is the one to drop.
        compiled.delete(key);
      } else {
        templates = compile();
        if (compiled.size >= maxSteps) compiled.delete(compiled.keys().next().value!);
      }
      compiled.set(key, templates);
      return templates;
    },
    get size() {
      return compiled.size;
    },
  };
}

/** One cache per database (tests run several apps in one process), for as long as it is in use. */
const perDatabase = new WeakMap<Database, StepTemplateCache>();

export function stepTemplatesFor(db: Database): StepTemplateCache {
  let cache = perDatabase.get(db);
  if (!cache) {
    cache = createStepTemplateCache();
    perDatabase.set(db, cache);
  }
  return cache;
}
