import { useState, type FormEvent } from 'react';
import { useSettingsChange } from '../api/settings-queries.ts';
import { UserText } from '../text/user-text.tsx';
import { ChangeError, SaveOutcome } from './change-outcome.tsx';
import { AddForm, TextField, type FieldsProps } from './settings-forms.tsx';
import { SettingsList } from './settings-list.tsx';
import {
  createTag,
  removeTag,
  updateTag,
  useTags,
  type Tag,
  type TagInput,
} from './tags-client.ts';

type Props = { workspaceId: string; canEdit: boolean };

const emptyTag: TagInput = { name: '', color: null, description: null };
const conversations = (count: number) =>
  count === 1 ? '1 conversation' : `${count} conversations`;

/** The workspace's tag list: what agents pick from, renamed everywhere at once. */
export function TagsSettings({ workspaceId, canEdit }: Props) {
  const tags = useTags(workspaceId);
  const create = useSettingsChange(workspaceId, (input: TagInput) => createTag(workspaceId, input));
  const unlisted = tags.data?.unlisted ?? [];
  return (
    <SettingsList
      title="Tags"
      intro="Renaming a tag renames it on every conversation and routing rule. Removing it takes it off this list only: conversations keep it."
      items={tags.data?.items ?? []}
      empty="No tags on the list yet."
      loaded={tags.isSuccess}
      itemKey={(item) => item.id}
      renderItem={(item) => <TagCard workspaceId={workspaceId} tag={item} canEdit={canEdit} />}
      afterList={
        unlisted.length > 0 ? (
          <p className="muted">
            In use but not listed:{' '}
            <UserText
              text={unlisted
                .map((t) => `${t.name} (${conversations(t.conversationCount)})`)
                .join(', ')}
            />
          </p>
        ) : null
      }
      addForm={
        canEdit ? (
          <AddForm<TagInput>
            title="Add a tag"
            idPrefix="tag-new"
            empty={emptyTag}
            submitLabel="Add tag"
            create={create}
            renderFields={(fields) => <TagFields {...fields} />}
          />
        ) : null
      }
    />
  );
}

function TagCard({ workspaceId, tag, canEdit }: Props & { tag: Tag }) {
  const save = useSettingsChange(workspaceId, (input: TagInput) =>
    updateTag(workspaceId, tag.id, input),
  );
  const remove = useSettingsChange(workspaceId, () => removeTag(workspaceId, tag.id));
  return (
    <>
      <h3>
        <UserText text={tag.name} />
      </h3>
      <p className="muted">On {conversations(tag.conversationCount)}</p>
      <TagFields
        idPrefix={`tag-${tag.id}`}
        initial={tag}
        submitLabel={`Save ${tag.name}`}
        readOnly={!canEdit}
        pending={save.isPending}
        onSubmit={(input) => save.mutate(input)}
      />
      {canEdit ? (
        <button
          type="button"
          className="button button--danger"
          disabled={remove.isPending}
          onClick={() => remove.mutate(undefined)}
        >
          Remove {tag.name}
        </button>
      ) : null}
      <SaveOutcome change={save} />
      <ChangeError error={remove.error} />
    </>
  );
}

function TagFields({
  idPrefix,
  initial,
  submitLabel,
  readOnly,
  pending,
  onSubmit,
}: FieldsProps<TagInput>) {
  const [draft, setDraft] = useState(initial);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit({
      name: draft.name.trim(),
      color: draft.color,
      description: draft.description?.trim() || null,
    });
  };
  return (
    <form onSubmit={submit} aria-label={submitLabel}>
      <TextField
        id={`${idPrefix}-name`}
        label="Name"
        readOnly={readOnly}
        value={draft.name}
        onChange={(name) => setDraft({ ...draft, name })}
      />
      <div className="field">
        <label htmlFor={`${idPrefix}-description`}>Description</label>
        <input
          id={`${idPrefix}-description`}
          maxLength={500}
          readOnly={readOnly}
          value={draft.description ?? ''}
          onChange={(event) => setDraft({ ...draft, description: event.target.value })}
        />
      </div>
      <div className="field field--inline">
        <input
          id={`${idPrefix}-has-color`}
          type="checkbox"
          disabled={readOnly}
          checked={draft.color !== null}
          onChange={(event) =>
            setDraft({ ...draft, color: event.target.checked ? '#1f77b4' : null })
          }
        />
        <label htmlFor={`${idPrefix}-has-color`}>A colour</label>
        {draft.color !== null ? (
          <input
            type="color"
            aria-label="Colour"
            disabled={readOnly}
            value={draft.color}
            onChange={(event) => setDraft({ ...draft, color: event.target.value })}
          />
        ) : null}
      </div>
      {readOnly ? null : (
        <button type="submit" className="button button--primary" disabled={pending}>
          {submitLabel}
        </button>
      )}
    </form>
  );
}
