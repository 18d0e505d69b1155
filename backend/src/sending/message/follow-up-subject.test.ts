import { describe, expect, it } from 'vitest';
import { followUpSubject } from './follow-up-subject';

describe('followUpSubject', () => {
  it('prefixes the original subject with Re: when the step has no subject of its own', () => {
    expect(followUpSubject('Quick question', null)).toBe('Re: Quick question');
  });

  it('does not add a second Re:, whatever its case', () => {
    expect(followUpSubject('Re: Quick question', null)).toBe('Re: Quick question');
    expect(followUpSubject('RE:Quick question', null)).toBe('RE:Quick question');
  });

  it("uses the step's own subject when it has one", () => {
    expect(followUpSubject('Quick question', 'One more thing')).toBe('One more thing');
  });

  it('works on templates: merge tags are kept as written', () => {
    expect(followUpSubject('Hi {{ first name }}', null)).toBe('Re: Hi {{ first name }}');
  });
});
