import { describe, expect, it } from 'vitest';
import { describePlace, describePlaces } from './missing-field-place';

describe('describePlace', () => {
  it('names a link by its address, and a follow-up by its number', () => {
    expect(describePlace('link: https://x.test/offer?c={{company}}')).toBe('the link https://x.test/offer?c={{company}}');
    expect(describePlace('follow-up 2 link: https://x.test/')).toBe("follow-up 2's link https://x.test/");
    expect(describePlace('follow-up 1 subject')).toBe("follow-up 1's subject");
    expect(describePlace('body')).toBe('the body');
  });

  it('joins several places as a sentence', () => {
    expect(describePlaces(['subject', 'link: https://x.test/{{a}}', 'follow-up 1 body'], 'en')).toBe(
      "the subject, the link https://x.test/{{a}}, and follow-up 1's body",
    );
    expect(describePlaces([], 'en')).toBe('the campaign');
  });
});
