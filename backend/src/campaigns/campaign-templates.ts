import { compileCampaign, linkifyBareUrls, type CompiledCampaign } from '../../../shared/merge';
import { htmlToPlainText } from './plain-text';

/**
 * The templates a campaign step renders: its own text when written, otherwise derived from its HTML.
 * URLs typed bare in the body become links first (so they are clickable, and tracked when clicks
 * are), for preview, test and sending alike.
 */
export function compileStepTemplates(step: { subject: string; html: string; text: string | null }): CompiledCampaign {
  const html = linkifyBareUrls(step.html);
  return compileCampaign({ subject: step.subject, html, text: step.text ?? htmlToPlainText(html) });
}
