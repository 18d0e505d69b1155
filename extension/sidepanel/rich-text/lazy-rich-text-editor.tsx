import { lazy, Suspense, type ComponentProps } from 'react';
import type { RichTextEditor as Editor } from './rich-text-editor';

// Tiptap, ProseMirror and linkify are ~127 KB gzipped: loaded with the first editor shown, not
// with the panel's first screen, which stays well within 250 KB gzipped (issue 14; measured by
// bench/panel-bundle-size.ts).
const Loaded = lazy(() => import('./rich-text-editor').then((module) => ({ default: module.RichTextEditor })));

/** The message editor, loaded on first use; its label shows meanwhile so the layout does not jump. */
export function RichTextEditor(props: ComponentProps<typeof Editor>) {
  return (
    <Suspense
      fallback={
        <div className="rich-text" aria-busy="true">
          <span className="field__label">{props.label}</span>
          <div className="field__input rich-text__area rich-text__loading" />
        </div>
      }
    >
      <Loaded {...props} />
    </Suspense>
  );
}
