/**
 * The browser's own shapes around the API's (those come from src/api/contract.ts, inferred from
 * the server's schemas): the inbox's URL query, the live event names, and the brand form.
 */
import type {
  Brand,
  ConversationStatus,
  InboxView,
  Sentiment,
  SocialIntent,
} from '../../api/contract.ts';

/** The inbox's view and filters, as the URL and the API spell them. */
export type InboxQuery = {
  view: InboxView;
  /** One status, or several joined by commas (a report's link asks for every status). */
  status?: ConversationStatus | string;
  q?: string;
  brandId?: string;
  network?: string;
  sentiment?: Sentiment;
  intent?: string;
  socialIntent?: SocialIntent;
  language?: string;
  tag?: string;
  minPriority?: number;
  /** Opened in [openedFrom, openedTo): set by a report's link to the conversations behind it. */
  openedFrom?: string;
  openedTo?: string;
  /** Review stars, as the API takes them: `1,2`. */
  rating?: string;
};

/** The conversation events of `/api/v1/events` (domain/live-events.ts lists them all). */
export const liveEventTypes = [
  'conversation.created',
  'conversation.updated',
  'mention.created',
  'reply.updated',
] as const;

export type LiveEvent = {
  type: (typeof liveEventTypes)[number];
  workspaceId: string;
  conversationId: string;
};

/** What the brand form sends: a brand without its id. */
export type BrandInput = Omit<Brand, 'id'>;
