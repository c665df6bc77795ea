import type { Mention } from '../../api/contract.ts';
import { UserText } from '../text/user-text.tsx';

const excerptWords = 8;

/** The first few words of a post, to name it in one line ("my order still says…"). */
export function postExcerpt(text: string): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const head = words.slice(0, excerptWords).join(' ');
  return words.length > excerptWords ? `${head}…` : head;
}

/** "In reply to @maya: my order still says…": which post one of our replies answered. */
export function AnsweredPost({ mention }: { mention: Mention }) {
  return (
    <p className="reply-target muted" data-answers={mention.id}>
      In reply to <UserText text={`@${mention.author.handle}: ${postExcerpt(mention.text)}`} />
      {mention.deletedAt ? ' (since deleted by its author)' : ''}
    </p>
  );
}

type ReplyingToProps = { mention: Mention; onClear: () => void };

/** The composer's line for a post the agent chose to answer, with the way back to the default. */
export function ReplyingTo({ mention, onClear }: ReplyingToProps) {
  return (
    <p className="composer__target" role="status">
      <span>
        Replying to <UserText text={`@${mention.author.handle}: ${postExcerpt(mention.text)}`} />
      </span>{' '}
      <button type="button" className="button button--small" onClick={onClear}>
        Reply to the newest post instead
      </button>
    </p>
  );
}
