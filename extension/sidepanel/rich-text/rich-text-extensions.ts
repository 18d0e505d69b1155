import type { Extensions } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { isAllowedLinkAddress, LINK_PROTOCOLS } from './link-address';
import { MergeTag } from './merge-tag-node';

/**
 * The editor's schema: paragraphs, line breaks, bold, italic, underline, links and lists, plus
 * merge-tag chips. Everything else a paste brings (Google Docs' styled spans, Word's `mso-` markup,
 * headings, tables, scripts) has no place in it, so ProseMirror's schema-based parser drops it and
 * the stored body is simple HTML by construction.
 */
export const richTextExtensions: Extensions = [
  StarterKit.configure({
    blockquote: false,
    code: false,
    codeBlock: false,
    heading: false,
    horizontalRule: false,
    strike: false,
    // It would add an empty paragraph after a final list: an extra blank line in every message.
    trailingNode: false,
    link: {
      openOnClick: false,
      autolink: true,
      linkOnPaste: true,
      protocols: [...LINK_PROTOCOLS],
      defaultProtocol: 'https',
      // A mail link needs no target or rel: the stored body keeps `<a href="…">` as the user wrote it.
      HTMLAttributes: { target: null, rel: null, class: null },
      isAllowedUri: (url) => isAllowedLinkAddress(url),
    },
  }),
  MergeTag,
];
