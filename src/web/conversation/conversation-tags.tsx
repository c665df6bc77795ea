import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { conv, request } from '../api/client.ts';
import { keys } from '../api/queries.ts';
import type { ConversationSummary } from '../../api/contract.ts';
import { useTags } from '../settings/tags-client.ts';
import { UserText } from '../text/user-text.tsx';

/** Adding and removing a conversation's tags, offering the workspace's managed list. */

type ConversationTagsProps = { workspaceId: string; conversation: ConversationSummary };

function useTagActions(workspaceId: string, conversationId: string) {
  const queryClient = useQueryClient();
  const change = (action: 'tags' | 'untag') => (tag: string) =>
    request<ConversationSummary>('POST', `${conv(workspaceId, conversationId)}/${action}`, {
      tag,
    });
  const onSuccess = () =>
    queryClient.invalidateQueries({ queryKey: keys.conversations(workspaceId) });
  return {
    add: useMutation({ mutationFn: change('tags'), onSuccess }),
    remove: useMutation({ mutationFn: change('untag'), onSuccess }),
  };
}

export function ConversationTags({ workspaceId, conversation }: ConversationTagsProps) {
  const managed = useTags(workspaceId);
  const actions = useTagActions(workspaceId, conversation.id);
  const [draft, setDraft] = useState('');
  const listId = useId();
  const inputId = useId();
  const offered = (managed.data?.items ?? [])
    .map((tag) => tag.name)
    .filter((name) => !conversation.tags.includes(name));
  const error = actions.add.error ?? actions.remove.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const tag = draft.trim();
    if (!tag) return;
    actions.add.mutate(tag, { onSuccess: () => setDraft('') });
  };

  return (
    <section className="conversation-tags" aria-label="Tags">
      {conversation.tags.length === 0 ? (
        <p className="muted">No tags yet.</p>
      ) : (
        <ul className="conversation-tags__list" aria-label="Current tags">
          {conversation.tags.map((tag) => (
            <li key={tag} className="badge">
              <UserText text={tag} />{' '}
              <button
                type="button"
                className="button button--small"
                aria-label={`Remove tag ${tag}`}
                onClick={() => actions.remove.mutate(tag)}
                disabled={actions.remove.isPending}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} aria-label="Add a tag">
        <label htmlFor={inputId}>Add a tag</label>{' '}
        <input
          id={inputId}
          list={listId}
          value={draft}
          maxLength={100}
          onChange={(event) => setDraft(event.target.value)}
          disabled={actions.add.isPending}
        />
        <datalist id={listId}>
          {offered.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </form>
      {error ? (
        <p role="alert" className="form-error">
          {error.message}
        </p>
      ) : null}
    </section>
  );
}
