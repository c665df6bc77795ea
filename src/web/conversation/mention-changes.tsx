import type { Mention } from '../../api/contract.ts';
import { formatAbsolute } from '../text/format-time.ts';
import { LongText } from '../text/long-text.tsx';

/** "Deleted by author" and "Edited" marks on a post, with the time the author did it. */
export function MentionChangeBadges({ mention }: { mention: Mention }) {
  return (
    <>
      {mention.deletedAt ? (
        <span className="badge badge--deleted">
          Deleted by author ·{' '}
          <time dateTime={mention.deletedAt}>{formatAbsolute(mention.deletedAt)}</time>
        </span>
      ) : null}
      {mention.editedAt ? (
        <span className="badge badge--edited">
          Edited · <time dateTime={mention.editedAt}>{formatAbsolute(mention.editedAt)}</time>
        </span>
      ) : null}
    </>
  );
}

/** The words the author replaced by editing, oldest first: kept for agents, never on the network. */
export function EarlierVersions({ mention }: { mention: Mention }) {
  if (mention.edits.length === 0) return null;
  return (
    <details className="message__versions">
      <summary>
        {mention.edits.length === 1
          ? 'Earlier version'
          : `${mention.edits.length} earlier versions`}
      </summary>
      <ol>
        {mention.edits.map((edit, index) => (
          <li key={index}>
            <LongText text={edit.text} className="message__version-text" />
            <span className="muted">
              Replaced <time dateTime={edit.replacedAt}>{formatAbsolute(edit.replacedAt)}</time>
            </span>
          </li>
        ))}
      </ol>
    </details>
  );
}
