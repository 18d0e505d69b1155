import type { Extensions } from '@tiptap/core';
import { Bold } from '@tiptap/extension-bold';
import { Document } from '@tiptap/extension-document';
import { HardBreak } from '@tiptap/extension-hard-break';
import { Italic } from '@tiptap/extension-italic';
import { Link } from '@tiptap/extension-link';
import { BulletList, ListItem, ListKeymap, OrderedList } from '@tiptap/extension-list';
import { Paragraph } from '@tiptap/extension-paragraph';
import { Text } from '@tiptap/extension-text';
import { Underline } from '@tiptap/extension-underline';
import { UndoRedo } from '@tiptap/extensions';
import { isAllowedLinkAddress, LINK_PROTOCOLS } from './link-address';
import { MergeTag } from './merge-tag-node';

/**
 * The editor's schema: paragraphs, line breaks, bold, italic, underline, links and lists, plus
 * merge-tag chips. Everything else a paste brings (Google Docs' styled spans, Word's `mso-` markup,
 * headings, tables, scripts) has no place in it, so ProseMirror's schema-based parser drops it and
 * the stored body is simple HTML by construction.
 */
export const richTextExtensions: Extensions = [
  // Each extension by name rather than StarterKit with the rest set to false: StarterKit imports
  // all of them (headings, code blocks, blockquote, rule, strike, code, drop and gap cursors) and
  // only skips them at run time, so the bundler kept them all (the panel's budget, issue 14).
  // No TrailingNode: it would add an empty paragraph after a final list, an extra blank line in every message.
  Document,
  Paragraph,
  Text,
  HardBreak,
  Bold,
  Italic,
  Underline,
  BulletList,
  OrderedList,
  ListItem,
  ListKeymap,
  UndoRedo,
  Link.configure({
    openOnClick: false,
    autolink: true,
    linkOnPaste: true,
    protocols: [...LINK_PROTOCOLS],
    defaultProtocol: 'https',
    // A mail link needs no target or rel: the stored body keeps `<a href="…">` as the user wrote it.
    HTMLAttributes: { target: null, rel: null, class: null },
    isAllowedUri: (url) => isAllowedLinkAddress(url),
  }),
  MergeTag,
];
