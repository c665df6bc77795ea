import { useState } from 'react';
import { Link } from '../app/link.tsx';
import { navigate, paths } from '../app/router.ts';
import { lastInboxSearch } from '../inbox/inbox-memory.ts';
import { usePresence } from '../api/presence.ts';
import { useTeams } from '../api/settings-queries.ts';
import { useConversation, useConversationActions, useMembers } from '../api/queries.ts';
import { StatusMessage, useDocumentTitle } from '../shell/status-message.tsx';
import { useWideScreen } from '../shell/use-wide-screen.ts';
import { DueTime } from '../text/due-time.tsx';
import { isImportedNetwork } from '../../domain/answered-elsewhere.ts';
import { networkName } from '../../domain/networks.ts';
import { priorityBand, priorityLabel, statusLabel } from '../text/labels.ts';
import { RatingBadge } from '../text/rating-badge.tsx';
import { useNow } from '../text/use-now.ts';
import { UserText } from '../text/user-text.tsx';
import { focusComposer, neighbourInInbox } from '../keyboard/focus.ts';
import { snoozeUntil } from '../keyboard/shortcuts.ts';
import { useShortcuts } from '../keyboard/use-shortcuts.ts';
import { AnsweredElsewhere } from './answered-elsewhere.tsx';
import { CareActions, openNext } from './care-actions.tsx';
import { Composer, type ComposerSeed } from './composer.tsx';
import { ConversationContext } from './conversation-context.tsx';
import { ConversationThread } from './conversation-thread.tsx';
import { useSeeMentionsIn } from './note-mentions-indicator.tsx';
import { PresenceBar } from './presence-bar.tsx';
import { ReviewReplyElsewhere } from './review-reply-elsewhere.tsx';

type ConversationPageProps = { workspaceId: string; conversationId: string; userId: string };

export function ConversationPage({ workspaceId, conversationId, userId }: ConversationPageProps) {
  const detail = useConversation(workspaceId, conversationId);
  const members = useMembers(workspaceId);
  const teams = useTeams(workspaceId);
  const now = useNow();
  const wide = useWideScreen();
  const presence = usePresence(workspaceId, conversationId, userId);
  const actions = useConversationActions(workspaceId, conversationId);
  // A rejected reply the author chose to rewrite: the composer takes its text.
  const [seed, setSeed] = useState<ComposerSeed | null>(null);
  // The customer post the agent chose to answer; null answers the newest (the default).
  const [replyToId, setReplyToId] = useState<string | null>(null);
  const contact = detail.data?.conversation.contact;
  useSeeMentionsIn(workspaceId, conversationId);
  const step = (direction: 1 | -1) => {
    const next = neighbourInInbox(workspaceId, conversationId, direction);
    if (next) navigate(paths.conversation(workspaceId, next));
  };
  useShortcuts({
    j: () => step(1),
    k: () => step(-1),
    a: () => actions.assign.mutate(userId),
    e: () =>
      actions.setStatus.mutate('resolved', {
        onSuccess: () => openNext(workspaceId, conversationId),
      }),
    s: () =>
      actions.snooze.mutate(snoozeUntil(Date.now()), {
        onSuccess: () => openNext(workspaceId, conversationId),
      }),
    p: () => actions.setStatus.mutate('pending'),
    c: () => document.querySelector<HTMLSelectElement>('select[data-care="assignee"]')?.focus(),
    r: () => void focusComposer(),
  });
  useDocumentTitle(contact ? `Conversation with @${contact.handle}` : 'Conversation');

  if (detail.isPending)
    return (
      <p role="status" className="muted">
        Loading conversation…
      </p>
    );
  if (detail.isError) {
    return (
      <StatusMessage title="Conversation not available" tone="error" inline>
        {detail.error.message}
      </StatusMessage>
    );
  }
  const { conversation } = detail.data;
  const mentionsById = new Map(detail.data.mentions.map((mention) => [mention.id, mention]));
  const replyingTo = replyToId ? (mentionsById.get(replyToId) ?? null) : null;
  const newestPost = detail.data.mentions.findLast((mention) => !mention.fromBrand) ?? null;
  // The post a reply answers: the chosen one, else the customer's newest.
  const answering = replyingTo ?? newestPost;
  const teamNameOf = (id: string) =>
    teams.data?.items.find((team) => team.id === id)?.name ?? 'another team';
  const nameOf = (id: string | null) =>
    id === userId
      ? 'You'
      : (members.data?.items.find((m) => m.userId === id)?.name ?? (id ? 'A teammate' : 'Earshot'));
  // Replies by anyone, and the brand's own posts seen on the network (no Earshot author).
  const answers = [
    ...detail.data.replies
      .filter((reply) => reply.status !== 'draft' && reply.status !== 'failed')
      .map((reply) => ({ id: reply.id, authorId: reply.authorId })),
    ...detail.data.mentions
      .filter((mention) => mention.fromBrand)
      .map((mention) => ({ id: mention.id, authorId: null })),
  ];

  return (
    <div className="conversation-layout">
      <article className="conversation" aria-labelledby="page-title">
        <p className="back-link">
          <Link href={paths.inbox(workspaceId, lastInboxSearch(workspaceId))}>← Inbox</Link>
        </p>
        <header className="conversation__header">
          <div className="conversation__title">
            <h1 id="page-title">
              <UserText
                text={conversation.contact.displayName || `@${conversation.contact.handle}`}
              />
            </h1>
            <p className="conversation__meta">
              {conversation.contact.displayName ? (
                <UserText text={`@${conversation.contact.handle}`} className="muted handle" />
              ) : null}
              <span className="badge">{networkName(conversation.network)}</span>
              <UserText text={conversation.brand.name} className="badge badge--brand" />
              <RatingBadge rating={conversation.rating} />
              <span className={`badge badge--status badge--status-${conversation.status}`}>
                {statusLabel(conversation.status)}
              </span>
              <span
                className={`badge badge--priority badge--priority-${priorityBand(conversation.priority)}`}
              >
                Priority: {priorityLabel(conversation.priority)}
              </span>
              <span className="muted">
                {conversation.assigneeId
                  ? `Assigned to ${conversation.assigneeId === userId ? 'you' : nameOf(conversation.assigneeId)}`
                  : 'Unassigned'}
              </span>
            </p>
          </div>
          <CareActions
            workspaceId={workspaceId}
            conversation={conversation}
            userId={userId}
            latestCustomerPost={newestPost}
            part={wide ? 'buttons' : 'all'}
          />
        </header>
        <PresenceBar others={presence.others} nameOf={nameOf} />
        <ConversationThread
          workspaceId={workspaceId}
          userId={userId}
          detail={detail.data}
          members={members.data?.items ?? []}
          nameOf={nameOf}
          teamNameOf={teamNameOf}
          replyToId={replyToId}
          onReplyTo={(mention) => {
            setReplyToId(mention.id);
            void focusComposer();
          }}
          onEdit={(reply) =>
            setSeed({ key: reply.id, text: reply.text, visibility: reply.visibility })
          }
        >
          {conversation.network === 'reviews' ? (
            <ReviewReplyElsewhere workspaceId={workspaceId} detail={detail.data} />
          ) : isImportedNetwork(conversation.network) ? (
            <AnsweredElsewhere workspaceId={workspaceId} detail={detail.data} />
          ) : null}
        </ConversationThread>
        <Composer
          workspaceId={workspaceId}
          conversationId={conversation.id}
          network={conversation.network}
          answersComplaint={conversation.sentiment === 'negative'}
          userId={userId}
          answers={answers}
          others={presence.others}
          nameOf={nameOf}
          onTyping={presence.typing}
          seed={seed}
          privateByDefault={answering?.isPrivate === true}
          replyingTo={replyingTo}
          onClearReplyingTo={() => setReplyToId(null)}
          newestPost={newestPost}
          sla={<DueTime conversation={conversation} now={now} />}
        />
      </article>
      <ConversationContext
        workspaceId={workspaceId}
        conversation={conversation}
        latestCustomerPost={newestPost}
        now={now}
      >
        {/* Beside the thread, the pickers leave the space above it to the conversation. */}
        {wide ? (
          <CareActions
            workspaceId={workspaceId}
            conversation={conversation}
            userId={userId}
            latestCustomerPost={newestPost}
            part="fields"
          />
        ) : null}
      </ConversationContext>
    </div>
  );
}
