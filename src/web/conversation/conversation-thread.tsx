import { useRef, type ReactNode } from 'react';
import type { ConversationDetail, Mention, Reply } from '../../api/contract.ts';
import type { Mentionable } from '../../domain/teammate-mentions.ts';
import { formatAbsolute } from '../text/format-time.ts';
import { MentionTools } from './mention-tools.tsx';
import { ReplyItem } from './reply-item.tsx';
import { MentionItem, NoteItem } from './timeline-items.tsx';
import { buildTimeline, describeEvent } from './timeline.ts';
import { useNewestInView } from './use-newest-in-view.ts';

type ConversationThreadProps = {
  workspaceId: string;
  userId: string;
  detail: ConversationDetail;
  members: Mentionable[];
  nameOf: (id: string | null) => string;
  teamNameOf: (id: string) => string;
  /** The customer post the composer answers, when the agent chose one. */
  replyToId: string | null;
  onReplyTo: (mention: Mention) => void;
  onEdit: (reply: Reply) => void;
  /** Shown after the newest post (the "answered elsewhere" panels). */
  children?: ReactNode;
};

/**
 * Posts, replies, notes and history, oldest first: the newest sits at the bottom, just above
 * the composer, and stays in view there as the thread grows.
 */
export function ConversationThread(props: ConversationThreadProps) {
  const { workspaceId, detail, nameOf } = props;
  const box = useRef<HTMLElement>(null);
  const onScroll = useNewestInView(box);
  const mentionsById = new Map(detail.mentions.map((mention) => [mention.id, mention]));
  return (
    // Focusable, so the thread scrolls by keyboard where it is its own scroll box.
    <section
      ref={box}
      className="conversation__thread"
      aria-label="Thread"
      tabIndex={0}
      onScroll={onScroll}
    >
      <ol className="thread">
        {buildTimeline(detail).map((entry) => (
          <li key={entry.key}>
            {entry.kind === 'mention' ? (
              <>
                <MentionItem
                  mention={entry.mention}
                  onReplyTo={props.onReplyTo}
                  chosen={entry.mention.id === props.replyToId}
                />
                {entry.mention.fromBrand ? null : (
                  <MentionTools workspaceId={workspaceId} mention={entry.mention} />
                )}
              </>
            ) : entry.kind === 'reply' ? (
              <ReplyItem
                reply={entry.reply}
                answered={
                  entry.reply.inReplyToMentionId
                    ? mentionsById.get(entry.reply.inReplyToMentionId)
                    : undefined
                }
                authorName={nameOf(entry.reply.authorId)}
                workspaceId={workspaceId}
                userId={props.userId}
                onEdit={props.onEdit}
              />
            ) : entry.kind === 'note' ? (
              <NoteItem
                note={entry.note}
                authorName={nameOf(entry.note.authorId)}
                members={props.members}
              />
            ) : (
              <p className="thread-event muted">
                {describeEvent(entry.event, nameOf, props.teamNameOf)} ·{' '}
                <time dateTime={entry.at}>{formatAbsolute(entry.at)}</time>
              </p>
            )}
          </li>
        ))}
      </ol>
      {props.children}
    </section>
  );
}
