import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { request, ws } from '../api/client.ts';
import { keys } from '../api/queries.ts';
import type { ConversationDetail, ConversationSummary } from '../../api/contract.ts';
import { safeHref } from '../text/safe-href.ts';
import { useReplyPermissions } from './reply-client.ts';

type Props = { workspaceId: string; detail: ConversationDetail };

/** Records that the conversation was answered outside Earshot (with a note or the reply's text). */
export function useMarkAnsweredElsewhere(
  workspaceId: string,
  conversationId: string,
  onDone: () => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { note?: string; reply?: string }) =>
      request<ConversationSummary>(
        'POST',
        `${ws(workspaceId)}/conversations/${encodeURIComponent(conversationId)}/answered-elsewhere`,
        body,
      ),
    onSuccess: () => {
      onDone();
      return queryClient.invalidateQueries({ queryKey: keys.conversations(workspaceId) });
    },
  });
}

/**
 * An imported conversation (from `earshot import`) has no connected account Earshot could answer
 * with: the agent answers on the network, through the post's link, then marks it answered
 * elsewhere, which stops the wait and counts as the first response in the reports.
 */
export function AnsweredElsewhere({ workspaceId, detail }: Props) {
  const { conversation } = detail;
  // Agents and above: a viewer reads only.
  const canAct = useReplyPermissions(workspaceId).retry;
  const [note, setNote] = useState('');
  const mark = useMarkAnsweredElsewhere(workspaceId, conversation.id, () => setNote(''));
  const latest = detail.mentions.filter((mention) => !mention.fromBrand).at(-1);
  const href = safeHref(latest?.url);
  return (
    <section className="answered-elsewhere" aria-label="Answer on the network">
      <p>
        <strong>Imported — answer on the network.</strong> Earshot has no connected account for this
        conversation, so a reply from here could not be sent.{' '}
        {href ? (
          <a href={href} target="_blank" rel="noopener noreferrer">
            Open the post
          </a>
        ) : (
          <span className="muted">The import gave no link to the post.</span>
        )}
      </p>
      {!canAct ? null : conversation.needsReply ? (
        <form
          className="answered-elsewhere__form"
          aria-label="Mark as answered elsewhere"
          onSubmit={(event) => {
            event.preventDefault();
            mark.mutate(note.trim() ? { note: note.trim() } : {});
          }}
        >
          <label htmlFor="answered-elsewhere-note">How it was answered (optional)</label>
          <input
            id="answered-elsewhere-note"
            maxLength={500}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
          <button type="submit" className="button button--primary" disabled={mark.isPending}>
            Mark as answered elsewhere
          </button>
          <p role="alert" className="form-error">
            {mark.error ? mark.error.message : ''}
          </p>
        </form>
      ) : (
        <p role="status" className="muted">
          Answered — nothing waits for a reply.
        </p>
      )}
    </section>
  );
}
