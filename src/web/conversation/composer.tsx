import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useConversationActions } from '../api/queries.ts';
import type { Mention, Presence } from '../../api/contract.ts';
import { takeComposerFocusRequest } from '../keyboard/focus.ts';
import { isImportedNetwork } from '../../domain/answered-elsewhere.ts';
import { allowsPrivateReply, replyLengthLimit } from '../../domain/network.ts';
import { countGraphemes } from '../../domain/tone-check.ts';
import { CannedPicker } from './canned-picker.tsx';
import { ApprovalNotice, useApprovalForecast } from './composer-approval.tsx';
import { CollisionWarning, useCollisionCheck, type Answer, type Collision } from './collision.tsx';
import { NoteMentionBox } from './note-mention-box.tsx';
import { ReplyingTo } from './reply-target.tsx';
import { formatAbsolute, formatRelative } from '../text/format-time.ts';
import { UserText } from '../text/user-text.tsx';
import { ToneAdvice } from './tone-advice.tsx';

type Mode = 'public' | 'private' | 'note';

const modes: { mode: Mode; label: string }[] = [
  { mode: 'public', label: 'Public reply' },
  { mode: 'private', label: 'Private message' },
  { mode: 'note', label: 'Internal note' },
];

/** A reply to put back in the box (a rejected one, to rewrite); a new `key` each time. */
export type ComposerSeed = { key: string; text: string; visibility: 'public' | 'private' };

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
  seed?: ComposerSeed | null;
  /** The customer wrote privately (a DM): answer privately unless the agent picks public. */
  privateByDefault?: boolean;
  /** The post the agent chose to answer; null answers the customer's newest post. */
  replyingTo?: Mention | null;
  onClearReplyingTo?: () => void;
  /** The customer's newest post: what a reply answers when the agent chose none. */
  newestPost?: Mention | null;
  /** The SLA clock (time left or how late), shown beside the send button's context. */
  sla?: ReactNode;
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
  seed,
  privateByDefault = false,
  replyingTo = null,
  onClearReplyingTo = () => {},
  newestPost = null,
  sla = null,
}: ComposerProps) {
  const actions = useConversationActions(workspaceId, conversationId);
  // An imported conversation has no account to answer with: notes only (see AnsweredElsewhere).
  const canReply = !isImportedNetwork(network);
  const canGoPrivate = allowsPrivateReply(network);
  const replyMode = privateByDefault && canGoPrivate ? 'private' : 'public';
  const [mode, setMode] = useState<Mode>(canReply ? replyMode : 'note');
  const [text, setText] = useState('');
  const [collision, setCollision] = useState<Collision | null>(null);
  const collisions = useCollisionCheck(answers, others, userId);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (takeComposerFocusRequest()) box.current?.focus();
  }, []);
  // Answering another post (a DM, a public post) switches the default, not a note being written.
  useEffect(() => {
    setMode((current) => (current === 'note' || !canReply ? current : replyMode));
  }, [replyMode, canReply]);
  useEffect(() => {
    if (!seed) return;
    setText(seed.text);
    setMode(seed.visibility === 'private' && canGoPrivate ? 'private' : 'public');
    box.current?.focus();
  }, [seed, canGoPrivate]);
  const ids = { text: useId(), count: useId(), error: useId(), tone: useId(), wait: useId() };
  const limit = mode === 'note' ? null : replyLengthLimit(network, mode);
  const length = countGraphemes(text);
  const tooLong = limit !== null && length > limit;
  const privateLimit = canGoPrivate ? replyLengthLimit(network, 'private') : null;
  // Too long to post in public but fits a private message: offer the move.
  const privateFits =
    mode === 'public' && tooLong && privateLimit !== null && length <= privateLimit;
  const waitsFor = useApprovalForecast({
    workspaceId,
    userId,
    text,
    network,
    visibility: mode,
    answersComplaint,
  });
  const mutation = mode === 'note' ? actions.note : actions.reply;
  const pending = actions.note.isPending || actions.reply.isPending;

  const send = () => {
    setCollision(null);
    const done = {
      onSuccess: () => {
        setText('');
        collisions.reset();
        if (mode !== 'note') onClearReplyingTo();
      },
    };
    if (mode === 'note') actions.note.mutate(text, done);
    else {
      const target = replyingTo ? { inReplyTo: replyingTo.id } : {};
      actions.reply.mutate({ text, visibility: mode, ...target }, done);
    }
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
        {modes
          .filter((option) => option.mode === 'note' || canReply)
          .filter((option) => option.mode !== 'private' || canGoPrivate)
          .map((option) => (
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
      {mode !== 'note' && replyingTo ? (
        <ReplyingTo mention={replyingTo} onClear={onClearReplyingTo} />
      ) : mode !== 'note' && newestPost ? (
        <p className="composer__answering muted">
          {/* Not the post's words again: the thread shows them right above. */}
          Replying to the newest post by <UserText text={`@${newestPost.author.handle}`} />, from{' '}
          <time dateTime={newestPost.postedAt} title={formatAbsolute(newestPost.postedAt)}>
            {formatRelative(newestPost.postedAt, Date.now())}
          </time>
          ; choose another with its Reply button
        </p>
      ) : null}
      {mode !== 'note' && sla ? <p className="composer__sla">{sla}</p> : null}
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
      <NoteMentionBox
        workspaceId={workspaceId}
        offerTeammates={mode === 'note'}
        onPick={setText}
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
        aria-describedby={`${ids.count} ${ids.error} ${ids.tone} ${ids.wait}`}
        aria-invalid={tooLong || undefined}
      />
      <ToneAdvice
        id={ids.tone}
        text={mode === 'note' ? '' : text}
        network={network}
        answersComplaint={answersComplaint}
      />
      {privateFits ? (
        <p className="composer__move">
          Too long for a public reply; a private message takes up to {privateLimit} characters.{' '}
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              setMode('private');
              box.current?.focus();
            }}
          >
            Move to a private message
          </button>
        </p>
      ) : null}
      <ApprovalNotice id={ids.wait} reasons={waitsFor} />
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
              ? mode === 'private'
                ? 'Too long for a private message on this network.'
                : 'Too long for a public reply on this network.'
              : ''}
        </span>
        <button
          type="submit"
          className="button button--primary"
          disabled={pending || !text.trim() || tooLong}
        >
          {pending
            ? 'Sending…'
            : mode === 'note'
              ? 'Add note'
              : waitsFor.length > 0
                ? 'Send for approval'
                : 'Send reply'}
        </button>
      </div>
    </form>
  );
}
