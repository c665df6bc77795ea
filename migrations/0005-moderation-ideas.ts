// Honest moderation, canned responses, ideas and praise, reply approvals and CSAT.
// Moderation never deletes: a mention is hidden (with its reason) and every action is kept in
// an append-only log. Replies gain two statuses the outbox never sends: 'awaiting_approval'
// (until a lead approves → 'queued') and 'rejected' (kept, with the reason).
export const statements = [
  `alter table mentions add column hidden_at timestamptz`,
  `alter table mentions add column hidden_reason text check (hidden_reason in ('spam', 'abuse'))`,
  // Set while every customer mention of the conversation is hidden: it leaves the default inbox.
  `alter table conversations add column hidden_at timestamptz`,
  `create table moderation_actions (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    action text not null check (action in ('hide', 'unhide', 'block', 'unblock')),
    mention_id uuid references mentions (id) on delete set null,
    contact_id uuid references contacts (id) on delete set null,
    conversation_id uuid,
    reason text check (reason in ('spam', 'abuse')),
    note text,
    actor_id uuid references users (id) on delete set null,
    on_network text not null check (on_network in ('done', 'not_supported', 'not_applicable')),
    created_at timestamptz not null
  )`,
  `create index moderation_actions_workspace on moderation_actions (workspace_id, created_at desc, id desc)`,
  `create trigger moderation_actions_no_update before update on moderation_actions
    for each row execute function events_append_only()`,
  `create table canned_responses (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    team_id uuid references teams (id) on delete cascade,
    name text not null check (length(name) between 1 and 200),
    body text not null,
    created_by uuid references users (id) on delete set null,
    created_at timestamptz not null,
    updated_at timestamptz not null
  )`,
  `create index canned_responses_workspace on canned_responses (workspace_id, name)`,
  `create table ideas (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    title text not null,
    description text not null default '',
    status text not null default 'new'
      check (status in ('new', 'under_review', 'planned', 'done', 'declined', 'merged')),
    declined_reason text,
    merged_into_id uuid references ideas (id),
    created_by uuid references users (id) on delete set null,
    created_at timestamptz not null,
    updated_at timestamptz not null
  )`,
  `create index ideas_workspace on ideas (workspace_id, status, created_at desc)`,
  `create table idea_mentions (
    idea_id uuid not null references ideas (id) on delete cascade,
    mention_id uuid not null references mentions (id) on delete cascade,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    primary key (idea_id, mention_id)
  )`,
  `create table idea_votes (
    idea_id uuid not null references ideas (id) on delete cascade,
    user_id uuid not null references users (id) on delete cascade,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    created_at timestamptz not null,
    primary key (idea_id, user_id)
  )`,
  `create table praise (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    mention_id uuid not null references mentions (id) on delete cascade,
    note text,
    starred_by uuid references users (id) on delete set null,
    created_at timestamptz not null,
    unique (workspace_id, mention_id)
  )`,
  `create index praise_workspace on praise (workspace_id, created_at desc)`,
  `create table reply_settings (
    workspace_id uuid primary key references workspaces (id) on delete cascade,
    approval_user_ids uuid[] not null default '{}',
    approve_tone_flagged boolean not null default false,
    csat_enabled boolean not null default false,
    csat_enabled_at timestamptz,
    csat_question text,
    updated_at timestamptz not null
  )`,
  `alter table replies drop constraint replies_status_check`,
  `alter table replies add constraint replies_status_check
    check (status in ('draft', 'awaiting_approval', 'queued', 'sent', 'failed', 'rejected'))`,
  `create table reply_approvals (
    reply_id uuid primary key references replies (id) on delete cascade,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    reasons text[] not null,
    tone_flags jsonb not null default '[]',
    decision text check (decision in ('approved', 'rejected')),
    decided_by uuid references users (id) on delete set null,
    decided_at timestamptz,
    rejection_reason text,
    created_at timestamptz not null
  )`,
  `create index reply_approvals_pending on reply_approvals (workspace_id, created_at)
    where decision is null`,
  `create table csat_surveys (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    conversation_id uuid not null references conversations (id) on delete cascade,
    resolved_at timestamptz not null,
    reply_id uuid references replies (id) on delete set null,
    status text not null default 'awaiting' check (status in ('awaiting', 'answered', 'unanswered')),
    score smallint check (score between 1 and 5),
    answer_mention_id uuid references mentions (id) on delete set null,
    answered_at timestamptz,
    created_at timestamptz not null,
    unique (conversation_id, resolved_at)
  )`,
  `create index csat_surveys_awaiting on csat_surveys (conversation_id) where status = 'awaiting'`,
  `create index csat_surveys_workspace on csat_surveys (workspace_id, created_at desc)`,
];
