import { describe, expect, it } from 'vitest';
import { firstMessageSubject, stepVariant } from './step-variant';

const campaign = {
  subject: 'Subject A',
  html: '<p>A</p>',
  text: 'A as text',
  variants: [
    { subject: 'Subject A', html: '<p>A</p>' },
    { subject: 'Subject B', html: '<p>B</p>' },
  ],
  followUps: [
    { delayHours: 24, subject: null, html: '<p>F-A</p>', condition: 'no_reply' as const, variants: [{ subject: null, html: '<p>F-A</p>' }, { subject: 'Own', html: '<p>F-B</p>' }] },
    // Stored before variants: none.
    { delayHours: 24, subject: null, html: '<p>old</p>', condition: 'no_reply' as const },
  ],
};

describe('stepVariant', () => {
  it('renders variant A of the first message with its own text, and the others with text from their HTML', () => {
    expect(stepVariant(campaign, 0, 0)).toEqual({ ok: true, templates: { subject: 'Subject A', html: '<p>A</p>', text: 'A as text' }, variantCount: 2 });
    expect(stepVariant(campaign, 0, 1)).toEqual({ ok: true, templates: { subject: 'Subject B', html: '<p>B</p>', text: null }, variantCount: 2 });
  });

  it('gives a follow-up without its own subject "Re: " and the first-message subject the recipient got', () => {
    expect(stepVariant(campaign, 1, 0, firstMessageSubject(campaign, 1))).toMatchObject({ templates: { subject: 'Re: Subject B', html: '<p>F-A</p>' } });
    expect(stepVariant(campaign, 1, 1, firstMessageSubject(campaign, 1))).toMatchObject({ templates: { subject: 'Own', html: '<p>F-B</p>' } });
    // Held for the winner, or no variants: variant A's subject.
    expect(firstMessageSubject(campaign, null)).toBe('Subject A');
    expect(stepVariant(campaign, 2, 0)).toMatchObject({ ok: true, templates: { subject: 'Re: Subject A', html: '<p>old</p>' }, variantCount: 1 });
  });

  it('says which is missing: the step, or the variant with how many the step has', () => {
    expect(stepVariant(campaign, 3, 0)).toEqual({ ok: false, problem: 'no-step' });
    expect(stepVariant(campaign, 0, 2)).toEqual({ ok: false, problem: 'no-variant', variantCount: 2 });
    expect(stepVariant(campaign, 2, 1)).toEqual({ ok: false, problem: 'no-variant', variantCount: 1 });
    expect(stepVariant({ ...campaign, variants: [] }, 0, 1)).toEqual({ ok: false, problem: 'no-variant', variantCount: 1 });
  });
});
