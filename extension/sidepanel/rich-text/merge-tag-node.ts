import { InputRule, Node } from '@tiptap/core';
import { findTags, MERGE_TAG_ATTR } from './merge-tag-html';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    mergeTag: {
      /** Inserts a merge tag (`{{ field }}` as written) as one chip at the caret, inside any link there. */
      insertMergeTag: (source: string) => ReturnType;
    };
  }
}

/**
 * A merge tag as one atomic chip: the caret moves over it, Backspace removes it whole, and it can
 * sit inside a link (the link mark covers it). The stored body has the tag's own text, plain
 * `{{ field }}` as the merge engine reads it (shared/merge/parse-template.ts): chipsToTags on the
 * way out, tagsToChips on the way in.
 */
export const MergeTag = Node.create({
  name: 'mergeTag',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  draggable: false,

  addAttributes() {
    return {
      // The whole tag as written, fallback included (`{{ first name | there }}`), so it round-trips.
      source: { default: '', parseHTML: (element) => element.getAttribute(MERGE_TAG_ATTR) ?? '', renderHTML: () => ({}) },
    };
  },

  parseHTML() {
    return [{ tag: `span[${MERGE_TAG_ATTR}]` }];
  },

  // The chip's HTML; the editor's output goes through chipsToTags, so the stored body has the text alone.
  renderHTML({ node }) {
    return ['span', { [MERGE_TAG_ATTR]: String(node.attrs.source) }, String(node.attrs.source)];
  },

  renderText({ node }) {
    return String(node.attrs.source);
  },

  addNodeView() {
    return ({ node }) => {
      const dom = document.createElement('span');
      dom.className = 'merge-chip';
      dom.contentEditable = 'false';
      dom.setAttribute(MERGE_TAG_ATTR, String(node.attrs.source));
      dom.textContent = String(node.attrs.source);
      return { dom };
    };
  },

  addCommands() {
    return {
      insertMergeTag:
        (source) =>
        ({ state, tr, dispatch }) => {
          // Keep the marks at the caret (a link, bold) so a tag typed inside a link stays in it.
          const marks = state.storedMarks ?? state.selection.$from.marks();
          const chip = this.type.create({ source }, null, marks);
          if (dispatch) tr.replaceSelectionWith(chip, false).scrollIntoView();
          return true;
        },
    };
  },

  addInputRules() {
    // Typing the closing `}}` of a valid tag turns it into a chip.
    return [
      new InputRule({
        find: /\{\{[^{}]*\}\}$/,
        handler: ({ state, range, match }) => {
          const tag = findTags(match[0]).at(-1);
          if (!tag || tag.to !== match[0].length) return null;
          const marks = state.doc.resolve(range.from).marks();
          state.tr.replaceWith(range.from, range.to, this.type.create({ source: tag.source }, null, marks));
        },
      }),
    ];
  },
});
