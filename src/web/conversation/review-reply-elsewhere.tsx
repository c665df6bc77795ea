import { useEffect, useState } from 'react';
import type { ConversationDetail } from '../../api/contract.ts';
import { safeHref } from '../text/safe-href.ts';
import { useMarkAnsweredElsewhere } from './answered-elsewhere.tsx';
import { useReplyPermissions } from './reply-client.ts';

type Props = { workspaceId: string; detail: ConversationDetail };

const draftKey = (conversationId: string) => `earshot:review-reply:${conversationId}`;

function readDraft(conversationId: string): string {
  try {
    return sessionStorage.getItem(draftKey(conversationId)) ?? '';
  } catch {
    return '';
  }
}

function keepDraft(conversationId: string, text: string): void {
  try {
    if (text) sessionStorage.setItem(draftKey(conversationId), text);
    else sessionStorage.removeItem(draftKey(conversationId));
  } catch {
    // Storage refused (private mode, full): the text stays in the box while the page is open.
  }
}

/**
 * A review from a site Earshot cannot answer through (an imported review: Yelp, Trustpilot…):
 * the agent writes the reply here, posts it on the site from the review's link, and marks it
 * answered, which records the reply and its time as the answer (response time, answered share).
 * The text is kept while the agent is on the site, across reloads of the tab.
 */
export function ReviewReplyElsewhere({ workspaceId, detail }: Props) {
  const { conversation } = detail;
  const canAct = useReplyPermissions(workspaceId).retry;
  const [text, setText] = useState(() => readDraft(conversation.id));
  useEffect(() => keepDraft(conversation.id, text), [conversation.id, text]);
  const mark = useMarkAnsweredElsewhere(workspaceId, conversation.id, () => setText(''));
  const review = detail.mentions.filter((mention) => !mention.fromBrand).at(-1);
  const site = review?.rating?.site ?? 'the site';
  const href = safeHref(review?.url);
  return (
    <section className="answered-elsewhere" aria-label="Reply on the review site">
      <p>
        <strong>{`Earshot cannot post replies to ${site}`}</strong>: the site offers no reply API.
        Write your reply here, post it on the site, then mark the review as answered; the reply and
        the time are kept as the answer.{' '}
        {href ? (
          <a href={href} target="_blank" rel="noopener noreferrer">
            Open the review on the site
            <span className="visually-hidden"> (opens in a new tab)</span>
          </a>
        ) : (
          <span className="muted">The import gave no link to the review.</span>
        )}
      </p>
      {!canAct ? null : conversation.needsReply ? (
        <form
          className="answered-elsewhere__form answered-elsewhere__form--reply"
          aria-label="Mark the review as answered"
          onSubmit={(event) => {
            event.preventDefault();
            mark.mutate(text.trim() ? { reply: text.trim() } : {});
          }}
        >
          <label htmlFor="review-reply-text">Your reply, as posted on the site</label>
          <textarea
            id="review-reply-text"
            rows={4}
            maxLength={10_000}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          <button type="submit" className="button button--primary" disabled={mark.isPending}>
            Mark as answered
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
