/** @jsxImportSource hono/jsx */
import { FormField } from './form-field';

export type TextFieldProps = {
  /** Used as both the input's name and its id (the error summary links to it). */
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  value?: string;
  error?: string | undefined;
  hint?: string;
  autocomplete?: string;
  required?: boolean;
  maxlength?: number;
};

/**
 * A labelled input with its hint and error tied to it by aria-describedby, so a screen reader reads
 * them with the field. Password values are never echoed back into the page.
 */
export function TextField({ name, label, type = 'text', value, error, hint, autocomplete, required = true, maxlength }: TextFieldProps) {
  return (
    <FormField
      name={name}
      label={label}
      hint={hint}
      error={error}
      control={(attributes) => (
        <input
          {...attributes}
          type={type}
          value={type === 'password' ? undefined : value}
          autocomplete={autocomplete}
          required={required}
          maxlength={maxlength}
        />
      )}
    />
  );
}
