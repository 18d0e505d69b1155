interface ColumnPickerProps {
  /** The select's id; its hint is `${id}-hint`. */
  id: string;
  label: string;
  /** The first option, choosing no column. */
  noneLabel: string;
  /** The campaign's imported columns (campaign.fields). */
  fields: readonly string[];
  /** The option shown selected: a column as written in `fields`, or ''. */
  selected: string;
  /** A saved column no imported recipient has: shown as "(missing)" and marked invalid. */
  missing: string | null;
  hint: string;
  onChange(value: string | null): void;
  testId: string;
  hintTestId?: string;
}

/**
 * A campaign setting that names one of its imported columns, or none: the consent column, each
 * recipient's file, each recipient's time zone. A saved name no longer imported stays visible as
 * "(missing)" rather than silently falling back to none.
 */
export function ColumnPicker(props: ColumnPickerProps) {
  const hintId = `${props.id}-hint`;
  return (
    <div className="field">
      <label className="field__label" htmlFor={props.id}>
        {props.label}
      </label>
      <select
        id={props.id}
        className="field__input"
        value={props.selected}
        aria-describedby={hintId}
        aria-invalid={props.missing !== null || undefined}
        onChange={(event) => props.onChange(event.target.value === '' ? null : event.target.value)}
        data-testid={props.testId}
      >
        <option value="">{props.noneLabel}</option>
        {props.missing !== null && <option value={props.missing}>{`${props.missing} (missing)`}</option>}
        {props.fields.map((field) => (
          <option key={field} value={field}>
            {field}
          </option>
        ))}
      </select>
      <p className="field__hint" id={hintId} data-testid={props.hintTestId}>
        {props.hint}
      </p>
    </div>
  );
}
