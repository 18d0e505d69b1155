import { describe, expect, it } from 'vitest';
import { findEmailColumn, nameColumns } from './headers';

describe('nameColumns', () => {
  it('keeps written names and numbers only the repeats', () => {
    expect(nameColumns(['Email', ' Name ', 'Name', ''])).toEqual(['Email', 'Name', 'Name (2)', 'Column 4']);
  });

  it('reads a header written on several lines as one line', () => {
    expect(nameColumns(['First\r\nname', 'Last \n name', 'Notes\n'])).toEqual(['First name', 'Last name', 'Notes']);
  });

  it('never gives a repeat a name another header already has', () => {
    expect(nameColumns(['Name', 'Name', 'Name (2)'])).toEqual(['Name', 'Name (3)', 'Name (2)']);
    expect(nameColumns(['', 'Column 1'])).toEqual(['Column 1', 'Column 1 (2)']);
  });
});

describe('findEmailColumn', () => {
  it('prefers the requested column over the usual names', () => {
    expect(findEmailColumn(['Email', 'Work  Email'], 'work email')).toBe(1);
    expect(findEmailColumn(['Email', 'Work Email'])).toBe(0);
    expect(findEmailColumn(['Name'], 'Email')).toBe(-1);
  });
});
