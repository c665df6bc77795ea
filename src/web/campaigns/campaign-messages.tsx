import { useState } from 'react';
import type { FormEvent } from 'react';
import type { CampaignMessageReview } from '../../api/contract.ts';
import { networkName } from '../../domain/networks.ts';
import { ChangeError } from '../settings/change-outcome.tsx';
import { formatAbsolute } from '../text/format-time.ts';
import { safeHref } from '../text/safe-href.ts';
import { UserText } from '../text/user-text.tsx';
import { cannotSendLabels } from './campaign-labels.ts';
import { useMessageReview, useSendCampaignMessages } from './campaigns-client.ts';

type Recipient = CampaignMessageReview['winners'][number];
type Props = { workspaceId: string; campaignId: string; drawId: string; canSend: boolean };

/**
 * A draw's announcement (a reply on the brand's posts) and its winners' messages (a reply on
 * each winner's share), reviewed here and sent through the outbox like any reply.
 */
export function CampaignMessages(props: Props) {
  const [template, setTemplate] = useState('');
  const review = useMessageReview(props.workspaceId, props.campaignId, props.drawId, template);
  if (review.isError) {
    return (
      <p role="alert" className="form-error">
        The messages did not load: {review.error.message}
      </p>
    );
  }
  if (!review.data) return <p className="muted">Loading the messages…</p>;
  return (
    <div className="campaign-messages">
      <Announcement {...props} review={review.data} />
      <WinnerMessages
        key={review.data.template}
        {...props}
        review={review.data}
        onTemplate={setTemplate}
      />
      <MessageHistory review={review.data} />
    </div>
  );
}

function Status({ recipient }: { recipient: Recipient }) {
  if (recipient.message?.outcome === 'sent') {
    return <span className="badge">sent · reply {recipient.message.replyStatus ?? 'gone'}</span>;
  }
  if (recipient.message) {
    const reason = recipient.message.reason;
    return <span className="badge">not sent: {reason ? cannotSendLabels[reason] : 'unknown'}</span>;
  }
  if (recipient.cannotSend)
    return <span>Cannot be sent: {cannotSendLabels[recipient.cannotSend]}.</span>;
  return null;
}

function Announcement(props: Props & { review: CampaignMessageReview }) {
  const send = useSendCampaignMessages(props.workspaceId, props.campaignId, props.drawId);
  const [text, setText] = useState('');
  const pending = props.review.announcements.filter((a) => a.message === null);
  const id = `announce-${props.drawId}`;
  function submit(event: FormEvent) {
    event.preventDefault();
    send.mutate({ kind: 'announcement', text });
  }
  return (
    <section aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>Announcement</h4>
      <ul className="campaign-messages__list">
        {props.review.announcements.map((post) => (
          <li key={`${post.network}:${post.recipient}`}>
            Reply on the brand’s {networkName(post.network)} post <UserText text={post.recipient} />{' '}
            <Status recipient={post} />
          </li>
        ))}
      </ul>
      {props.canSend && pending.length > 0 ? (
        <form onSubmit={submit} aria-label="Announce the result">
          <div className="field">
            <label htmlFor={id}>Announcement text</label>
            <textarea id={id} rows={3} value={text} onChange={(e) => setText(e.target.value)} />
          </div>
          <button type="submit" className="button button--primary" disabled={send.isPending}>
            Announce
          </button>
          <ChangeError error={send.error} />
        </form>
      ) : null}
      {send.data?.outcome ? (
        <p role="status">
          Announced on {send.data.outcome.sent} post(s); {send.data.outcome.notSent} could not be.
        </p>
      ) : null}
    </section>
  );
}

function WinnerMessages(
  props: Props & { review: CampaignMessageReview; onTemplate(template: string): void },
) {
  const { review } = props;
  const send = useSendCampaignMessages(props.workspaceId, props.campaignId, props.drawId);
  const unsent = review.winners.filter((w) => w.message === null);
  const reachable = unsent.filter((w) => w.cannotSend === null);
  const [texts, setTexts] = useState(() => new Map(reachable.map((w) => [w.recipient, w.draft])));
  const [template, setTemplate] = useState(review.template);
  const id = `winners-${props.drawId}`;
  function submit(event: FormEvent) {
    event.preventDefault();
    send.mutate({
      kind: 'winners',
      messages: unsent.map((w) => ({
        recipient: w.recipient,
        // Who cannot be reached is recorded as not messaged, with why.
        text: w.cannotSend === null ? (texts.get(w.recipient) ?? '') : '',
      })),
    });
  }
  return (
    <section aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>Winners’ messages</h4>
      {props.canSend && unsent.length > 0 ? (
        <div className="field">
          <label htmlFor={`${id}-template`}>Message template</label>
          <textarea
            id={`${id}-template`}
            rows={2}
            value={template}
            aria-describedby={`${id}-template-hint`}
            onChange={(e) => setTemplate(e.target.value)}
          />
          <p className="muted field__hint" id={`${id}-template-hint`}>
            Uses {review.variables.map((v) => `{{${v}}}`).join(' and ')}.
          </p>
          <button type="button" className="button" onClick={() => props.onTemplate(template)}>
            Draft the messages again
          </button>
        </div>
      ) : null}
      <form onSubmit={submit} aria-label="Message the winners">
        <ul className="campaign-messages__list">
          {review.winners.map((winner) => {
            const href = safeHref(winner.url);
            const fieldId = `${id}-${winner.recipient}`;
            return (
              <li key={winner.recipient}>
                <p>
                  <strong>
                    @<UserText text={winner.handle ?? winner.recipient} />
                  </strong>{' '}
                  {href ? (
                    <a href={href} target="_blank" rel="noopener noreferrer">
                      their share
                    </a>
                  ) : null}{' '}
                  <Status recipient={winner} />
                </p>
                {props.canSend && winner.message === null && winner.cannotSend === null ? (
                  <div className="field">
                    <label htmlFor={fieldId}>
                      Message to @<UserText text={winner.handle ?? winner.recipient} />
                    </label>
                    <textarea
                      id={fieldId}
                      rows={3}
                      value={texts.get(winner.recipient) ?? ''}
                      onChange={(e) =>
                        setTexts(new Map(texts).set(winner.recipient, e.target.value))
                      }
                    />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
        {props.canSend && unsent.length > 0 ? (
          <>
            <button type="submit" className="button button--primary" disabled={send.isPending}>
              {reachable.length > 0
                ? 'Send the winners’ messages'
                : 'Record who cannot be messaged'}
            </button>
            <p className="muted">
              Replies go through the outbox like any other: approval rules apply.
            </p>
          </>
        ) : null}
        <ChangeError error={send.error} />
      </form>
      {send.data?.outcome ? (
        <p role="status">
          {send.data.outcome.sent} winner(s) messaged; {send.data.outcome.notSent} could not be.
        </p>
      ) : null}
    </section>
  );
}

function MessageHistory({ review }: { review: CampaignMessageReview }) {
  const ours = review.history.filter((m) => m.drawId === review.drawId);
  if (ours.length === 0) return null;
  return (
    <details className="campaign-messages__history">
      <summary>Sent and not sent ({ours.length})</summary>
      <ul>
        {ours.map((m) => (
          <li key={m.id}>
            {formatAbsolute(m.createdAt)} · {m.kind === 'winner' ? 'winner' : 'announcement'}{' '}
            <UserText text={m.recipientHandle ? `@${m.recipientHandle}` : m.recipient} /> ·{' '}
            {m.outcome === 'sent'
              ? `sent (reply ${m.replyStatus ?? 'gone'}${m.sentAt ? `, on the network ${formatAbsolute(m.sentAt)}` : ''})`
              : `not sent: ${m.reason ? cannotSendLabels[m.reason] : 'unknown'}`}
            {m.replyText ? (
              <>
                {' — '}
                <UserText text={m.replyText} />
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </details>
  );
}
