import { type InputHTMLAttributes, type TextareaHTMLAttributes, useId, useState } from 'react';
import { ApiError } from '../../app/api.ts';

// Small form pieces shared by the settings sections: checkboxes, text areas, comma lists, and the
// server's validation errors shown next to the field whose path they name.

export interface PathError {
  path: string;
  message: string;
}

/** The `{path, message}` details of a 400 answer, whatever the module's shape (`path` or `field`). */
export function pathErrorsOf(error: unknown): PathError[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return error.details.flatMap((item: unknown) => {
    const detail = item as { path?: unknown; field?: unknown; message?: unknown };
    const path = Array.isArray(detail.path) ? detail.path.join('.') : (detail.path ?? detail.field);
    return typeof path === 'string' ? [{ path, message: String(detail.message ?? '') }] : [];
  });
}

/** Errors whose path is `path` or lies under it (`rules[2]` also shows `rules[2].condition.value`). */
export function errorsAt(errors: readonly PathError[], path: string): PathError[] {
  return errors.filter(
    (error) => error.path === path || error.path.startsWith(`${path}.`) || error.path.startsWith(`${path}[`),
  );
}

/** Errors at `path` (and under it with `nested`), shown under the field they are about. */
export function FieldErrors({
  errors,
  path,
  nested,
}: {
  errors: readonly PathError[];
  path: string;
  nested?: boolean;
}) {
  const mine = nested ? errorsAt(errors, path) : errors.filter((error) => error.path === path);
  if (mine.length === 0) return null;
  return (
    <div role="alert">
      <ul className="field-errors">
        {mine.map((error) => (
          <li key={`${error.path}:${error.message}`}>
            <code>{error.path}</code> {error.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CheckboxField({ label, ...rest }: InputHTMLAttributes<HTMLInputElement> & { label: string }) {
  const id = useId();
  return (
    <div className="field checkbox-field">
      <input id={id} type="checkbox" {...rest} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

export function TextAreaField({
  label,
  hint,
  ...rest
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; hint?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...rest} />
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
    </div>
  );
}

/** "a, b, c" ↔ ['a', 'b', 'c']; the text is kept while typing so a trailing comma does not vanish. */
export function ListField({
  label,
  hint,
  values,
  onChange,
  testId,
}: {
  label: string;
  hint?: string;
  values: readonly string[];
  onChange: (values: string[]) => void;
  testId?: string;
}) {
  const id = useId();
  const [text, setText] = useState(values.join(', '));
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        data-testid={testId}
        value={text}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => {
          setText(event.target.value);
          onChange(
            event.target.value
              .split(',')
              .map((part) => part.trim())
              .filter(Boolean),
          );
        }}
      />
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
    </div>
  );
}

/** A number input's value, or null when empty (optional fields), or NaN left for the server to refuse. */
export function numberOrNull(text: string): number | null {
  return text.trim() === '' ? null : Number(text);
}
