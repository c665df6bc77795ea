// Routing: rules per workspace (evaluated by position), a default category → team map, what each
// agent can take (capacity, skills; `memberships.available` says whether they are in), and what
// routing decided, kept on the conversation so agents see why it landed with them.
// Rules are removed softly: conversations keep naming the rule that routed them.
export const statements = [
  `create table routing_rules (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    position integer not null,
    name text not null,
    enabled boolean not null default true,
    conditions jsonb not null default '[]' check (jsonb_typeof(conditions) = 'array'),
    actions jsonb not null default '{}' check (jsonb_typeof(actions) = 'object'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    deleted_at timestamptz
  )`,
  `create index routing_rules_workspace on routing_rules (workspace_id, position)
    where deleted_at is null`,
  `create table routing_category_teams (
    workspace_id uuid not null references workspaces (id) on delete cascade,
    category text not null,
    team_id uuid not null references teams (id) on delete cascade,
    primary key (workspace_id, category)
  )`,
  // null: no limit on open conversations.
  `alter table memberships add column max_open integer check (max_open >= 0)`,
  `alter table memberships add column skills text[] not null default '{}'`,
  // Round robin: the least recently auto-assigned available agent goes next.
  `alter table memberships add column last_auto_assigned_at timestamptz`,
  `alter table conversations add column routing_rule_id uuid references routing_rules (id)`,
  `alter table conversations add column routing_reason text`,
  `alter table conversations add column routed_at timestamptz`,
];
