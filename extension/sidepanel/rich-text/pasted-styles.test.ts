import { describe, expect, it } from 'vitest';
import { emphasisOf } from './pasted-styles';

// pastedStylesToMarkup itself needs a browser's DOMParser: tests/e2e/editor.e2e.test.ts pastes a
// Google Docs fragment through it in Chromium.
describe('emphasisOf', () => {
  it('reads bold, not bold, italic and underline from a style attribute', () => {
    expect(emphasisOf('font-size:11pt;font-weight:700;font-style:normal')).toEqual({ bold: true, italic: false, underline: false });
    expect(emphasisOf('font-weight:normal;')).toEqual({ bold: false, italic: false, underline: false });
    expect(emphasisOf('font-weight: 400; font-style: italic; text-decoration: underline wavy')).toEqual({ bold: false, italic: true, underline: true });
    expect(emphasisOf('color:#000')).toEqual({ bold: null, italic: false, underline: false });
  });

  it("does not take Word's mso-bidi-font-weight for font-weight", () => {
    expect(emphasisOf('mso-bidi-font-weight:normal').bold).toBeNull();
  });
});
