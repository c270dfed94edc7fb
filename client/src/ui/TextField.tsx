import { Field } from './Field';

interface ControlProps {
  id: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  /** A number: the decimal keyboard on phones; the value stays text until submitted. */
  numeric?: boolean;
  type?: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** A text box that reports its value as a string. */
export function TextInput({ value, onChange, numeric = false, ...props }: ControlProps) {
  return (
    <input
      {...props}
      className="form-field__input"
      type={props.type ?? 'text'}
      inputMode={numeric ? 'decimal' : undefined}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/** A labelled text box with its hint and its error from the API: the forms' usual field. */
export function TextField({
  label,
  hint,
  error,
  ...input
}: Omit<ControlProps, 'id' | 'aria-invalid' | 'aria-describedby'> & {
  label: string;
  hint?: string;
  error?: string;
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(props) => <TextInput {...props} {...input} />}
    </Field>
  );
}
