import { useRef } from 'react';
import type { Presence } from '../../api/contract.ts';
import { list } from './presence-bar.tsx';

/** An answer the customer got: a reply sent from Earshot, or the brand's post seen on the network. */
export type Answer = { id: string; authorId: string | null };

/**
 * What could make a reply the second one: answers by someone else since this agent began
 * writing, and teammates typing right now. `begin` marks the start; `check` says what changed.
 */
export function useCollisionCheck(answers: Answer[], others: Presence[], userId: string) {
  const seen = useRef<Set<string> | null>(null);
  const begin = () => {
    seen.current ??= new Set(answers.map((answer) => answer.id));
  };
  const check = () => {
    const known = seen.current ?? new Set<string>();
    return {
      answeredBy: answers
        .filter((answer) => !known.has(answer.id) && answer.authorId !== userId)
        .map((answer) => answer.authorId),
      typing: others.filter((p) => p.state === 'typing').map((p) => p.userId),
    };
  };
  const reset = () => {
    seen.current = null;
  };
  return { begin, check, reset };
}

export type Collision = { answeredBy: (string | null)[]; typing: string[] };

type CollisionWarningProps = {
  collision: Collision;
  nameOf: (userId: string | null) => string;
  onSend: () => void;
  onCancel: () => void;
};

/** Asked before a second reply goes out: someone else answered, or is answering. */
export function CollisionWarning({ collision, nameOf, onSend, onCancel }: CollisionWarningProps) {
  const answered = [...new Set(collision.answeredBy.map(nameOf))];
  const typing = [...new Set(collision.typing.map(nameOf))];
  return (
    <div className="collision-warning" role="alert">
      <p>
        <strong>Someone else is on this.</strong>{' '}
        {answered.length > 0 ? `${list(answered)} replied since you started writing. ` : ''}
        {typing.length > 0
          ? `${list(typing)} ${typing.length > 1 ? 'are' : 'is'} typing a reply now. `
          : ''}
        Send yours anyway?
      </p>
      <div className="collision-warning__actions">
        <button type="button" className="button button--primary" onClick={onSend}>
          Send anyway
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Keep editing
        </button>
      </div>
    </div>
  );
}
