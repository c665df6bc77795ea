import type { Conversation } from './conversation.ts';
import type { DomainEvent } from './events.ts';
import type { Mention } from './mention.ts';
import type { ModerationReason } from './moderation.ts';
import type { Network } from './network.ts';

// The shapes planIntake takes and returns, apart so the planner's helpers can share them.

/** What triage says about one mention; the seam the triage models plug into. */
export interface MentionAssessment {
  priority: number;
  sentiment: string | null;
  needsReply: boolean;
  /** The detected language, when the mention did not say. */
  language?: string;
  details?: Record<string, unknown>;
}

/** The contact behind a mention's author, and whether (and why) they are blocked. */
export interface IntakeContact {
  contactId: string;
  blocked: boolean;
  blockReason: ModerationReason | null;
}

/** A CSAT survey waiting in a conversation for the customer's next message. */
export interface AwaitingSurvey {
  id: string;
  conversationId: string;
  /** The customer it was sent to: the actor of the `csat.received` event. */
  contactId: string;
}

/** A customer's first message after a survey, and what it says. */
export interface CsatAnswer {
  survey: AwaitingSurvey;
  mentionId: string;
  /** The 1–5 rating, or null: nothing recognisable closes the survey unanswered. */
  score: number | null;
  /** Only the rating (see isOnlyCsatAnswer): the conversation stays resolved. */
  onlyRating: boolean;
}

/** What the store holds that a batch's fresh mentions need (loaded in a few batched reads). */
export interface IntakeLookups {
  /** Stored posts among the batch's and the ones they answer: external id → conversation id. */
  storedConversationOf: ReadonlyMap<string, string>;
  /** Stored conversations of the fresh mentions' threads: thread root's external id → id. */
  conversationOfRoot: ReadonlyMap<string, string>;
  /** The stored conversations of both maps above, locked for the batch, in the order loaded. */
  conversations: ReadonlyMap<string, Conversation>;
  /** The contact of every fresh mention's author, by the author's external id. */
  contacts: ReadonlyMap<string, IntakeContact>;
  /** Surveys waiting in those conversations, by conversation id. */
  awaitingSurveys: ReadonlyMap<string, AwaitingSurvey>;
}

/** A batch of one network's mentions not stored yet, oldest first, each with its triage. */
export interface IntakeRequest {
  workspaceId: string;
  brandId: string;
  network: Network;
  fresh: ReadonlyArray<{ mention: Mention; assessment: MentionAssessment }>;
  now: Date;
  /** Ids for new mentions and conversations (random in production, counted in tests). */
  newId: () => string;
}

/** A conversation the batch opens, with what the store needs beyond its state. */
export interface PlannedConversation {
  conversation: Conversation;
  contactId: string;
  rootExternalId: string;
  isPrivate: boolean;
  sentiment: string | null;
  /** The opening post's text, cut to the preview's length. */
  preview: string;
  isSpam: boolean;
  /** Set while only a blocked contact wrote in it: nobody should see it. */
  hiddenAt: Date | null;
  mentionCount: number;
}

/** A mention to store, in the conversation it joins or opens. */
export interface PlannedMention {
  id: string;
  conversationId: string;
  mention: Mention;
  assessment: MentionAssessment;
  /** A blocked contact's post is kept, hidden since intake with the block's reason. */
  hiddenAt: Date | null;
  hiddenReason: ModerationReason | null;
}

/** A stored conversation the batch reached, with its new state. */
interface TouchedConversation {
  conversation: Conversation;
  /** Mentions the batch adds to it. */
  added: number;
  /** The sentiment of its latest customer mention in the batch, if one was labelled. */
  sentiment: string | null;
}

/** A change to tell the agents' browsers about once the batch commits. */
export type IntakeNotice =
  | { type: 'conversation.updated'; conversationId: string }
  // One notice per new mention (ADR 0012): the one that opens a conversation names both.
  | { type: 'conversation.created' | 'mention.created'; conversationId: string; mentionId: string };

/** Everything intake decided for one batch; the store writes it in the batch's transaction. */
export interface IntakePlan {
  conversations: PlannedConversation[];
  mentions: PlannedMention[];
  touched: TouchedConversation[];
  csatAnswers: CsatAnswer[];
  events: DomainEvent[];
  notices: IntakeNotice[];
  /** Of the mentions, the ones from blocked contacts and the brand's own posts. */
  blocked: number;
  fromBrand: number;
}
