import { useConversation } from '../api/queries.ts';
import { formatAbsolute } from '../text/format-time.ts';
import { LongText } from '../text/long-text.tsx';

/**
 * The whole conversation a reviewed reply belongs to, customer posts and team replies in order,
 * all as text; the reply under review is marked.
 */
export function ReviewThread({
  workspaceId,
  conversationId,
  replyId,
}: {
  workspaceId: string;
  conversationId: string;
  replyId: string;
}) {
  const detail = useConversation(workspaceId, conversationId);
  if (detail.isPending) return <p className="muted">Loading the thread…</p>;
  if (detail.isError)
    return (
      <p role="alert" className="form-error">
        The thread did not load: {detail.error.message}
      </p>
    );
  const posts = [
    ...detail.data.mentions.map((m) => ({
      id: m.id,
      at: m.postedAt,
      who: `@${m.author.handle}`,
      text: m.text,
      reviewed: false,
    })),
    ...detail.data.replies
      .filter((r) => r.sentAt !== null)
      .map((r) => ({
        id: r.id,
        at: r.sentAt!,
        who: 'Team',
        text: r.text,
        reviewed: r.id === replyId,
      })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <ol className="review-thread" aria-label="The thread">
      {posts.map((post) => (
        <li key={post.id} className={post.reviewed ? 'review-thread__reviewed' : undefined}>
          <span className="muted">
            {post.who} · <time dateTime={post.at}>{formatAbsolute(post.at)}</time>
            {post.reviewed ? ' · the reply under review' : ''}
          </span>
          <LongText text={post.text} className="review-thread__text" />
        </li>
      ))}
    </ol>
  );
}
