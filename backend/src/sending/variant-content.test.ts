import { describe, expect, it } from 'vitest';
import { variantContent } from './variant-content';

const campaign = {
  subject: 'Alpha',
  html: '<p><a href="https://a.test">a</a></p>',
  text: 'Alpha text',
  variants: [
    { subject: 'Alpha', html: '<p><a href="https://a.test">a</a></p>' },
    { subject: 'Bravo', html: '<p>https://b.test/1 https://b.test/2</p>' },
    { subject: 'Charlie', html: '<p><a href="https://c.test">c</a></p>' },
  ],
  followUps: [
    {
      delayHours: 24, subject: null, html: '<p>One</p>', condition: 'no_reply' as const,
      variants: [{ subject: null, html: '<p>One</p>' }, { subject: 'Own subject', html: '<p>Two</p>' }],
    },
    { delayHours: 24, subject: null, html: '<p>Plain</p>', condition: 'always' as const },
  ],
};
const job = (step: number, variant: number | null, splitKey: number | null, recipientId = 100) => ({ step, variant, splitKey, recipientId });

describe('the content of a job\'s variant', () => {
  it('sends the first message\'s stored variant: A with its own text, the others with theirs derived, links numbered on', () => {
    expect(variantContent(campaign, job(0, 0, 0), null)).toEqual({ variant: 0, subject: 'Alpha', html: campaign.html, text: 'Alpha text', inThread: false, linkOffset: 0 });
    expect(variantContent(campaign, job(0, 2, 2), null)).toMatchObject({ variant: 2, subject: 'Charlie', text: null, linkOffset: 3 });
    // A variant that is not there (never written so) goes as A.
    expect(variantContent(campaign, job(0, 7, 7), null)).toMatchObject({ variant: 0, subject: 'Alpha' });
  });

  it('picks a follow-up\'s variant from the split key now, "Re: " + the first message\'s variant subject, in the thread unless it has its own', () => {
    expect(variantContent(campaign, job(1, null, 4), 1)).toMatchObject({ variant: 0, subject: 'Re: Bravo', html: '<p>One</p>', inThread: true, linkOffset: 0 });
    expect(variantContent(campaign, job(1, null, 5), 2)).toMatchObject({ variant: 1, subject: 'Own subject', html: '<p>Two</p>', inThread: false });
    // Queued before split keys: the recipient's id splits instead.
    expect(variantContent(campaign, job(1, null, null, 101), 0).variant).toBe(1);
    expect(variantContent(campaign, job(2, null, 3), 2)).toMatchObject({ variant: null, subject: 'Re: Charlie', inThread: true });
  });

  it('keeps a follow-up variant without a subject in the thread when variant A has a subject of its own', () => {
    const ownA = {
      ...campaign,
      followUps: [
        {
          delayHours: 24, subject: 'A\'s own', html: '<p>One</p>', condition: 'no_reply' as const,
          variants: [{ subject: 'A\'s own', html: '<p>One</p>' }, { subject: null, html: '<p>Two</p>' }],
        },
      ],
    };
    expect(variantContent(ownA, job(1, null, 1), 0)).toMatchObject({ variant: 1, subject: 'Re: Alpha', html: '<p>Two</p>', inThread: true });
    expect(variantContent(ownA, job(1, null, 0), 0)).toMatchObject({ variant: 0, subject: "A's own", inThread: false });
  });
});
