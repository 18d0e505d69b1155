/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';

/**
 * The dashboard's list table: a scrollable, keyboard-focusable region named by its title, whose rows
 * stack into labelled cards on narrow screens (`stack-table` in the style sheet: each cell carries
 * its column's name in `data-label`). The last column holds the row's actions, named for screen readers.
 *
 * @example <StackTable labelledBy="token-list-title" columns={['Name', 'Created']}>{rows}</StackTable>
 */
export function StackTable(props: { labelledBy: string; columns: readonly string[]; caption?: string; children: Child }) {
  return (
    <div class="table-scroll card" role="region" aria-labelledby={props.labelledBy} tabindex={0}>
      <table class="stack-table">
        {props.caption !== undefined && (
          <caption id={props.labelledBy} class="visually-hidden">
            {props.caption}
          </caption>
        )}
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th scope="col">{column}</th>
            ))}
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}
