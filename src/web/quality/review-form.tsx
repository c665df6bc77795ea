import { useId, useState, type FormEvent } from 'react';
import type { Scorecard } from '../../api/contract.ts';
import { ChangeError } from '../settings/change-outcome.tsx';
import { useQualityChanges } from './quality-client.ts';

const points = [1, 2, 3, 4, 5];

/**
 * Scores one reply: a scorecard, 1–5 on each of its criteria, and a coaching note the agent
 * reads. The server computes the weighted score and refuses a reviewer's own reply.
 */
export function ReviewForm({
  workspaceId,
  replyId,
  scorecards,
}: {
  workspaceId: string;
  replyId: string;
  scorecards: Scorecard[];
}) {
  const { submitReview } = useQualityChanges(workspaceId);
  const [scorecardId, setScorecardId] = useState<string | null>(null);
  const [scores, setScores] = useState<Record<string, number>>({});
  const [note, setNote] = useState('');
  const ids = { card: useId(), note: useId() };
  // The first scorecard until one is chosen (the list may arrive, or grow, after the form).
  const card = scorecards.find((c) => c.id === scorecardId) ?? scorecards[0];
  if (!card) return <p className="muted">Make a scorecard below to review replies.</p>;
  const complete = card.criteria.every((c) => scores[c.id] !== undefined);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    submitReview.mutate({
      replyId,
      scorecardId: card.id,
      scores: card.criteria.map((c) => ({ criterionId: c.id, score: scores[c.id]! })),
      note,
    });
  };

  return (
    <form className="review-form" onSubmit={submit} aria-label="Review this reply">
      {scorecards.length > 1 ? (
        <label htmlFor={ids.card}>
          Scorecard
          <select
            id={ids.card}
            value={card.id}
            onChange={(event) => {
              setScorecardId(event.target.value);
              setScores({});
            }}
          >
            {scorecards.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {card.criteria.map((criterion) => (
        <fieldset key={criterion.id} className="review-form__criterion">
          <legend>
            {criterion.name} <span className="muted">(weight {criterion.weight})</span>
          </legend>
          {points.map((point) => (
            <label key={point} className="review-form__point">
              <input
                type="radio"
                name={`${replyId}:${criterion.id}`}
                value={point}
                checked={scores[criterion.id] === point}
                onChange={() => setScores({ ...scores, [criterion.id]: point })}
              />
              {point}
            </label>
          ))}
        </fieldset>
      ))}
      <label htmlFor={ids.note}>Coaching note (the agent reads this)</label>
      <textarea
        id={ids.note}
        rows={3}
        maxLength={5000}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      <button
        type="submit"
        className="button button--primary"
        disabled={!complete || submitReview.isPending}
      >
        Save review
      </button>
      <ChangeError error={submitReview.error} />
    </form>
  );
}
