/** The shapes the API returns (docs: `/api/v1`), as the browser sees them: dates are ISO strings. */

export type Role = 'owner' | 'admin' | 'agent' | 'viewer';

export type Membership = { workspaceId: string; workspaceName: string; role: Role };

export type Session = {
  user: { id: string; email: string; name: string };
  /** Null for a bearer-token session, which needs no CSRF token. */
  csrfToken: string | null;
  memberships: Membership[];
};

export type ConversationStatus = 'new' | 'open' | 'pending' | 'snoozed' | 'resolved';

export type InboxView =
  'all' | 'mine' | 'unassigned' | 'my_teams' | 'needs_reply' | 'sla_at_risk' | 'praise' | 'spam';

export type ConversationSummary = {
  id: string;
  status: ConversationStatus;
  /** 0..100, higher first (see domain/priority.ts). */
  priority: number;
  brand: { id: string; name: string };
  network: string;
  contact: { id: string; handle: string; displayName: string | null };
  preview: string;
  assigneeId: string | null;
  teamId: string | null;
  tags: string[];
  sentiment: string | null;
  needsReply: boolean;
  firstResponseDueAt: string | null;
  /** When the next answer is due under the SLA (the inbox sorts on it); null when none is. */
  dueAt: string | null;
  lastMessageAt: string;
  updatedAt: string;
  mentionCount: number;
  /** Triage called it spam: shown only in the Spam view. */
  spam: boolean;
};

export type ConversationPage = { items: ConversationSummary[]; nextCursor: string | null };

export type Mention = {
  id: string;
  network: string;
  externalId: string;
  text: string;
  author: { handle: string; displayName: string | null; followers: number | null };
  language: string | null;
  url: string | null;
  postedAt: string;
  isPrivate: boolean;
  fromBrand: boolean;
};

export type ReplyStatus = 'draft' | 'awaiting_approval' | 'queued' | 'sent' | 'failed' | 'rejected';

export type Reply = {
  id: string;
  text: string;
  visibility: 'public' | 'private';
  status: ReplyStatus;
  error: string | null;
  authorId: string | null;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  url: string | null;
};

export type Note = { id: string; body: string; authorId: string | null; createdAt: string };

export type ConversationEvent = {
  id: string;
  type: string;
  actorType: string;
  actorId: string | null;
  createdAt: string;
  data: unknown;
};

export type ConversationDetail = {
  conversation: ConversationSummary;
  mentions: Mention[];
  replies: Reply[];
  notes: Note[];
  events: ConversationEvent[];
};

export type Member = {
  userId: string;
  email: string;
  name: string;
  role: Role;
  available: boolean;
};

export type Sentiment = 'negative' | 'neutral' | 'positive';

/** The inbox's view and filters, as the URL and the API spell them. */
export type InboxQuery = {
  view: InboxView;
  status?: ConversationStatus;
  q?: string;
  brandId?: string;
  network?: string;
  sentiment?: Sentiment;
  intent?: string;
  language?: string;
  tag?: string;
  minPriority?: number;
};

/** The event names `/api/v1/events` sends; each one means some cached data is stale. */
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

export type Team = { id: string; name: string; memberIds: string[] };

export type Brand = {
  id: string;
  name: string;
  handles: string[];
  keywords: string[];
  isCompetitor: boolean;
};
export type BrandInput = Omit<Brand, 'id'>;

export type Channel = {
  id: string;
  brandId: string;
  network: string;
  name: string;
  handle: string | null;
  simulated: boolean;
  status: 'active' | 'paused' | 'error';
  lastEventAt: string | null;
  lagSeconds: number | null;
  lastError: string | null;
  lastErrorAt: string | null;
  createdAt: string;
};
export type ChannelCheck = { ok: boolean; error: string | null; channel: Channel };

export type ApiToken = {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export type Presence = { userId: string; state: 'viewing' | 'typing'; at: string };

/** A mention's triage: the model's labels as stored, agents' corrections, and what to show. */
export type TriageLabels = {
  sentiment: string | null;
  intent: string | null;
  category: string | null;
};
export type TriageCorrection = {
  modelLabel: string | null;
  label: string;
  correctedBy: { id: string | null; name: string | null };
  correctedAt: string;
};
export type MentionTriage = {
  mentionId: string;
  conversationId: string;
  model: TriageLabels;
  corrections: { sentiment: TriageCorrection | null; intent: TriageCorrection | null };
  shown: TriageLabels;
};

/** Why a conversation landed where it did (GET …/conversations/{id}/routing). */
export type RoutingDecision = {
  ruleId: string | null;
  ruleName: string | null;
  reason: string | null;
  routedAt: string | null;
  teamId: string | null;
  assigneeId: string | null;
};

/** A canned response filled in for one conversation, with the network's length check. */
export type RenderedCanned = {
  text: string;
  length: { network: string; length: number; limit: number | null; fits: boolean };
};

/** A conversation's SLA clock and follow-up reminder (GET …/conversations/{id}/sla). */
export type SlaStatus = {
  conversationId: string;
  policyId: string | null;
  firstResponseDueAt: string | null;
  nextResponseDueAt: string | null;
  resolutionDueAt: string | null;
  state: 'none' | 'ok' | 'at_risk' | 'breached';
  paused: boolean;
  followUpAt: string | null;
  followUpUserId: string | null;
};
