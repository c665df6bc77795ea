import type { ReactNode } from 'react';
import type { ConversationDetail, Mention } from '../../api/contract.ts';
import { DueTime } from '../text/due-time.tsx';
import { priorityLabel, sentimentLabels } from '../text/labels.ts';
import { UserText } from '../text/user-text.tsx';
import { useRouting } from './conversation-extras-api.ts';
import { ConversationTags } from './conversation-tags.tsx';
import { CustomerHistory } from './customer-history.tsx';
import { FollowUp } from './follow-up.tsx';
import { triageReasons } from './mention-tools.tsx';
import { PrivacyActions } from './privacy-actions.tsx';

type ConversationContextProps = {
  workspaceId: string;
  conversation: ConversationDetail['conversation'];
  /** The customer's newest post: its triage reasons explain the priority. */
  latestCustomerPost: Mention | null;
  now: number;
  /** Shown first (the care pickers, on a wide screen). */
  children?: ReactNode;
};

/**
 * What an agent checks beside the thread: why it was triaged and routed this way, the SLA
 * clock, tags, a follow-up, the customer's other conversations and their privacy requests.
 * The third pane on a wide screen; after the composer on a narrow one.
 */
export function ConversationContext(props: ConversationContextProps) {
  const { workspaceId, conversation, latestCustomerPost } = props;
  const reasons = latestCustomerPost ? triageReasons(latestCustomerPost) : [];
  const clockRuns =
    (conversation.dueAt ?? conversation.firstResponseDueAt) !== null &&
    conversation.status !== 'resolved' &&
    conversation.needsReply;
  const sentiment = conversation.sentiment as keyof typeof sentimentLabels | null;
  return (
    <section className="conversation-context" aria-label="About this conversation">
      {props.children}
      <section className="context-box" aria-labelledby="context-triage-title">
        <h2 id="context-triage-title" className="context-box__title">
          Triage
        </h2>
        <dl className="context-facts">
          <dt>Priority</dt>
          <dd>{priorityLabel(conversation.priority)}</dd>
          <dt>Sentiment</dt>
          <dd>{sentiment ? (sentimentLabels[sentiment] ?? sentiment) : 'Not labelled'}</dd>
          <dt>SLA</dt>
          <dd>
            {clockRuns ? (
              <DueTime conversation={conversation} now={props.now} />
            ) : (
              'No clock running'
            )}
          </dd>
        </dl>
        {reasons.length > 0 ? (
          <>
            <h3 className="context-box__subtitle">Why this priority</h3>
            <ul className="context-reasons">
              {reasons.map((reason, index) => (
                <li key={index}>
                  <UserText text={reason} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <RoutingReason workspaceId={workspaceId} conversationId={conversation.id} />
      </section>
      <ConversationTags workspaceId={workspaceId} conversation={conversation} />
      <FollowUp workspaceId={workspaceId} conversationId={conversation.id} />
      <CustomerHistory
        workspaceId={workspaceId}
        conversationId={conversation.id}
        contactId={conversation.contact.id}
      />
      <PrivacyActions workspaceId={workspaceId} contactId={conversation.contact.id} />
    </section>
  );
}

function RoutingReason({
  workspaceId,
  conversationId,
}: {
  workspaceId: string;
  conversationId: string;
}) {
  const routing = useRouting(workspaceId, conversationId);
  const reason = routing.data?.reason;
  if (!reason) return null;
  return (
    <p className="conversation__routing muted">
      <UserText text={reason.charAt(0).toUpperCase() + reason.slice(1)} />
    </p>
  );
}
