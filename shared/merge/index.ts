/**
 * The merge-tag engine: `{{ field }}` / `{{ field | fallback }}` in subjects, bodies and links,
 * filled per recipient from their CSV columns. Runtime-free (browser, Node, Workers) and
 * string substitution only. Syntax and escaping rules: README.md beside this file.
 *
 * @example
 * const campaign = compileCampaign({ subject, html, text }); // once per campaign
 * for (const row of rows) {
 *   const fields = normaliseFields(row);                       // once per recipient
 *   const { subject, html, text, missing } = campaign.render(fields);
 * }
 */
export { compileCampaign } from './compile-campaign';
export type { CampaignTemplates, CompiledCampaign, RenderedCampaign } from './compile-campaign';
export { MERGE_CONTEXTS, compileTemplate, missingFields } from './compile-template';
export type { CompiledTemplate, MergeContext, RenderResult } from './compile-template';
export { normaliseFieldName, normaliseFields } from './fields';
export type { NormalisedFields } from './fields';
export { encodeUrlComponent, escapeHtml, escapeHtmlInTag, stripLineBreaks } from './escape';
export { fieldPlaces } from './field-places';
export type { FieldPlace } from './field-places';
export { parseTemplate } from './parse-template';
export type { ParsedTag, ParsedTemplate } from './parse-template';
export { linkifyBareUrls } from './linkify-urls';
