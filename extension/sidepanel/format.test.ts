import { describe, expect, it } from 'vitest';
import { formatAgo, formatRate } from './format';

describe('formatRate', () => {
  it.each([
    [0, '0%'],
    [0.5, '50%'],
    [0.0123, '1.2%'],
    [0.1234, '12%'],
  ])('shows %s as %s', (rate, shown) => {
    expect(formatRate(rate)).toBe(shown);
  });
});

describe('formatAgo', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  it('says just now, then minutes, then hours', () => {
    expect(formatAgo('2026-03-01T11:59:40Z', now)).toBe('just now');
    expect(formatAgo('2026-03-01T11:50:00Z', now)).toBe('10 min ago');
    expect(formatAgo('2026-03-01T09:00:00Z', now)).toBe('3 h ago');
  });
});
