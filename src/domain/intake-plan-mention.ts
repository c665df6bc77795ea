import { receiveCustomerMessage, recordReplySent } from './conversation.ts';
import type { Conversation } from './conversation.ts';
import { isOnlyCsatAnswer, parseCsatScore } from './csat.ts';
import { threadRoot } from './intake-batch.ts';
import type {
  AwaitingSurvey,
  CsatAnswer,
  IntakeContact,
  IntakePlan,
  IntakeRequest,
  MentionAssessment,
  PlannedConversation,
} from './intake-plan-types.ts';
import type { Mention } from './mention.ts';

/** A conversation's preview: the start of the post that opened it. */
const previewLength = 280;

/** What planIntake keeps between the mentions of one batch. */
interface IntakeState {
  /** External id → conversation, for stored posts and the ones planned so far. */
  conversationOf: Map<string, string>;
  conversationOfRoot: Map<string, string>;
  /** Stored conversations with what the batch did to them so far. */
  stored: Map<string, Conversation>;
  created: Map<string, PlannedConversation>;
  awaitingSurveys: Map<string, AwaitingSurvey>;
  latestSentiment: Map<string, string>;
}

interface Placed {
  mention: Mention;
  assessment: MentionAssessment;
  contact: IntakeContact;
}

/** Plans one fresh mention: its conversation (joined or opened), the moves it causes, its row. */
export function placeMention(
  request: IntakeRequest,
  state: IntakeState,
  plan: IntakePlan,
  { mention, assessment, contact }: Placed,
): void {
  const { now } = request;
  const threadKey = [mention.parentExternalId, mention.rootExternalId].find(
    (id) => id && state.conversationOf.has(id),
  );
  let conversationId = threadKey
    ? state.conversationOf.get(threadKey)!
    : state.conversationOfRoot.get(threadRoot(mention));
  const mentionId = request.newId();
  const opensConversation = !conversationId;
  if (!conversationId) {
    conversationId = request.newId();
    const opened = openConversation(request, conversationId, { mention, assessment, contact });
    state.created.set(conversationId, opened);
    plan.events.push({
      type: 'conversation.created',
      actor: { type: 'customer', id: contact.contactId },
      conversationId,
      data: { mentionId, network: request.network, brandId: request.brandId },
      occurredAt: now,
    });
    plan.notices.push({ type: 'conversation.created', conversationId, mentionId });
  }
  state.conversationOf.set(mention.externalId, conversationId);
  if (!state.conversationOfRoot.has(threadRoot(mention)))
    state.conversationOfRoot.set(threadRoot(mention), conversationId);
  const created = state.created.get(conversationId);
  if (created) {
    created.mentionCount += 1;
    created.conversation.priority = Math.max(created.conversation.priority, assessment.priority);
  }
  const survey = mention.fromBrand ? undefined : state.awaitingSurveys.get(conversationId);
  const csat =
    survey && !contact.blocked ? readCsatAnswer(survey, mentionId, mention.text) : undefined;
  if (csat) {
    state.awaitingSurveys.delete(conversationId);
    plan.csatAnswers.push(csat);
  }
  // Another customer's visible post brings a conversation a blocked contact started back.
  if (created && !contact.blocked && !mention.fromBrand) created.hiddenAt = null;
  if (!contact.blocked)
    moveConversation(
      state,
      plan,
      { mention, assessment, contact },
      {
        conversationId,
        mentionId,
        csat,
        now,
      },
    );
  if (!mention.fromBrand && !contact.blocked && assessment.sentiment)
    state.latestSentiment.set(conversationId, assessment.sentiment);
  if (contact.blocked) plan.blocked += 1;
  if (mention.fromBrand) plan.fromBrand += 1;
  // Blocking stops a contact's new posts at intake: kept, hidden with the block's reason.
  plan.mentions.push({
    id: mentionId,
    conversationId,
    mention,
    assessment,
    hiddenAt: contact.blocked ? now : null,
    hiddenReason: contact.blocked ? contact.blockReason : null,
  });
  // The notice that opened the conversation already names its first mention.
  if (!opensConversation) plan.notices.push({ type: 'mention.created', conversationId, mentionId });
}

/** A new conversation for a post that answers nothing stored or planned. */
function openConversation(
  request: IntakeRequest,
  id: string,
  { mention, assessment, contact }: Placed,
): PlannedConversation {
  return {
    conversation: {
      id,
      workspaceId: request.workspaceId,
      // A blocked contact's conversation arrives resolved (and hidden): nobody is given it.
      status: contact.blocked ? 'resolved' : 'new',
      priority: assessment.priority,
      teamId: null,
      assigneeId: null,
      tags: [],
      needsReply: !mention.fromBrand && assessment.needsReply,
      firstRespondedAt: null,
      snoozedUntil: null,
      resolvedAt: null,
      lastMessageAt: mention.postedAt,
      updatedAt: request.now,
    },
    contactId: contact.contactId,
    rootExternalId: threadRoot(mention),
    isPrivate: mention.isPrivate,
    sentiment: assessment.sentiment,
    preview: mention.text.slice(0, previewLength),
    isSpam: assessment.details?.['spam'] === true,
    hiddenAt: contact.blocked ? request.now : null,
    mentionCount: 0,
  };
}

/**
 * A later post moves its conversation on exactly as it would in a batch of its own: the brand's
 * post (seen on the network or in an import) answers the customer, a customer's message brings
 * the conversation back to the inbox. Only a rating answers a survey: a solved case stays solved.
 */
function moveConversation(
  state: IntakeState,
  plan: IntakePlan,
  { mention, assessment, contact }: Placed,
  at: { conversationId: string; mentionId: string; csat: CsatAnswer | undefined; now: Date },
): void {
  const created = state.created.get(at.conversationId);
  // The post that opened a conversation has nothing to move.
  const before =
    created && created.mentionCount > 1
      ? { ...created.conversation, resolvedAt: null, updatedAt: at.now }
      : state.stored.get(at.conversationId);
  if (!before || (at.csat?.onlyRating && before.status === 'resolved')) return;
  const transition = mention.fromBrand
    ? recordReplySent(
        before,
        { id: at.mentionId, sentAt: mention.postedAt },
        { type: 'system' },
        at.now,
      )
    : receiveCustomerMessage(
        before,
        { id: at.mentionId, postedAt: mention.postedAt },
        { type: 'customer', id: contact.contactId },
        at.now,
      );
  if (!transition.ok) return;
  plan.events.push(...transition.events);
  const moved = transition.conversation;
  if (created) {
    created.conversation = {
      ...created.conversation,
      status: moved.status,
      needsReply: moved.needsReply,
      firstRespondedAt: moved.firstRespondedAt,
      resolvedAt: moved.resolvedAt,
      lastMessageAt: moved.lastMessageAt,
    };
  } else {
    state.stored.set(at.conversationId, {
      ...moved,
      priority: Math.max(moved.priority, assessment.priority),
    });
  }
}

/** How a customer's message after a survey answers it. */
function readCsatAnswer(survey: AwaitingSurvey, mentionId: string, text: string): CsatAnswer {
  return { survey, mentionId, score: parseCsatScore(text), onlyRating: isOnlyCsatAnswer(text) };
}
