// The shapes the API sends, for the web app: each type is inferred from the zod schema that
// validates and documents the response, so the browser's types cannot drift from what the server
// sends. Type-only: the web app imports this module with `import type`, so no schema, zod or
// server code reaches the bundle.
import type { z } from '@hono/zod-openapi';
import type { Role } from '../domain/roles.ts';
import type { InboxView } from '../store/inbox-filter.ts';
import type { Presence } from './presence.ts';
import type { PendingApprovalSchema, ReplySettingsSchema } from './schemas/approvals.schema.ts';
import type {
  QualityReportSchema,
  QualitySettingsSchema,
  QueueItemSchema,
  QueueSchema,
  ReviewSchema as QualityReviewSchema,
  ScorecardSchema,
} from './schemas/quality.schema.ts';
import type { AuditEntrySchema, AuditPageSchema } from './schemas/audit.schema.ts';
import type { ErasureSchema } from './schemas/privacy.schema.ts';
import type { MessageReviewSchema } from './schemas/campaign-messages.schema.ts';
import type {
  CampaignDetailSchema,
  CampaignSchema,
  DrawSchema,
} from './schemas/campaigns.schema.ts';
import type { AlertListSchema, AlertSchema, DestinationSchema } from './schemas/alert.schema.ts';
import type {
  ApiTokenSchema,
  WorkspaceTokenSchema,
  InvitationPreviewSchema,
  InvitationSchema,
  MembershipSchema,
  NewInvitationSchema,
  SessionInfoSchema,
  SessionSchema,
  TwoFactorChallengeSchema,
  TwoFactorSetupSchema,
  TwoFactorStatusSchema,
} from './schemas/auth.schema.ts';
import type { SsoStatusSchema, WorkspaceSsoSchema } from './schemas/sso.schema.ts';
import type { CannedResponseSchema, RenderedSchema } from './schemas/canned-responses.schema.ts';
import type { ChannelCheckSchema, ChannelSchema } from './schemas/channel.schema.ts';
import type {
  BulkBody,
  BulkResponse,
  ConversationDetailSchema,
  ConversationItemSchema,
  EventSchema,
  InboxQuery,
  MentionSchema,
  NoteSchema,
  ReplySchema,
} from './schemas/conversation.schema.ts';
import type { IdeaDetailSchema, IdeaSchema } from './schemas/ideas.schema.ts';
import type { NoticeReviewSchema, NoticeTemplatesSchema } from './schemas/idea-notices.schema.ts';
import type { ModerationActionSchema } from './schemas/moderation.schema.ts';
import type {
  CsatReportSchema,
  DailyReportSchema,
  FlowReportSchema,
  HeatMapReportSchema,
  SlaReportSchema,
  ResponseReportSchema,
  SentimentReportSchema,
  VolumeReportSchema,
  ReviewsReportSchema,
} from './schemas/reports.schema.ts';
import type {
  ReviewImportPreviewSchema,
  ReviewImportResultSchema,
  ReviewMappingSchema,
  ReviewTemplateSchema,
} from './schemas/review-import.schema.ts';
import type {
  AgentRoutingSchema,
  CategoryTeamsSchema,
  DryRunSchema,
  RoutingDecisionSchema,
  RoutingRuleSchema,
} from './schemas/routing.schema.ts';
import type { SentimentChangeReportSchema } from './schemas/sentiment-change.schema.ts';
import type {
  BusinessHoursSchema,
  SlaPolicySchema,
  SlaStatusSchema,
} from './schemas/sla.schema.ts';
import type { MentionTriageSchema } from './schemas/triage-corrections.schema.ts';
import type {
  MemberSchema,
  TeamSchema,
  BrandSchema,
  SetupChecklistSchema,
} from './schemas/workspace.schema.ts';

export type { InboxView, Presence, Role };

// Session and access
export type Membership = z.infer<typeof MembershipSchema>;
export type SetupChecklist = z.infer<typeof SetupChecklistSchema>;
export type BulkAction = z.infer<typeof BulkBody>['action'];
export type BulkAnswer = z.infer<typeof BulkResponse>;
export type Session = z.infer<typeof SessionSchema>;
export type SsoStatus = z.infer<typeof SsoStatusSchema>;
export type WorkspaceSso = z.infer<typeof WorkspaceSsoSchema>;
export type ApiToken = z.infer<typeof ApiTokenSchema>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type AuditPage = z.infer<typeof AuditPageSchema>;
export type WorkspaceToken = z.infer<typeof WorkspaceTokenSchema>;
export type TokenScope = ApiToken['scope'];
export type Invitation = z.infer<typeof InvitationSchema>;
export type NewInvitation = z.infer<typeof NewInvitationSchema>;
export type InvitationPreview = z.infer<typeof InvitationPreviewSchema>;
export type SessionInfo = z.infer<typeof SessionInfoSchema>;
export type TwoFactorChallenge = z.infer<typeof TwoFactorChallengeSchema>;
export type TwoFactorStatus = z.infer<typeof TwoFactorStatusSchema>;
export type TwoFactorSetup = z.infer<typeof TwoFactorSetupSchema>;

// The inbox and one conversation
export type ConversationSummary = z.infer<typeof ConversationItemSchema>;
export type ConversationStatus = ConversationSummary['status'];
/** GET …/conversations: one page of the inbox. */
export type ConversationPage = { items: ConversationSummary[]; nextCursor: string | null };
export type Sentiment = NonNullable<z.infer<typeof InboxQuery>['sentiment']>;
export type SocialIntent = NonNullable<z.infer<typeof InboxQuery>['socialIntent']>;
export type Mention = z.infer<typeof MentionSchema>;
export type Reply = z.infer<typeof ReplySchema>;
export type ReplyStatus = Reply['status'];
export type Note = z.infer<typeof NoteSchema>;
export type ConversationEvent = z.infer<typeof EventSchema>;
export type ConversationDetail = z.infer<typeof ConversationDetailSchema>;
export type MentionTriage = z.infer<typeof MentionTriageSchema>;
export type TriageLabels = MentionTriage['model'];
export type TriageCorrection = NonNullable<MentionTriage['corrections']['sentiment']>;
export type RoutingDecision = z.infer<typeof RoutingDecisionSchema>;
export type RenderedCanned = z.infer<typeof RenderedSchema>;
export type SlaStatus = z.infer<typeof SlaStatusSchema>;
export type ReplySettings = z.infer<typeof ReplySettingsSchema>;
export type PendingApproval = z.infer<typeof PendingApprovalSchema>;

// Workspace settings
export type Member = z.infer<typeof MemberSchema>;
export type Team = z.infer<typeof TeamSchema>;
export type Brand = z.infer<typeof BrandSchema>;
export type Channel = z.infer<typeof ChannelSchema>;
export type ChannelCheck = z.infer<typeof ChannelCheckSchema>;
export type CannedResponse = z.infer<typeof CannedResponseSchema>;
export type RoutingRule = z.infer<typeof RoutingRuleSchema>;
export type RoutingDryRun = z.infer<typeof DryRunSchema>;
export type AgentRouting = z.infer<typeof AgentRoutingSchema>;
export type CategoryTeams = z.infer<typeof CategoryTeamsSchema>;
export type SlaPolicy = z.infer<typeof SlaPolicySchema>;
export type BusinessHours = z.infer<typeof BusinessHoursSchema>;
export type AlertDestination = z.infer<typeof DestinationSchema>;

// Alerts, moderation, ideas
export type Alert = z.infer<typeof AlertSchema>;
export type AlertPage = z.infer<typeof AlertListSchema>;
export type ModerationAction = z.infer<typeof ModerationActionSchema>;
/** GET …/moderation: one page of the log, newest first. */
export type ModerationPage = { items: ModerationAction[]; nextCursor: string | null };
export type Idea = z.infer<typeof IdeaSchema>;
export type IdeaDetail = z.infer<typeof IdeaDetailSchema>;
/** GET …/ideas/{id}/notices: whom to tell of the idea's status, and who was told. */
export type IdeaNoticeReview = z.infer<typeof NoticeReviewSchema>;
export type IdeaNoticeTemplates = z.infer<typeof NoticeTemplatesSchema>;
// Share contests (issue 19): campaigns, their standing and the messages of their draws.
export type Campaign = z.infer<typeof CampaignSchema>;
export type CampaignDetail = z.infer<typeof CampaignDetailSchema>;
export type CampaignDraw = z.infer<typeof DrawSchema>;
export type CampaignMessageReview = z.infer<typeof MessageReviewSchema>;
/** POST …/contacts/{id}/erase: what a privacy erasure replaced with its tombstone. */
export type Erasure = z.infer<typeof ErasureSchema>;

/** The dashboard's reports by the name in their path (GET …/reports/{name}). */
export type Reports = {
  responses: z.infer<typeof ResponseReportSchema>;
  flow: z.infer<typeof FlowReportSchema>;
  volume: z.infer<typeof VolumeReportSchema>;
  'heat-map': z.infer<typeof HeatMapReportSchema>;
  sentiment: z.infer<typeof SentimentReportSchema>;
  'sentiment-change': z.infer<typeof SentimentChangeReportSchema>;
  daily: z.infer<typeof DailyReportSchema>;
  csat: z.infer<typeof CsatReportSchema>;
  sla: z.infer<typeof SlaReportSchema>;
  reviews: z.infer<typeof ReviewsReportSchema>;
  quality: z.infer<typeof QualityReportSchema>;
};

// Coaching and quality review (issue 19, point 4)
export type QualitySettings = z.infer<typeof QualitySettingsSchema>;
export type Scorecard = z.infer<typeof ScorecardSchema>;
export type ReviewQueue = z.infer<typeof QueueSchema>;
export type ReviewQueueItem = z.infer<typeof QueueItemSchema>;
export type QualityReview = z.infer<typeof QualityReviewSchema>;

// Review files uploaded to the API (issue 19)
export type ReviewImportPreview = z.infer<typeof ReviewImportPreviewSchema>;
export type ReviewImportResult = z.infer<typeof ReviewImportResultSchema>;
export type ReviewTemplate = z.infer<typeof ReviewTemplateSchema>;
export type ReviewMapping = z.infer<typeof ReviewMappingSchema>;
/** A response or resolution time's summary, as every report gives it. */
export type Duration = Reports['responses']['firstResponse'];
