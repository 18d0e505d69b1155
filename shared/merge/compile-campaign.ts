/** A campaign's subject, HTML body and text body compiled together and rendered together. */

import { compileTemplate, unique, type CompiledTemplate } from './compile-template';
import type { NormalisedFields } from './fields';

/** The templates of one campaign, as the author wrote them. */
export interface CampaignTemplates {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/** One recipient's rendered message parts. */
export interface RenderedCampaign {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  /** Union of the three templates' missing fields, each once. */
  readonly missing: readonly string[];
}

/** A campaign's three templates, compiled. */
export interface CompiledCampaign {
  readonly subject: CompiledTemplate;
  readonly html: CompiledTemplate;
  readonly text: CompiledTemplate;
  /** Every field referenced by any of the three, each once. */
  readonly fields: readonly string[];
  /** Fields referenced without a fallback by any of the three, each once. */
  readonly requiredFields: readonly string[];
  render(fields: NormalisedFields): RenderedCampaign;
}

/**
 * Compiles the subject (`subject` context), HTML body (`html`) and text body (`text`) of a
 * campaign once; `render` fills all three for a recipient.
 *
 * @example
 * const campaign = compileCampaign({
 *   subject: 'A note for {{ company | your team }}',
 *   html: '<p>Hi {{ first name }}</p>',
 *   text: 'Hi {{ first name }}',
 * });
 * const message = campaign.render(normaliseFields(row));
 * if (message.missing.length > 0) skipRecipient(message.missing);
 */
export function compileCampaign(templates: CampaignTemplates): CompiledCampaign {
  const subject = compileTemplate(templates.subject, 'subject');
  const html = compileTemplate(templates.html, 'html');
  const text = compileTemplate(templates.text, 'text');
  const parts = [subject, html, text];
  return {
    subject,
    html,
    text,
    fields: Object.freeze(unique(parts.flatMap((part) => part.fields))),
    requiredFields: Object.freeze(unique(parts.flatMap((part) => part.requiredFields))),
    render(fields) {
      const s = subject.render(fields);
      const h = html.render(fields);
      const t = text.render(fields);
      return {
        subject: s.output,
        html: h.output,
        text: t.output,
        missing: mergeMissing(s.missing, h.missing, t.missing),
      };
    },
  };
}

function mergeMissing(a: readonly string[], b: readonly string[], c: readonly string[]): readonly string[] {
  // Usual case: nothing missing, or only one part reports it; no new array needed.
  if (b.length === 0 && c.length === 0) return a;
  if (a.length === 0 && c.length === 0) return b;
  if (a.length === 0 && b.length === 0) return c;
  return unique([...a, ...b, ...c]);
}
