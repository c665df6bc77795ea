import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useConversationActions } from '../api/queries.ts';
import type { Presence } from '../api/types.ts';
import { takeComposerFocusRequest } from '../keyboard/focus.ts';
import { replyLengthLimits, type Network } from '../../domain/network.ts';
import { countGraphemes } from '../../domain/tone-check.ts';
import { CannedPicker } from './canned-picker.tsx';
import { CollisionWarning, useCollisionCheck, type Answer, type Collision } from './collision.tsx';
import { ToneAdvice } from './tone-advice.tsx';

type Mode = 'public' | 'private' | 'note';

const modes: { mode: Mode; label: string }[] = [
  { mode: 'public', label: 'Public reply' },
  { mode: 'private', label: 'Private message' },
  { mode: 'note', label: 'Internal note' },
];

type ComposerProps = {
  workspaceId: string;
  conversationId: string;
  network: string;
  /** Whether the customer complained: the tone check then expects an apology. */
  answersComplaint: boolean;
  userId: string;
  /** What the customer already got (for the second-reply warning) and who else is here. */
  answers: Answer[];
  others: Presence[];
  nameOf: (userId: string | null) => string;
  /** Called on each key press in the box (tells teammates "typing"). */
  onTyping: () => void;
};

export function Composer({
  workspaceId,
  conversationId,
  network,
  answersComplaint,
  userId,
  answers,
  others,
  nameOf,
  onTyping,
}: ComposerProps) {
  const actions = useConversationActions(workspaceId, conversationId);
  const [mode, setMode] = useState<Mode>('public');
  const [text, setText] = useState('');
  const [collision, setCollision] = useState<Collision | null>(null);
  const collisions = useCollisionCheck(answers, others, userId);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (takeComposerFocusRequest()) box.current?.focus();
  }, []);
  const ids = { text: useId(), count: useId(), error: useId(), tone: useId() };
  const limit = mode === 'note' ? null : (replyLengthLimits[network as Network] ?? null);
  const length = countGraphemes(text);
  const tooLong = limit !== null && length > limit;
  const mutation = mode === 'note' ? actions.note : actions.reply;
  const pending = actions.note.isPending || actions.reply.isPending;

  const send = () => {
    setCollision(null);
    const done = {
      onSuccess: () => {
        setText('');
        collisions.reset();
      },
    };
    if (mode === 'note') actions.note.mutate(text, done);
    else actions.reply.mutate({ text, visibility: mode }, done);
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!text.trim() || tooLong) return;
    // A note never reaches the customer; a reply might be the second one: ask first.
    const found = mode === 'note' ? null : collisions.check();
    if (found && (found.answeredBy.length > 0 || found.typing.length > 0)) setCollision(found);
    else send();
  };

  return (
    <form
      className={`composer composer--${mode}`}
      onSubmit={onSubmit}
      aria-label="Reply or add a note"
    >
      <fieldset className="composer__modes">
        <legend className="visually-hidden">Send as</legend>
        {modes.map((option) => (
          <label key={option.mode} className="composer__mode">
            <input
              type="radio"
              name="composer-mode"
              value={option.mode}
              checked={mode === option.mode}
              onChange={() => setMode(option.mode)}
            />
            {option.label}
          </label>
        ))}
      </fieldset>
      {mode === 'note' ? null : (
        <CannedPicker
          workspaceId={workspaceId}
          conversationId={conversationId}
          onInsert={(inserted) => {
            setText(inserted);
            collisions.begin();
            box.current?.focus();
          }}
        />
      )}
      <label htmlFor={ids.text} className="visually-hidden">
        {mode === 'note' ? 'Note for your team' : 'Reply text'}
      </label>
      <textarea
        id={ids.text}
        rows={4}
        ref={box}
        data-composer-text
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          collisions.begin();
          if (mode !== 'note') onTyping();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') event.currentTarget.blur();
        }}
        placeholder={mode === 'note' ? 'Only your team sees notes' : 'Write your reply'}
        aria-describedby={`${ids.count} ${ids.error} ${ids.tone}`}
        aria-invalid={tooLong || undefined}
      />
      <ToneAdvice
        id={ids.tone}
        text={mode === 'note' ? '' : text}
        network={network}
        answersComplaint={answersComplaint}
      />
      {collision ? (
        <CollisionWarning
          collision={collision}
          nameOf={nameOf}
          onSend={send}
          onCancel={() => {
            // What was shown now counts as seen: only something newer warns again.
            setCollision(null);
            collisions.reset();
            collisions.begin();
            box.current?.focus();
          }}
        />
      ) : null}
      <div className="composer__footer">
        <span
          id={ids.count}
          className={tooLong ? 'char-count char-count--over' : 'char-count muted'}
        >
          {limit === null ? `${length} characters` : `${length} / ${limit} characters`}
        </span>
        <span id={ids.error} role="alert" className="form-error">
          {mutation.error
            ? `Not sent: ${mutation.error.message}`
            : tooLong
              ? 'Too long for this network.'
              : ''}
        </span>
        <button
          type="submit"
          className="button button--primary"
          disabled={pending || !text.trim() || tooLong}
        >
          {pending ? 'Sending…' : mode === 'note' ? 'Add note' : 'Send reply'}
        </button>
      </div>
    </form>
  );
}
