import { useEffect, useRef, type RefObject } from 'react';
import { takeOpenFocus } from './open-focus';

/** The editor's name field, as the Write tab draws it. */
const NAME_FIELD = '[data-testid="editor-name"]';

/**
 * Moves the focus once the campaign is on screen: to the heading (Open), or to the editor's name
 * field (Create). The editor may draw a moment after the header (it may load lazily), so the name
 * field is waited for; the heading holds the focus meanwhile.
 */
export function useOpenFocus(campaignId: string, shown: boolean, heading: RefObject<HTMLElement | null>, panel: RefObject<HTMLElement | null>) {
  const done = useRef(false);
  useEffect(() => {
    if (!shown || done.current) return;
    done.current = true;
    const target = takeOpenFocus(campaignId);
    heading.current?.focus();
    const root = panel.current;
    if (target !== 'name' || !root) return;
    const focusName = () => {
      const field = root.querySelector<HTMLInputElement>(NAME_FIELD);
      if (!field) return false;
      field.focus();
      return true;
    };
    if (focusName()) return;
    const observer = new MutationObserver(() => {
      if (focusName()) observer.disconnect();
    });
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [campaignId, shown, heading, panel]);
}
