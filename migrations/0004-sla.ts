// SLAs, business hours and follow-ups. Policies are removed softly (archived_at) so a second
// removal answers the same and the escalations they caused keep meaning something. The SLA clock
// lives on the conversation: paused time (waiting on the customer), the policy that set the due
// times, and sla_check_at — the next moment the scheduler must look (a warning or a breach).
// sla_escalations holds one row per (conversation, target, kind, due time): its key is what makes
// each warning and breach happen exactly once, however many schedulers run.
export const statements = [
  `create table sla_policies (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    name text not null check (length(name) between 1 and 200),
    team_id uuid references teams (id) on delete cascade,
    min_priority smallint check (min_priority between 0 and 100),
    max_priority smallint check (max_priority between 0 and 100),
    first_response_minutes integer check (first_response_minutes > 0),
    next_response_minutes integer check (next_response_minutes > 0),
    resolution_minutes integer check (resolution_minutes > 0),
    warn_before_minutes integer not null default 0 check (warn_before_minutes >= 0),
    escalation jsonb not null default '{}',
    archived_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index sla_policies_workspace on sla_policies (workspace_id) where archived_at is null`,
  `create table team_business_hours (
    team_id uuid primary key references teams (id) on delete cascade,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    always_open boolean not null default false,
    time_zone text not null,
    week jsonb not null default '{}',
    holidays text[] not null default '{}',
    acknowledgement text,
    follow_the_sun_group text,
    updated_at timestamptz not null default now()
  )`,
  `create index team_business_hours_workspace on team_business_hours (workspace_id)`,
  `alter table conversations add column sla_policy_id uuid references sla_policies (id) on delete set null`,
  `alter table conversations add column sla_paused_minutes double precision not null default 0`,
  `alter table conversations add column sla_paused_since timestamptz`,
  `alter table conversations add column sla_check_at timestamptz`,
  `alter table conversations add column follow_up_at timestamptz`,
  `alter table conversations add column follow_up_user_id uuid references users (id) on delete set null`,
  `create index conversations_sla_check on conversations (sla_check_at) where sla_check_at is not null`,
  `create index conversations_follow_up on conversations (follow_up_at) where follow_up_at is not null`,
  `create table sla_escalations (
    workspace_id uuid not null references workspaces (id) on delete cascade,
    conversation_id uuid not null references conversations (id) on delete cascade,
    target text not null check (target in ('first_response', 'next_response', 'resolution')),
    kind text not null check (kind in ('warning', 'breach')),
    due_at timestamptz not null,
    policy_id uuid references sla_policies (id) on delete set null,
    created_at timestamptz not null default now(),
    primary key (conversation_id, target, kind, due_at)
  )`,
  `create index sla_escalations_workspace on sla_escalations (workspace_id, created_at)`,
];
