import { useState } from 'react';
import { UserText } from './user-text.tsx';

/** Longer than any real post: beyond this a message is shown folded until asked for. */
export const foldAfter = 4_000;

/** The first `length` UTF-16 units of `text`, without splitting a surrogate pair. */
export function cutText(text: string, length: number): string {
  const cut = text.slice(0, length);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/**
 * A message body that folds very long text (a 100 KB paste, a flood) so one post cannot make
 * the thread slow to lay out or scroll; the whole text is one click away.
 */
export function LongText({ text, className }: { text: string; className: string }) {
  const [expanded, setExpanded] = useState(false);
  const folded = !expanded && text.length > foldAfter;
  return (
    <>
      <UserText
        as="p"
        text={folded ? `${cutText(text, foldAfter)}…` : text}
        className={className}
      />
      {text.length > foldAfter ? (
        <button
          type="button"
          className="link-button"
          onClick={() => setExpanded(!expanded)}
          aria-expanded={expanded}
        >
          {expanded
            ? 'Show less'
            : `Show the whole message (${text.length.toLocaleString()} characters)`}
        </button>
      ) : null}
    </>
  );
}
