import { fieldPlaces, parseTemplate } from '../../../shared/merge';
import type { MissingFieldPlaces } from '../../../shared/schemas/launch';
import { variantLetter } from '../../../shared/schemas/variants';
import type { CampaignRow } from './campaign-store';

/**
 * Where each of `fields` is written in the campaign, named as the user finds it (issue 14: a tag in
 * a link's address is invisible in the editor). Labels: 'subject', 'body', 'link: <url as written>',
 * 'follow-up N subject', 'follow-up N body', 'follow-up N link: <url>' (N from 1). A step with A/B
 * variants (issue 18) names the variant: 'Variant B subject', 'follow-up N variant B body'.
 */
export function missingFieldPlaces(
  campaign: Pick<CampaignRow, 'subject' | 'html' | 'text' | 'followUps' | 'variants'>,
  fields: readonly string[],
): MissingFieldPlaces[] {
  const wanted = new Set(fields);
  const places = new Map<string, string[]>(fields.map((field) => [field, []]));
  const add = (field: string, place: string) => {
    const list = places.get(field);
    if (wanted.has(field) && list && !list.includes(place)) list.push(place);
  };
  const addStep = (prefix: string, subject: string | null, html: string, text: string | null) => {
    if (subject) for (const tag of parseTemplate(subject).tags) add(tag.field, `${prefix}subject`);
    for (const place of fieldPlaces(html)) add(place.field, place.link === null ? `${prefix}body` : `${prefix}link: ${place.link}`);
    // A text body the user wrote is the body too, in its other form.
    if (text) for (const tag of parseTemplate(text).tags) add(tag.field, `${prefix}body`);
  };
  if (campaign.variants.length === 0) addStep('', campaign.subject, campaign.html, campaign.text);
  // Variant A is the subject and body (its text too); the others have their own.
  else campaign.variants.forEach((variant, v) => addStep(`Variant ${variantLetter(v)} `, variant.subject, variant.html, v === 0 ? campaign.text : null));
  campaign.followUps.forEach((step, i) => {
    const variants = step.variants ?? [];
    if (variants.length === 0) addStep(`follow-up ${i + 1} `, step.subject, step.html, null);
    else variants.forEach((variant, v) => addStep(`follow-up ${i + 1} variant ${variantLetter(v)} `, variant.subject, variant.html, null));
  });
  return fields.map((field) => ({ field, places: places.get(field) ?? [] }));
}
