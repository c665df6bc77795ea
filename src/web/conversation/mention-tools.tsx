import { useId, useState, type FormEvent } from 'react';
import type { Mention, TriageCorrection } from '../../api/contract.ts';
import { UserText } from '../text/user-text.tsx';
import {
  INTENT_LABELS,
  SENTIMENT_LABELS,
  SOCIAL_INTENT_LABELS,
} from '../../domain/triage-labels.ts';
import { useMentionActions, useMentionTriage } from './conversation-extras-api.ts';

/** The triage result stored with a mention at intake (only the reasons are read here). */
export function triageReasons(mention: Mention): string[] {
  const triage = (mention as Mention & { triage?: unknown }).triage;
  if (!triage || typeof triage !== 'object' || !('reasons' in triage)) return [];
  const reasons = (triage as { reasons: unknown }).reasons;
  return Array.isArray(reasons) ? reasons.filter((r): r is string => typeof r === 'string') : [];
}

const human = (label: string | null) => (label ? label.replaceAll('_', ' ') : 'not labelled');

function Label({
  name,
  model,
  correction,
}: {
  name: string;
  model: string | null;
  correction: TriageCorrection | null;
}) {
  return (
    <span className="triage-label" data-field={name.toLowerCase().replaceAll(' ', '-')}>
      {name}:{' '}
      {correction ? (
        <>
          <strong className="triage-label__corrected">{human(correction.label)}</strong>{' '}
          <span className="muted">
            (corrected by <UserText text={correction.correctedBy.name ?? 'a teammate'} />; model
            said {human(model)})
          </span>
        </>
      ) : (
        <span className="triage-label__model">{human(model)}</span>
      )}
    </span>
  );
}

/** Triage labels with their reasons, a correction form, and promote / praise actions. */
export function MentionTools({ workspaceId, mention }: { workspaceId: string; mention: Mention }) {
  const triage = useMentionTriage(workspaceId, mention.id);
  const actions = useMentionActions(workspaceId, mention.id);
  const [editing, setEditing] = useState(false);
  const [sentiment, setSentiment] = useState('');
  const [intent, setIntent] = useState('');
  const [socialIntent, setSocialIntent] = useState('');
  const [spam, setSpam] = useState('');
  const [message, setMessage] = useState('');
  const ids = { sentiment: useId(), intent: useId(), socialIntent: useId(), spam: useId() };
  const reasons = triageReasons(mention);
  const error = actions.correct.error ?? actions.promote.error ?? actions.praise.error;

  const onCorrect = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = {
      ...(sentiment ? { sentiment } : {}),
      ...(intent ? { intent } : {}),
      ...(socialIntent ? { socialIntent } : {}),
      ...(spam ? { spam: spam === 'yes' } : {}),
    };
    if (Object.keys(body).length === 0) return;
    actions.correct.mutate(body, {
      onSuccess: () => {
        setEditing(false);
        setMessage('Triage corrected.');
      },
    });
  };
  const promote = () => {
    const title = mention.text.trim().slice(0, 80) || 'Idea from a mention';
    actions.promote.mutate(title, {
      onSuccess: (idea) => setMessage(`Promoted to an idea: “${idea.title}”.`),
    });
  };
  const star = () =>
    actions.praise.mutate(undefined, { onSuccess: () => setMessage('Starred as praise.') });

  return (
    <div className="mention-tools">
      {triage.data ? (
        <p className="triage-labels">
          <Label
            name="Sentiment"
            model={triage.data.model.sentiment}
            correction={triage.data.corrections.sentiment}
          />
          <Label
            name="Author is"
            model={triage.data.model.socialIntent}
            correction={triage.data.corrections.socialIntent}
          />
          <Label
            name="Intent"
            model={triage.data.model.intent}
            correction={triage.data.corrections.intent}
          />
        </p>
      ) : null}
      {triage.data?.shown.socialIntent === 'idea' ? (
        <p className="muted mention-tools__hint">This reads as an idea: promote it to the board.</p>
      ) : null}
      {reasons.length > 0 ? (
        <ul className="triage-reasons" aria-label="Why triage said so">
          {reasons.map((reason) => (
            <li key={reason}>
              <UserText text={reason} />
            </li>
          ))}
        </ul>
      ) : null}
      <div className="mention-tools__actions">
        <button type="button" className="button button--small" onClick={() => setEditing(!editing)}>
          Correct triage
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={promote}
          disabled={actions.promote.isPending}
        >
          Promote to idea
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={star}
          disabled={actions.praise.isPending}
        >
          Star as praise
        </button>
      </div>
      {editing ? (
        <form className="triage-correction" onSubmit={onCorrect} aria-label="Correct triage">
          <label htmlFor={ids.sentiment}>Sentiment</label>
          <select
            id={ids.sentiment}
            value={sentiment}
            onChange={(e) => setSentiment(e.target.value)}
          >
            <option value="">Keep</option>
            {SENTIMENT_LABELS.map((label) => (
              <option key={label} value={label}>
                {label}
              </option>
            ))}
          </select>
          <label htmlFor={ids.socialIntent}>Author is</label>
          <select
            id={ids.socialIntent}
            value={socialIntent}
            onChange={(e) => setSocialIntent(e.target.value)}
          >
            <option value="">Keep</option>
            {SOCIAL_INTENT_LABELS.map((label) => (
              <option key={label} value={label}>
                {label}
              </option>
            ))}
          </select>
          <label htmlFor={ids.spam}>Spam</label>
          <select id={ids.spam} value={spam} onChange={(e) => setSpam(e.target.value)}>
            <option value="">Keep</option>
            <option value="yes">spam</option>
            <option value="no">not spam</option>
          </select>
          <label htmlFor={ids.intent}>Intent</label>
          <select id={ids.intent} value={intent} onChange={(e) => setIntent(e.target.value)}>
            <option value="">Keep</option>
            {INTENT_LABELS.map((label) => (
              <option key={label} value={label}>
                {human(label)}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--primary button--small">
            Save correction
          </button>
        </form>
      ) : null}
      <ActionOutcome className="mention-tools__message" message={message} error={error} />
    </div>
  );
}

type ActionOutcomeProps = { className: string; message: string; error: Error | null };

/** What the last action did, announced politely, and its error, announced at once. */
export function ActionOutcome({ className, message, error }: ActionOutcomeProps) {
  return (
    <>
      <p role="status" className={className}>
        {message}
      </p>
      {error ? (
        <p role="alert" className="form-error">
          {error.message}
        </p>
      ) : null}
    </>
  );
}
