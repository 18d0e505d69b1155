import { describe, expect, it } from 'vitest';
import { describePlace, describePlaces, goToLabel, parsePlace } from './missing-field-place';

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

describe('parsePlace', () => {
  it('finds the step and the part the go-to button opens', () => {
    expect(parsePlace('subject')).toEqual({ step: 0, part: 'subject' });
    expect(parsePlace('body')).toEqual({ step: 0, part: 'body' });
    expect(parsePlace('link: https://x.test/offer?c={{company}}')).toEqual({ step: 0, part: 'link', address: 'https://x.test/offer?c={{company}}' });
    expect(parsePlace('follow-up 3 body')).toEqual({ step: 3, part: 'body' });
    expect(parsePlace('follow-up 12 link: https://x.test/a b')).toEqual({ step: 12, part: 'link', address: 'https://x.test/a b' });
  });

  it('finds the A/B variant a place is in (issue 18)', () => {
    expect(parsePlace('Variant B subject')).toEqual({ step: 0, part: 'subject', variant: 1 });
    expect(parsePlace('Variant A body')).toEqual({ step: 0, part: 'body' });
    expect(parsePlace('follow-up 2 variant C link: https://x.test/{{a}}')).toEqual({ step: 2, part: 'link', address: 'https://x.test/{{a}}', variant: 2 });
    expect(describePlace('Variant B subject')).toBe("variant B's subject");
    expect(describePlace('follow-up 2 variant C body')).toBe("follow-up 2 variant C's body");
    expect(describePlace('Variant B link: https://x.test/')).toBe("variant B's link https://x.test/");
  });

  it('knows nothing of a place a newer server might name', () => {
    expect(parsePlace('attachment')).toBeNull();
    expect(parsePlace('follow-up x body')).toBeNull();
  });

  it('labels the button with the place', () => {
    expect(goToLabel('link: https://x.test/?c={{company}}')).toBe('Go to the link https://x.test/?c={{company}}');
  });
});
