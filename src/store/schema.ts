import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable } from 'kysely';

// Row types as the database holds them; kept apart from the domain's types on purpose
// (a column rename must not ripple into the rules).

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;
type TokenScope = 'read' | 'agent' | 'admin';
type Json<T> = ColumnType<T, string | undefined, string>;
/** A `date` column: written as 'YYYY-MM-DD', read back as a Date by both drivers. */
type Day = ColumnType<Date, string, string>;
type NullableDay = ColumnType<Date | null, string | null | undefined, string | null>;

interface WorkspacesTable {
  id: string;
  name: string;
  created_at: CreatedAt;
  /** Members sign in through the instance's OpenID Connect provider only (migration 0033). */
  sso_only: Generated<boolean>;
  /** Members reach the workspace only with two-factor sign-in on (migration 0031). */
  require_two_factor: ColumnType<boolean, boolean | undefined, boolean>;
}

interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  created_at: CreatedAt;
  /** Set when the user was offboarded: no sign-in, no sessions, no tokens (migration 0027). */
  deactivated_at: NullableTimestamp;
}

interface MembershipsTable {
  workspace_id: string;
  user_id: string;
  role: 'owner' | 'admin' | 'agent' | 'viewer';
  available: ColumnType<boolean, boolean | undefined, boolean>;
  /** Most open conversations auto-assignment gives them; null: no limit (migration 0003). */
  max_open: ColumnType<number | null, number | null | undefined, number | null>;
  skills: ColumnType<string[], string[] | undefined, string[]>;
  last_auto_assigned_at: NullableTimestamp;
  created_at: CreatedAt;
}

interface SessionsTable {
  token_hash: string;
  /** Names the session when listing or ending it, without its secret (migration 0027). */
  id: Generated<string>;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  /** The last request; a session unused for the idle timeout ends. */
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  user_agent: string | null;
  /** How the session was opened; an SSO-only workspace admits 'sso' sessions alone (0033). */
  signed_in_with: Generated<SignInMethod>;
}

/** How a session was opened. */
export type SignInMethod = 'password' | 'sso';

interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: CreatedAt;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  /** What it may do: read (viewer), agent or admin, never more than its user's role (0027). */
  scope: ColumnType<TokenScope, TokenScope | undefined, TokenScope>;
  expires_at: NullableTimestamp;
}

interface InvitationsTable {
  id: string;
  workspace_id: string;
  email: string;
  name: string | null;
  role: 'owner' | 'admin' | 'agent' | 'viewer';
  token_hash: string;
  invited_by: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

interface PasswordResetsTable {
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

interface TeamsTable {
  id: string;
  workspace_id: string;
  name: string;
  created_at: CreatedAt;
}

interface TeamMembersTable {
  team_id: string;
  user_id: string;
}

interface BrandsTable {
  id: string;
  workspace_id: string;
  name: string;
  handles: ColumnType<string[], string[] | undefined, string[]>;
  keywords: ColumnType<string[], string[] | undefined, string[]>;
  hashtags: ColumnType<string[], string[] | undefined, string[]>;
  exclusions: ColumnType<string[], string[] | undefined, string[]>;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  is_competitor: ColumnType<boolean, boolean | undefined, boolean>;
  /** Which of its handles and hashtags are its ideas channel (migration 0039). */
  ideas_terms: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
}

interface ChannelAccountsTable {
  id: string;
  workspace_id: string;
  brand_id: string;
  network: string;
  name: string;
  credentials_encrypted: string | null;
  /** A demo account: replies are "sent" to a simulated network inside Earshot. */
  simulated: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<'active' | 'paused' | 'error', 'active' | 'paused' | 'error' | undefined>;
  cursor: string | null;
  last_event_at: NullableTimestamp;
  last_error: string | null;
  last_error_at: NullableTimestamp;
  /** Set when removed: the account is hidden, its credentials wiped, its mentions kept. */
  removed_at: NullableTimestamp;
  /** The handle the network reported when the credentials were last checked. */
  account_handle: string | null;
  /** The network's id for the account (migration 0026): a reconnect finds its removed row by it. */
  account_external_id: string | null;
  /** When the source last heard from the network (migration 0026); written a few times a minute. */
  last_heard_at: NullableTimestamp;
  /** Set while the health monitor holds the account in error; it is still listened to (0026). */
  listening_failed_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Where a source shared by many accounts (a Bluesky relay) has been read up to (migration 0028). */
interface SharedSourceCursorsTable {
  /** `<network>:<key>`, e.g. `bluesky:wss://bsky.network`. */
  source_key: string;
  cursor: string;
  updated_at: Date;
}

interface ContactsTable {
  id: string;
  workspace_id: string;
  display_name: string;
  blocked_at: NullableTimestamp;
  /** Contacts an agent linked as one person share this key; null: only itself (migration 0014). */
  person_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  /** Personal data replaced by a tombstone at the customer's request (migration 0032). */
  erased_at: NullableTimestamp;
}

interface ContactIdentitiesTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  network: string;
  external_id: string;
  handle: string;
  display_name: string | null;
  followers: number | null;
  url: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** When the author's profile was last fetched from the network; null: never (migration 0036). */
  profile_fetched_at: NullableTimestamp;
  /** When the author's account was created, as the network says (migration 0042); null: unknown. */
  account_created_at: NullableTimestamp;
}

type ConversationStatusColumn = 'new' | 'open' | 'pending' | 'snoozed' | 'resolved';

interface ConversationsTable {
  id: string;
  workspace_id: string;
  brand_id: string;
  contact_id: string;
  network: string;
  root_external_id: string | null;
  is_private: boolean;
  status: ConversationStatusColumn;
  priority: number;
  team_id: string | null;
  assignee_id: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  sentiment: string | null;
  preview: string;
  needs_reply: boolean;
  mention_count: number;
  /** Set while every customer mention is hidden (migration 0005): out of the default inbox. */
  hidden_at: NullableTimestamp;
  /** Set at intake when triage called the first mention spam (migration 0006). */
  is_spam: ColumnType<boolean, boolean | undefined, boolean>;
  first_response_due_at: NullableTimestamp;
  /** The last first-response due time the clock set, kept once met (migration 0038). */
  first_response_target_at: NullableTimestamp;
  next_response_due_at: NullableTimestamp;
  resolution_due_at: NullableTimestamp;
  due_at: ColumnType<Date, Date | string | undefined, Date | string>;
  first_responded_at: NullableTimestamp;
  snoozed_until: NullableTimestamp;
  resolved_at: NullableTimestamp;
  last_message_at: Timestamp;
  /** What routing decided on first touch (migration 0003). */
  routing_rule_id: ColumnType<string | null, string | null | undefined, string | null>;
  routing_reason: ColumnType<string | null, string | null | undefined, string | null>;
  routed_at: NullableTimestamp;
  /** The SLA clock (migration 0004): the policy that set the due times, time paused while
   * waiting on the customer, and when the scheduler must next look. */
  sla_policy_id: ColumnType<string | null, string | null | undefined, string | null>;
  sla_paused_minutes: ColumnType<number, number | undefined, number>;
  sla_paused_since: NullableTimestamp;
  sla_check_at: NullableTimestamp;
  /** "Update this customer by …": when the conversation returns, and to whom (migration 0004). */
  follow_up_at: NullableTimestamp;
  follow_up_user_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface MentionsTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  channel_account_id: string | null;
  network: string;
  external_id: string;
  text: string;
  author_external_id: string;
  author_handle: string;
  author_display_name: string | null;
  author_followers: number | null;
  url: string | null;
  posted_at: Timestamp;
  received_at: CreatedAt;
  parent_external_id: string | null;
  root_external_id: string | null;
  is_private: boolean;
  from_brand: boolean;
  language: string | null;
  engagement: Json<Record<string, number>>;
  triage: ColumnType<unknown, string | null | undefined, string | null>;
  raw: ColumnType<unknown, string | null | undefined, never>;
  /** Generated from text (never null in practice; the catalog cannot say so). */
  search: GeneratedAlways<string | null>;
  /** Hidden as spam or abuse (migration 0005); the row and its text always stay. */
  hidden_at: NullableTimestamp;
  hidden_reason: 'spam' | 'abuse' | null;
  /** The author deleted it on the network (migration 0025); our copy stays, never answered. */
  deleted_at: NullableTimestamp;
  /** When the author last edited it; `text` is the current version (migration 0025). */
  edited_at: NullableTimestamp;
  /** Earlier versions, oldest first. */
  edits: Json<MentionEdit[]>;
  /** Text and author replaced by a tombstone at the customer's request (migration 0032). */
  erased_at: NullableTimestamp;
  /** A review's site and rating (migration 0037): 1–5 stars, and the site's own value and scale. */
  review_site: ColumnType<string | null, string | null | undefined, string | null>;
  rating: ColumnType<number | null, number | null | undefined, number | null>;
  rating_value: ColumnType<number | null, number | null | undefined, number | null>;
  rating_scale: ColumnType<number | null, number | null | undefined, number | null>;
  /** The network's id of the post this one quotes (migration 0042). */
  quoted_external_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the author's account was created, when the post says (migration 0042). */
  author_created_at: NullableTimestamp;
}

/** A version of a post its author replaced by editing it. */
export interface MentionEdit {
  text: string;
  /** ISO time the next version replaced it. */
  replacedAt: string;
}

type ReplyStatusColumn = 'draft' | 'queued' | 'sent' | 'failed' | 'awaiting_approval' | 'rejected';

interface RepliesTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  in_reply_to_mention_id: string | null;
  author_id: string | null;
  network: string;
  text: string;
  visibility: 'public' | 'private';
  status: ReplyStatusColumn;
  idempotency_key: string;
  external_id: string | null;
  url: string | null;
  error: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: NullableTimestamp;
  locked_until: NullableTimestamp;
  /** When a failed reply was last queued again by hand (migration 0021). */
  requeued_at: NullableTimestamp;
  sent_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

interface NotesTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  author_id: string | null;
  body: string;
  created_at: CreatedAt;
}

export interface TagsTable {
  id: string;
  workspace_id: string;
  name: string;
  color: string | null;
  description: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}

interface EventsTable {
  id: GeneratedAlways<string>;
  workspace_id: string;
  type: string;
  actor_type: 'user' | 'system' | 'customer';
  actor_id: string | null;
  conversation_id: string | null;
  data: Json<Record<string, unknown>>;
  occurred_at: Timestamp;
}

interface AuditLogTable {
  id: GeneratedAlways<string>;
  workspace_id: string | null;
  actor_user_id: string | null;
  actor_token_id: string | null;
  actor_label: string;
  kind: string;
  target_type: string | null;
  target_id: string | null;
  before: ColumnType<Record<string, unknown> | null, string | null, never>;
  after: ColumnType<Record<string, unknown> | null, string | null, never>;
  ip_address: string | null;
  user_agent: string | null;
  created_at: Timestamp;
}

interface RejectedRecordsTable {
  id: string;
  workspace_id: string;
  channel_account_id: string | null;
  source: string;
  reason: string;
  line: number | null;
  payload: string;
  created_at: CreatedAt;
}

/** An SLA policy (migration 0004); escalation is the domain's SlaEscalation as JSON. */
export interface SlaPoliciesTable {
  id: string;
  workspace_id: string;
  name: string;
  team_id: string | null;
  min_priority: number | null;
  max_priority: number | null;
  first_response_minutes: number | null;
  next_response_minutes: number | null;
  resolution_minutes: number | null;
  warn_before_minutes: number;
  escalation: Json<Record<string, unknown>>;
  archived_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface TeamBusinessHoursTable {
  team_id: string;
  workspace_id: string;
  always_open: boolean;
  time_zone: string;
  week: Json<Record<string, unknown>>;
  holidays: ColumnType<string[], string[] | undefined, string[]>;
  acknowledgement: string | null;
  follow_the_sun_group: string | null;
  updated_at: Timestamp;
}

/** One warning or breach acted on; the key makes each happen once (migration 0004). */
interface SlaEscalationsTable {
  workspace_id: string;
  conversation_id: string;
  target: 'first_response' | 'next_response' | 'resolution';
  kind: 'warning' | 'breach';
  due_at: Timestamp;
  policy_id: string | null;
  created_at: CreatedAt;
}

/** A routing rule as stored: conditions and actions are the domain's JSON (migration 0003). */
export interface RoutingRulesTable {
  id: string;
  workspace_id: string;
  position: number;
  name: string;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  conditions: Json<unknown[]>;
  actions: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}

interface RoutingCategoryTeamsTable {
  workspace_id: string;
  category: string;
  team_id: string;
}

export interface Database {
  workspaces: WorkspacesTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  invitations: InvitationsTable;
  password_resets: PasswordResetsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  brands: BrandsTable;
  channel_accounts: ChannelAccountsTable;
  shared_source_cursors: SharedSourceCursorsTable;
  contacts: ContactsTable;
  contact_identities: ContactIdentitiesTable;
  conversations: ConversationsTable;
  mentions: MentionsTable;
  replies: RepliesTable;
  notes: NotesTable;
  tags: TagsTable;
  events: EventsTable;
  audit_log: AuditLogTable;
  rejected_records: RejectedRecordsTable;
  routing_rules: RoutingRulesTable;
  routing_category_teams: RoutingCategoryTeamsTable;
  moderation_actions: ModerationActionsTable;
  canned_responses: CannedResponsesTable;
  ideas: IdeasTable;
  idea_mentions: IdeaMentionsTable;
  idea_votes: IdeaVotesTable;
  idea_notice_templates: IdeaNoticeTemplatesTable;
  idea_notices: IdeaNoticesTable;
  campaigns: CampaignsTable;
  campaign_posts: CampaignPostsTable;
  campaign_draws: CampaignDrawsTable;
  campaign_messages: CampaignMessagesTable;
  reposts: RepostsTable;
  praise: PraiseTable;
  reply_settings: ReplySettingsTable;
  reply_approvals: ReplyApprovalsTable;
  csat_surveys: CsatSurveysTable;
  sla_policies: SlaPoliciesTable;
  team_business_hours: TeamBusinessHoursTable;
  sla_escalations: SlaEscalationsTable;
  triage_corrections: TriageCorrectionsTable;
  alerts: AlertsTable;
  alert_destinations: AlertDestinationsTable;
  alert_deliveries: AlertDeliveriesTable;
  alert_scan_state: AlertScanStateTable;
  report_queue: ReportQueueTable;
  report_messages: ReportMessagesTable;
  report_flow: ReportFlowTable;
  report_quarters: ReportQuartersTable;
  report_label_days: ReportLabelDaysTable;
  report_wait_days: ReportWaitDaysTable;
  report_answers: ReportAnswersTable;
  report_answer_days: ReportAnswerDaysTable;
  report_targets: ReportTargetsTable;
  report_target_days: ReportTargetDaysTable;
  note_mentions: NoteMentionsTable;
  two_factor_credentials: TwoFactorCredentialsTable;
  two_factor_recovery_codes: TwoFactorRecoveryCodesTable;
  two_factor_challenges: TwoFactorChallengesTable;
  privacy_requests: PrivacyRequestsTable;
  quality_settings: QualitySettingsTable;
  quality_scorecards: QualityScorecardsTable;
  quality_criteria: QualityCriteriaTable;
  quality_reviews: QualityReviewsTable;
  quality_review_scores: QualityReviewScoresTable;
}

/** A user's TOTP secret, encrypted; enabled once its first code was confirmed (migration 0031). */
interface TwoFactorCredentialsTable {
  user_id: string;
  secret_encrypted: string;
  created_at: CreatedAt;
  enabled_at: NullableTimestamp;
  /** The last 30-second step a code was accepted for: no code works twice. */
  last_used_step: number | null;
}

/** One-time recovery codes, stored hashed (migration 0031). */
interface TwoFactorRecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: NullableTimestamp;
}

/** A password was right; a code trades this for a session, once (migration 0031). */
interface TwoFactorChallengesTable {
  token_hash: string;
  user_id: string;
  expires_at: Timestamp;
  failed_attempts: ColumnType<number, number | undefined, number>;
}

/** Who exported or erased a contact's data, when and why (migration 0032); append-only. */
interface PrivacyRequestsTable {
  id: string;
  workspace_id: string;
  contact_id: string | null;
  kind: 'export' | 'erasure';
  reason: string | null;
  requested_by: string | null;
  created_at: Timestamp;
}

/** A teammate mentioned in a note, and when they saw it (migration 0014). */
interface NoteMentionsTable {
  note_id: string;
  user_id: string;
  workspace_id: string;
  conversation_id: string;
  created_at: Timestamp;
  seen_at: NullableTimestamp;
}

export type ConversationRow = Selectable<ConversationsTable>;
export type NewConversationRow = Insertable<ConversationsTable>;
export type ReplyRow = Selectable<RepliesTable>;

// Moderation, canned responses, ideas, praise, approvals and CSAT (migration 0005).

interface ModerationActionsTable {
  id: string;
  workspace_id: string;
  action: 'hide' | 'unhide' | 'block' | 'unblock';
  mention_id: string | null;
  contact_id: string | null;
  conversation_id: string | null;
  reason: 'spam' | 'abuse' | null;
  note: string | null;
  actor_id: string | null;
  on_network: 'hidden' | 'unhidden' | 'failed' | 'not_supported' | 'not_applicable';
  /** The network's reason when on_network is 'failed' (migration 0011). */
  on_network_error: ColumnType<string | null, string | null | undefined, never>;
  created_at: Timestamp;
}

interface CannedResponsesTable {
  id: string;
  workspace_id: string;
  team_id: string | null;
  name: string;
  body: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

interface IdeasTable {
  id: string;
  workspace_id: string;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  status: ColumnType<
    'new' | 'under_review' | 'planned' | 'done' | 'declined' | 'merged',
    'new' | undefined,
    'new' | 'under_review' | 'planned' | 'done' | 'declined' | 'merged'
  >;
  declined_reason: string | null;
  merged_into_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

interface IdeaMentionsTable {
  idea_id: string;
  mention_id: string;
  workspace_id: string;
}

interface IdeaVotesTable {
  idea_id: string;
  user_id: string;
  workspace_id: string;
  created_at: Timestamp;
}

/** The reply customers get when an idea reaches a status, per workspace (migration 0039). */
interface IdeaNoticeTemplatesTable {
  workspace_id: string;
  status: 'under_review' | 'planned' | 'done' | 'declined';
  body: string;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** Whether a customer was told an idea reached a status, and how or why not (migration 0039). */
interface IdeaNoticesTable {
  id: string;
  workspace_id: string;
  idea_id: string;
  idea_status: 'under_review' | 'planned' | 'done' | 'declined';
  conversation_id: string;
  mention_id: string | null;
  outcome: 'told' | 'not_told';
  reply_id: string | null;
  reason: 'post_deleted' | 'network_without_replies' | 'customer_erased' | null;
  created_by: string | null;
  created_at: Timestamp;
}

/** A share contest on the brand's own posts (migration 0041); its shares are read from mentions. */
interface CampaignsTable {
  id: string;
  workspace_id: string;
  brand_id: string;
  name: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  required_hashtag: string | null;
  entry_mode: 'per_person' | 'per_share';
  excluded_author_ids: ColumnType<string[], string[] | undefined, string[]>;
  budget_cents: number | null;
  created_by: string | null;
  created_at: Timestamp;
  /** What counts as a share: 'reply', 'quote', 'repost' (migration 0042; a check holds them). */
  share_kinds: ColumnType<string[], string[] | undefined, string[]>;
  min_account_age_days: ColumnType<number | null, number | null | undefined, number | null>;
}

/**
 * A repost of a connected brand account's post (migration 0042): no text, not a mention, kept as
 * a share record for campaigns (ADR 0010).
 */
interface RepostsTable {
  id: string;
  workspace_id: string;
  brand_id: string;
  channel_account_id: string | null;
  network: string;
  /** The repost's own id on the network (an at:// URI on Bluesky). */
  external_id: string;
  /** The reposted post's network id. */
  subject_external_id: string;
  author_external_id: string;
  author_handle: string;
  author_followers: number | null;
  author_created_at: NullableTimestamp;
  url: string | null;
  reposted_at: Timestamp;
  received_at: Timestamp;
}

/** One of the brand's posts a campaign asks people to share (migration 0041). */
interface CampaignPostsTable {
  campaign_id: string;
  workspace_id: string;
  network: string;
  external_id: string;
}

/** A recorded pick of a campaign's winners, with all it takes to repeat it (migration 0041). */
interface CampaignDrawsTable {
  id: string;
  workspace_id: string;
  campaign_id: string;
  method: 'most_shares' | 'random';
  seed: string | null;
  winner_count: number;
  entrant_ids: ColumnType<string[], string[], string[]>;
  winner_ids: ColumnType<string[], string[], string[]>;
  drawn_by: string | null;
  drawn_at: Timestamp;
}

/** A draw's announcement or a winner's message, sent (with its reply) or not (migration 0043). */
interface CampaignMessagesTable {
  id: string;
  workspace_id: string;
  campaign_id: string;
  draw_id: string;
  kind: 'announcement' | 'winner';
  network: string;
  /** The brand post's id (announcement) or the winner's id on the network. */
  recipient: string;
  recipient_handle: string | null;
  mention_id: string | null;
  outcome: 'sent' | 'not_sent';
  reply_id: string | null;
  reason: 'post_deleted' | 'post_not_heard' | 'network_without_replies' | 'already_messaged' | null;
  created_by: string | null;
  created_at: Timestamp;
}

interface PraiseTable {
  id: string;
  workspace_id: string;
  mention_id: string;
  note: string | null;
  starred_by: string | null;
  created_at: Timestamp;
}

interface ReplySettingsTable {
  workspace_id: string;
  approval_user_ids: ColumnType<string[], string[] | undefined, string[]>;
  approve_tone_flagged: ColumnType<boolean, boolean | undefined, boolean>;
  csat_enabled: ColumnType<boolean, boolean | undefined, boolean>;
  csat_enabled_at: NullableTimestamp;
  csat_question: string | null;
  updated_at: Timestamp;
}

interface ReplyApprovalsTable {
  reply_id: string;
  workspace_id: string;
  reasons: ColumnType<string[], string[], string[]>;
  tone_flags: Json<unknown[]>;
  decision: 'approved' | 'rejected' | null;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  rejection_reason: string | null;
  created_at: Timestamp;
}

interface CsatSurveysTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  resolved_at: Timestamp;
  reply_id: string | null;
  status: ColumnType<
    'awaiting' | 'answered' | 'unanswered',
    'awaiting' | undefined,
    'answered' | 'unanswered'
  >;
  score: number | null;
  answer_mention_id: string | null;
  answered_at: NullableTimestamp;
  created_at: Timestamp;
}

/** An agent's correction of one triage label of a mention (migration 0007). */
export interface TriageCorrectionsTable {
  id: string;
  workspace_id: string;
  mention_id: string;
  field: 'sentiment' | 'intent' | 'socialIntent' | 'complaint' | 'spam';
  /** What the model said when the correction was made; null if the mention was never labelled. */
  model_label: string | null;
  corrected_label: string;
  corrected_by: string | null;
  corrected_at: Timestamp;
}

// Alerts, their destinations and deliveries (migration 0010).

export type AlertKindColumn = 'spike' | 'viral' | 'sla_breach' | 'test' | 'channel_error';

interface AlertsTable {
  id: string;
  workspace_id: string;
  kind: AlertKindColumn;
  /** Says what the alert is about, so the same spike, post or breach is raised once. */
  dedupe_key: string;
  brand_id: string | null;
  conversation_id: string | null;
  mention_id: string | null;
  summary: string;
  data: Json<Record<string, unknown>>;
  created_at: Timestamp;
  acknowledged_at: NullableTimestamp;
  acknowledged_by: string | null;
}

interface AlertDestinationsTable {
  id: string;
  workspace_id: string;
  kind: 'webhook' | 'email';
  /** A webhook's URL or an email address. */
  target: string;
  /** A webhook's HMAC secret, encrypted with the secret key (src/security/secrets.ts). */
  secret_encrypted: string | null;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  /** Removed: kept so its delivery log still names it, and a second removal answers the same. */
  deleted_at: NullableTimestamp;
}

interface AlertDeliveriesTable {
  id: string;
  workspace_id: string;
  alert_id: string;
  destination_id: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: NullableTimestamp;
  last_error: string | null;
  sent_at: NullableTimestamp;
  created_at: Timestamp;
}

interface AlertScanStateTable {
  id: string;
  scanned_until: Timestamp;
  spike: Json<Record<string, unknown>>;
}

// Reporting facts and their rollups (migration 0012; src/store/report-facts-*.ts).

interface ReportQueueTable {
  id: GeneratedAlways<string>;
  workspace_id: string;
  conversation_id: string;
}

/** One message: a customer's mention, the brand's mention or a sent reply. */
interface ReportMessagesTable {
  workspace_id: string;
  conversation_id: string;
  at: Timestamp;
  by_brand: boolean;
  brand_id: string | null;
  network: string | null;
  team_id: string | null;
  assignee_id: string | null;
  needs_reply: boolean;
  answered_at: NullableTimestamp;
  turn: 'first' | 'next' | null;
  wait_seconds: number | null;
  /** Generated (migration 0017): the wait's histogram bucket, for turns that were answered. */
  wait_bucket: GeneratedAlways<number | null>;
  /** A customer's mention that counts in the brand's share of voice: not hidden, not spam. */
  in_voice: Generated<boolean>;
  /** What the customer was doing (triage's socialIntent); null for the brand's own messages. */
  social_intent: string | null;
  mention_network: string | null;
  sentiment: string | null;
  intent: string | null;
  category: string | null;
  language: string | null;
}

interface ReportFlowTable {
  workspace_id: string;
  conversation_id: string;
  at: Timestamp;
  kind: 'created' | 'resolved' | 'reopened' | 'transferred';
  brand_id: string | null;
  network: string | null;
  team_id: string | null;
  assignee_id: string | null;
  started_at: NullableTimestamp;
  resolution_seconds: number | null;
  /** Generated (migration 0017): the resolution time's histogram bucket. */
  wait_bucket: GeneratedAlways<number | null>;
}

interface ReportQuartersTable {
  workspace_id: string;
  slice: string;
  slice_value: string;
  bucket: Timestamp;
  customer_messages: number;
  team_replies: number;
  needing_reply: number;
  answered: number;
  positive: number;
  neutral: number;
  negative: number;
  other_sentiment: number;
  opened: number;
  resolutions: number;
  reopens: number;
  transfers: number;
}

/** A conversation's first-response target and first answer (migration 0023). */
interface ReportTargetsTable {
  workspace_id: string;
  conversation_id: string;
  at: Timestamp;
  brand_id: string | null;
  network: string | null;
  team_id: string | null;
  assignee_id: string | null;
  due_at: Timestamp;
  responded_at: NullableTimestamp;
}

/** First-response targets per UTC day opened, slice and (not answered yet) day due. */
interface ReportTargetDaysTable {
  workspace_id: string;
  slice: string;
  slice_value: string;
  day: Day;
  due_day: NullableDay;
  targets: number;
  responded: number;
  within: number;
}

/** One conversation's first answer and the customer's messages around it (migration 0018). */
interface ReportAnswersTable {
  workspace_id: string;
  conversation_id: string;
  at: Timestamp;
  brand_id: string | null;
  network: string | null;
  team_id: string | null;
  assignee_id: string | null;
  before_rank: number | null;
  before_score: number | null;
  after_at: NullableTimestamp;
  after_rank: number | null;
  after_score: number | null;
}

/** Sentiment change per UTC day of the first answer, slice and day of the next message. */
interface ReportAnswerDaysTable {
  workspace_id: string;
  slice: string;
  slice_value: string;
  day: Day;
  after_day: NullableDay;
  answered: number;
  improved: number;
  same: number;
  worse: number;
  unlabelled: number;
  scored: number;
  score_change: number;
}

/** Waits per UTC day, slice, measure and histogram bucket (migration 0017). */
interface ReportWaitDaysTable {
  workspace_id: string;
  measure: 'first' | 'next' | 'resolution';
  slice: string;
  slice_value: string;
  day: Day;
  bucket: number;
  waits: number;
  seconds: number;
  min_seconds: number;
  max_seconds: number;
  within_hour: number;
}

interface ReportLabelDaysTable {
  workspace_id: string;
  slice: string;
  slice_value: string;
  day: Day;
  dimension: string;
  value: string | null;
  mentions: number;
}

/** How many replies of each agent the weekly review queue samples (migration 0040). */
interface QualitySettingsTable {
  workspace_id: string;
  sample_per_agent: number;
  updated_at: Timestamp;
}

/** A workspace's scorecard; its criteria never change once made (migration 0040). */
interface QualityScorecardsTable {
  id: string;
  workspace_id: string;
  name: string;
  archived_at: NullableTimestamp;
  created_by: string | null;
  created_at: Timestamp;
}

interface QualityCriteriaTable {
  id: string;
  scorecard_id: string;
  name: string;
  weight: number;
  position: number;
}

/** One lead's review of one sent reply, with its weighted score 0–100 (migration 0040). */
interface QualityReviewsTable {
  id: string;
  workspace_id: string;
  reply_id: string;
  scorecard_id: string;
  agent_id: string | null;
  reviewer_id: string | null;
  score: number;
  note: string;
  created_at: Timestamp;
}

interface QualityReviewScoresTable {
  review_id: string;
  criterion_id: string;
  score: number;
}
