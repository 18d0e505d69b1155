import { describe, expect, it } from 'vitest';
import { focusOnOpen, takeOpenFocus } from './open-focus';

describe('focus when a campaign opens', () => {
  it('goes to the name field once after Create, then to the heading', () => {
    focusOnOpen('cmp_1', 'name');
    expect(takeOpenFocus('cmp_1')).toBe('name');
    expect(takeOpenFocus('cmp_1')).toBe('heading');
  });

  it("does not carry a request over to another campaign", () => {
    focusOnOpen('cmp_1', 'name');
    expect(takeOpenFocus('cmp_2')).toBe('heading');
    expect(takeOpenFocus('cmp_1')).toBe('heading');
  });
});
