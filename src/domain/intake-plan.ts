import { placeMention } from './intake-plan-mention.ts';
import type {
  IntakeLookups,
  IntakeRequest,
  PlannedConversation,
  IntakePlan,
} from './intake-plan-types.ts';

export type {
  MentionAssessment,
  IntakeContact,
  AwaitingSurvey,
  CsatAnswer,
  IntakeLookups,
  IntakeRequest,
  PlannedConversation,
  PlannedMention,
  IntakeNotice,
  IntakePlan,
} from './intake-plan-types.ts';

/**
 * Decides a batch: each fresh mention joins the conversation of the post it answers or of its
 * thread, or opens one; a customer's message moves a stored conversation on (a resolved one
 * reopens) and the brand's own post answers it; a blocked contact's posts are kept hidden and
 * move nothing; a message after a waiting CSAT survey answers it, and one that is only a rating
 * leaves a resolved conversation resolved. Pure: what the store loaded goes in, the writes come out.
 */
export function planIntake(request: IntakeRequest, lookups: IntakeLookups): IntakePlan {
  const plan: IntakePlan = {
    conversations: [],
    mentions: [],
    touched: [],
    csatAnswers: [],
    events: [],
    notices: [],
    blocked: 0,
    fromBrand: 0,
  };
  const state = {
    conversationOf: new Map(lookups.storedConversationOf),
    conversationOfRoot: new Map(lookups.conversationOfRoot),
    stored: new Map(lookups.conversations),
    created: new Map<string, PlannedConversation>(),
    awaitingSurveys: new Map(lookups.awaitingSurveys),
    latestSentiment: new Map<string, string>(),
  };
  for (const { mention, assessment } of request.fresh) {
    const contact = lookups.contacts.get(mention.author.externalId);
    if (!contact)
      throw new Error(`no contact was resolved for author ${mention.author.externalId}`);
    placeMention(request, state, plan, { mention, assessment, contact });
  }
  const added = new Map<string, number>();
  for (const { conversationId } of plan.mentions)
    added.set(conversationId, (added.get(conversationId) ?? 0) + 1);
  for (const conversation of state.stored.values()) {
    plan.touched.push({
      conversation,
      added: added.get(conversation.id) ?? 0,
      sentiment: state.latestSentiment.get(conversation.id) ?? null,
    });
    // A new mention's own notice already says the conversation changed.
    if (!added.has(conversation.id))
      plan.notices.push({ type: 'conversation.updated', conversationId: conversation.id });
  }
  plan.conversations = [...state.created.values()];
  return plan;
}
