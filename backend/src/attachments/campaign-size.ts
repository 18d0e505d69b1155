import { encodedBodyBytes, largestMessageBytes, type SizedFile } from './message-size';

/** The largest message this campaign makes with these files (message-size.ts's rule over its steps). */
export function campaignLargestMessage(
  campaign: { subject: string; html: string; text: string | null; followUps: readonly { subject: string | null; html: string }[] },
  files: readonly SizedFile[],
): number {
  const steps = [
    { subject: campaign.subject, html: campaign.html, text: campaign.text },
    ...campaign.followUps.map((step) => ({ subject: step.subject ?? campaign.subject, html: step.html, text: null })),
  ];
  return largestMessageBytes(encodedBodyBytes(steps), files);
}
