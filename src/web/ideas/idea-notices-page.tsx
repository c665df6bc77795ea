import { useState } from 'react';
import type { FormEvent } from 'react';
import type { IdeaNoticeReview, Role } from '../../api/contract.ts';
import type { NoticeStatus } from '../../domain/idea-notices.ts';
import { networkName } from '../../domain/networks.ts';
import { Link } from '../app/link.tsx';
import { paths } from '../app/router.ts';
import { ChangeError } from '../settings/change-outcome.tsx';
import { useDocumentTitle } from '../shell/status-message.tsx';
import { UserText } from '../text/user-text.tsx';
import { ideaStatusLabels, plural } from './idea-labels.ts';
import { cannotTellLabels } from './idea-notice-labels.ts';
import { NoticeHistory } from './idea-notice-history.tsx';
import { NoticeTemplateForm } from './idea-notice-template.tsx';
import { useNoticeReview, useTellCustomers } from './idea-notices-client.ts';

type Recipient = IdeaNoticeReview['recipients'][number];

/**
 * One idea's page: telling the customers who asked for it what became of it, reviewed in one
 * screen (each reply editable, each customer left out at will), and who was told or not, and why.
 */
export function IdeaNoticesPage(props: { workspaceId: string; ideaId: string; role: Role }) {
  const review = useNoticeReview(props.workspaceId, props.ideaId);
  useDocumentTitle(review.data ? review.data.idea.title : 'Idea');
  const idea = review.data?.idea;
  return (
    <section className="settings idea-notices" aria-labelledby="page-title">
      <p>
        <Link href={paths.section(props.workspaceId, 'ideas')}>All ideas</Link>
      </p>
      <h1 id="page-title">{idea ? <UserText text={idea.title} /> : 'Idea'}</h1>
      {review.isError ? (
        <p role="alert" className="form-error">
          The idea did not load: {review.error.message}
        </p>
      ) : null}
      {review.isPending ? <p className="muted">Loading the idea…</p> : null}
      {review.data ? (
        <>
          <p>
            <span className={`badge badge--idea-${review.data.idea.status}`}>
              {ideaStatusLabels[review.data.idea.status]}
            </span>
            {review.data.idea.declinedReason ? (
              <>
                {' '}
                Declined because: <UserText text={review.data.idea.declinedReason} />
              </>
            ) : null}
          </p>
          {review.data.status ? (
            <TellCustomers
              key={`${review.data.status}:${review.data.template ?? ''}`}
              {...props}
              review={review.data}
              status={review.data.status}
            />
          ) : (
            <p className="muted">
              Customers can be told once the idea is under review, planned, done or declined.
            </p>
          )}
          <NoticeHistory review={review.data} />
        </>
      ) : null}
    </section>
  );
}

function TellCustomers(props: {
  workspaceId: string;
  ideaId: string;
  role: Role;
  review: IdeaNoticeReview;
  status: NoticeStatus;
}) {
  const { review, status } = props;
  const tell = useTellCustomers(props.workspaceId, props.ideaId);
  const untold = review.recipients.filter((r) => r.notice === null);
  const reachable = untold.filter((r) => r.cannotTell === null);
  const [texts, setTexts] = useState(
    () => new Map(reachable.map((r) => [r.conversationId, r.draft])),
  );
  const [left, setLeft] = useState<Set<string>>(() => new Set());
  const chosen = reachable.filter((r) => !left.has(r.conversationId));
  const label = ideaStatusLabels[status].toLowerCase();
  const canSend = props.role !== 'viewer';
  function submit(event: FormEvent) {
    event.preventDefault();
    const unreachable = untold.filter((r) => r.cannotTell !== null);
    tell.mutate({
      status,
      notices: [
        ...chosen.map((r) => ({
          conversationId: r.conversationId,
          text: texts.get(r.conversationId) ?? '',
        })),
        // Recorded as not told, with why, so the idea keeps who never heard back.
        ...unreachable.map((r) => ({ conversationId: r.conversationId, text: '' })),
      ],
    });
  }
  return (
    <section aria-labelledby="tell-title">
      <h2 id="tell-title">Tell customers it is {label}</h2>
      {props.role === 'admin' || props.role === 'owner' ? (
        <NoticeTemplateForm
          workspaceId={props.workspaceId}
          ideaId={props.ideaId}
          status={status}
          template={review.template ?? ''}
        />
      ) : null}
      {untold.length === 0 ? (
        <p className="muted">Everyone who asked for this idea has been told it is {label}.</p>
      ) : (
        <form onSubmit={submit} aria-label={`Tell customers it is ${label}`}>
          <ul className="settings-list idea-notices__list">
            {untold.map((recipient) => (
              <RecipientItem
                key={recipient.conversationId}
                workspaceId={props.workspaceId}
                recipient={recipient}
                text={texts.get(recipient.conversationId) ?? ''}
                included={!left.has(recipient.conversationId)}
                onText={(text) => setTexts(new Map(texts).set(recipient.conversationId, text))}
                onIncluded={(included) => {
                  const next = new Set(left);
                  if (included) next.delete(recipient.conversationId);
                  else next.add(recipient.conversationId);
                  setLeft(next);
                }}
              />
            ))}
          </ul>
          {canSend ? (
            <button
              type="submit"
              className="button button--primary"
              disabled={tell.isPending || chosen.length + untold.length - reachable.length === 0}
            >
              {chosen.length > 0
                ? `Send ${plural(chosen.length, 'reply', 'replies')}`
                : 'Record who cannot be told'}
            </button>
          ) : null}
          <p className="muted">
            Replies go through the outbox like any other: approval rules apply.
          </p>
          <ChangeError error={tell.error} />
        </form>
      )}
      {tell.data?.outcome ? (
        <p role="status">
          {plural(tell.data.outcome.told, 'customer', 'customers')} told,{' '}
          {tell.data.outcome.notTold} could not be.
        </p>
      ) : null}
    </section>
  );
}

function RecipientItem(props: {
  workspaceId: string;
  recipient: Recipient;
  text: string;
  included: boolean;
  onText(text: string): void;
  onIncluded(included: boolean): void;
}) {
  const { recipient } = props;
  const id = `notice-${recipient.conversationId}`;
  return (
    <li className="settings-card idea-notice">
      <p>
        <strong>
          <UserText text={recipient.customerName} />
        </strong>{' '}
        <span className="muted">
          @<UserText text={recipient.authorHandle} /> on {networkName(recipient.network)}
          {recipient.visibility === 'private' ? ', privately' : ''} ·{' '}
          <Link href={paths.conversation(props.workspaceId, recipient.conversationId)}>
            Open the conversation
          </Link>
        </span>
      </p>
      <UserText as="p" className="idea-notice__post" text={recipient.text} />
      {recipient.cannotTell ? (
        <p className="idea-notice__cannot">
          Cannot be told: {cannotTellLabels[recipient.cannotTell]}.
        </p>
      ) : (
        <>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={props.included}
              onChange={(event) => props.onIncluded(event.target.checked)}
            />{' '}
            Tell <UserText text={recipient.authorHandle} />
          </label>
          <div className="field">
            <label htmlFor={id}>
              Reply to <UserText text={recipient.authorHandle} />
            </label>
            <textarea
              id={id}
              rows={3}
              value={props.text}
              disabled={!props.included}
              onChange={(event) => props.onText(event.target.value)}
            />
          </div>
        </>
      )}
    </li>
  );
}
