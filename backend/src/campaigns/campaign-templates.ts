import { compileCampaign, type CompiledCampaign } from '../../../shared/merge';
import { htmlToPlainText } from './plain-text';

/** The templates a campaign step renders: its own text when written, otherwise derived from its HTML. */
export function compileStepTemplates(step: { subject: string; html: string; text: string | null }): CompiledCampaign {
  return compileCampaign({ subject: step.subject, html: step.html, text: step.text ?? htmlToPlainText(step.html) });
}
