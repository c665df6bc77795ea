import { Fragment, useState, type FormEvent, type ReactNode } from 'react';
import { ChangeError, SaveOutcome } from './change-outcome.tsx';

/** What a settings item's fields take: the add form and each card's edit form alike. */
export type FieldsProps<Input> = {
  idPrefix: string;
  initial: Input;
  submitLabel: string;
  readOnly?: boolean;
  pending: boolean;
  onSubmit: (input: Input) => void;
};

type Change<Input> = {
  mutate: (input: Input, options?: { onSuccess?: () => void }) => void;
  isPending: boolean;
  isSuccess: boolean;
  error: Error | null;
};

type AddFormProps<Input> = {
  title: string;
  idPrefix: string;
  empty: Input;
  submitLabel: string;
  create: Change<Input>;
  renderFields: (props: FieldsProps<Input>) => ReactNode;
};

/** The form under a settings list that adds one; it starts empty again after each addition. */
export function AddForm<Input>({
  title,
  idPrefix,
  empty,
  submitLabel,
  create,
  renderFields,
}: AddFormProps<Input>) {
  const [formKey, setFormKey] = useState(0);
  return (
    <div className="settings-form">
      <h3>{title}</h3>
      <Fragment key={formKey}>
        {renderFields({
          idPrefix,
          initial: empty,
          submitLabel,
          pending: create.isPending,
          onSubmit: (input) => create.mutate(input, { onSuccess: () => setFormKey((k) => k + 1) }),
        })}
      </Fragment>
      <ChangeError error={create.error} />
    </div>
  );
}

type EditCardProps<Input> = {
  name: string;
  idPrefix: string;
  initial: Input;
  canEdit: boolean;
  save: Change<Input>;
  renderFields: (props: FieldsProps<Input>) => ReactNode;
};

/** One card of a settings list: its name, its fields, and "Saved." or why not. */
export function EditCard<Input>({
  name,
  idPrefix,
  initial,
  canEdit,
  save,
  renderFields,
}: EditCardProps<Input>) {
  return (
    <>
      <h3>{name}</h3>
      {renderFields({
        idPrefix,
        initial,
        submitLabel: `Save ${name}`,
        readOnly: !canEdit,
        pending: save.isPending,
        onSubmit: (input) => save.mutate(input),
      })}
      <SaveOutcome change={save} />
    </>
  );
}

type NameFormProps = {
  /** The form's accessible name. */
  label: string;
  fieldId: string;
  fieldLabel: string;
  maxLength: number;
  value: string;
  onChange: (value: string) => void;
  submitLabel: string;
  pending: boolean;
  error: Error | null;
  /** Called with the trimmed text, never an empty one. */
  onSubmit: (value: string) => void;
  /** More fields, after the name. */
  children?: ReactNode;
};

/** A one-field form that makes something from its name (a team, a token, a tag). */
export function NameForm(props: NameFormProps) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = props.value.trim();
    if (value) props.onSubmit(value);
  };
  return (
    <form className="settings-form" onSubmit={submit} aria-label={props.label}>
      <div className="field">
        <label htmlFor={props.fieldId}>{props.fieldLabel}</label>
        <input
          id={props.fieldId}
          value={props.value}
          maxLength={props.maxLength}
          onChange={(event) => props.onChange(event.target.value)}
        />
      </div>
      {props.children}
      <button type="submit" className="button button--primary" disabled={props.pending}>
        {props.submitLabel}
      </button>
      <ChangeError error={props.error} />
    </form>
  );
}

type TextFieldProps = {
  id: string;
  label: string;
  value: string;
  readOnly?: boolean;
  onChange: (value: string) => void;
};

/** A required, labelled line of text in a settings form. */
export function TextField({ id, label, value, readOnly, onChange }: TextFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        required
        readOnly={readOnly}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
