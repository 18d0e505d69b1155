import { describe, expect, it } from 'vitest';
import { normaliseFields } from '../../../shared/merge';
import { compileStepTemplates } from '../campaigns/campaign-templates';
import { createStepTemplateCache } from './step-template-cache';

const step = (subject: string) => ({ subject, html: '<p>Hi {{Name}}</p>', text: null });

describe('the templates kept between ticks', () => {
  it('compile a step once per campaign version, and anew after an edit', () => {
    const cache = createStepTemplateCache();
    let compiles = 0;
    const render = (version: number, subject: string) =>
      cache.get({ id: 'cmp_1', version }, '0:0:null', () => (compiles++, compileStepTemplates(step(subject)))).render(normaliseFields({ Name: 'Ada' })).subject;
    expect([render(1, 'First'), render(1, 'First'), render(1, 'First')]).toEqual(['First', 'First', 'First']);
    expect(compiles).toBe(1);
    // An edit grows the version: the new subject, never the kept one.
    expect(render(2, 'Edited')).toBe('Edited');
    expect(compiles).toBe(2);
  });

  it('keep the ones in use when full, dropping the least recently used', () => {
    const cache = createStepTemplateCache(2);
    const compiled: string[] = [];
    const get = (id: string) => cache.get({ id, version: 1 }, 0, () => (compiled.push(id), compileStepTemplates(step(id))));
    get('busy');
    get('a');
    get('busy');
    get('b'); // full: 'a' goes, not 'busy'
    get('busy');
    expect(compiled).toEqual(['busy', 'a', 'b']);
    expect(cache.size).toBe(2);
  });
});
