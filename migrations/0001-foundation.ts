// The foundation schema: tenants, people, brands, channels, contacts, mentions, conversations,
// replies (the outbox), notes, tags, and the append-only event log reports are computed from.
// Forward-only: never edit a migration that has shipped; add the next one.
export const statements = [
  `create table workspaces (
    id uuid primary key,
    name text not null check (length(name) between 1 and 200),
    created_at timestamptz not null default now()
  )`,
  `create table users (
    id uuid primary key,
    email text not null unique check (email = lower(email)),
    name text not null,
    password_hash text,
    created_at timestamptz not null default now()
  )`,
  `create table memberships (
    workspace_id uuid not null references workspaces (id) on delete cascade,
    user_id uuid not null references users (id) on delete cascade,
    role text not null check (role in ('owner', 'admin', 'agent', 'viewer')),
    available boolean not null default true,
    created_at timestamptz not null default now(),
    primary key (workspace_id, user_id)
  )`,
  `create index memberships_user on memberships (user_id)`,
  `create table sessions (
    token_hash text primary key,
    user_id uuid not null references users (id) on delete cascade,
    csrf_token text not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null
  )`,
  `create index sessions_user on sessions (user_id)`,
  `create table api_tokens (
    id uuid primary key,
    user_id uuid not null references users (id) on delete cascade,
    name text not null,
    token_hash text not null unique,
    created_at timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at timestamptz
  )`,
  `create table teams (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    name text not null,
    created_at timestamptz not null default now(),
    unique (workspace_id, name)
  )`,
  `create table team_members (
    team_id uuid not null references teams (id) on delete cascade,
    user_id uuid not null references users (id) on delete cascade,
    primary key (team_id, user_id)
  )`,
  `create table brands (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    name text not null,
    handles text[] not null default '{}',
    keywords text[] not null default '{}',
    is_competitor boolean not null default false,
    created_at timestamptz not null default now(),
    unique (workspace_id, name)
  )`,
  `create table channel_accounts (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    brand_id uuid not null references brands (id) on delete cascade,
    network text not null,
    name text not null,
    credentials_encrypted text,
    simulated boolean not null default false,
    status text not null default 'active' check (status in ('active', 'paused', 'error')),
    cursor text,
    last_event_at timestamptz,
    last_error text,
    last_error_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index channel_accounts_workspace on channel_accounts (workspace_id)`,
  `create table contacts (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    display_name text not null,
    blocked_at timestamptz,
    created_at timestamptz not null default now()
  )`,
  `create table contact_identities (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    contact_id uuid not null references contacts (id) on delete cascade,
    network text not null,
    external_id text not null,
    handle text not null,
    display_name text,
    followers integer,
    url text,
    updated_at timestamptz not null default now(),
    unique (workspace_id, network, external_id)
  )`,
  `create index contact_identities_contact on contact_identities (contact_id)`,
  `create table conversations (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    brand_id uuid not null references brands (id) on delete cascade,
    contact_id uuid not null references contacts (id) on delete cascade,
    network text not null,
    root_external_id text,
    is_private boolean not null default false,
    status text not null default 'new' check (status in ('new', 'open', 'pending', 'snoozed', 'resolved')),
    priority smallint not null default 0 check (priority between 0 and 100),
    team_id uuid references teams (id) on delete set null,
    assignee_id uuid references users (id) on delete set null,
    tags text[] not null default '{}',
    sentiment text,
    preview text not null default '',
    needs_reply boolean not null default true,
    mention_count integer not null default 0,
    first_response_due_at timestamptz,
    next_response_due_at timestamptz,
    resolution_due_at timestamptz,
    due_at timestamptz not null default '9999-12-31 23:59:59+00',
    first_responded_at timestamptz,
    snoozed_until timestamptz,
    resolved_at timestamptz,
    last_message_at timestamptz not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  // The inbox views: one index per way agents slice the queue, each ending in the sort order.
  `create index conversations_inbox on conversations (workspace_id, status, priority desc, due_at, id)`,
  `create index conversations_assignee on conversations (workspace_id, assignee_id, status, priority desc, due_at, id)`,
  `create index conversations_team on conversations (workspace_id, team_id, status, priority desc, due_at, id)`,
  `create index conversations_updated on conversations (workspace_id, updated_at desc)`,
  `create index conversations_due on conversations (due_at) where status in ('new', 'open')`,
  `create index conversations_contact on conversations (contact_id)`,
  `create index conversations_thread on conversations (workspace_id, network, root_external_id)`,
  `create table mentions (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    conversation_id uuid not null references conversations (id) on delete cascade,
    channel_account_id uuid references channel_accounts (id) on delete set null,
    network text not null,
    external_id text not null,
    text text not null,
    author_external_id text not null,
    author_handle text not null,
    author_display_name text,
    author_followers integer,
    url text,
    posted_at timestamptz not null,
    received_at timestamptz not null default now(),
    parent_external_id text,
    root_external_id text,
    is_private boolean not null default false,
    from_brand boolean not null default false,
    language text,
    engagement jsonb not null default '{}',
    triage jsonb,
    raw jsonb,
    search tsvector generated always as (to_tsvector('simple', left(text, 100000))) stored,
    unique (workspace_id, network, external_id)
  )`,
  `create index mentions_conversation on mentions (conversation_id, posted_at)`,
  `create index mentions_search on mentions using gin (search)`,
  `create index mentions_received on mentions (workspace_id, received_at)`,
  `create table replies (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    conversation_id uuid not null references conversations (id) on delete cascade,
    in_reply_to_mention_id uuid references mentions (id) on delete set null,
    author_id uuid references users (id) on delete set null,
    network text not null,
    text text not null,
    visibility text not null check (visibility in ('public', 'private')),
    status text not null check (status in ('draft', 'queued', 'sent', 'failed')),
    idempotency_key text not null unique,
    external_id text,
    url text,
    error text,
    attempts integer not null default 0,
    next_attempt_at timestamptz,
    locked_until timestamptz,
    sent_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index replies_conversation on replies (conversation_id, created_at)`,
  `create index replies_outbox on replies (next_attempt_at) where status = 'queued'`,
  `create table notes (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    conversation_id uuid not null references conversations (id) on delete cascade,
    author_id uuid references users (id) on delete set null,
    body text not null,
    created_at timestamptz not null default now()
  )`,
  `create index notes_conversation on notes (conversation_id, created_at)`,
  `create table tags (
    workspace_id uuid not null references workspaces (id) on delete cascade,
    name text not null,
    color text,
    primary key (workspace_id, name)
  )`,
  `create table events (
    id bigint generated always as identity primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    type text not null,
    actor_type text not null check (actor_type in ('user', 'system', 'customer')),
    actor_id uuid,
    conversation_id uuid,
    data jsonb not null default '{}',
    occurred_at timestamptz not null
  )`,
  `create index events_workspace_type on events (workspace_id, type, occurred_at)`,
  `create index events_conversation on events (conversation_id, id)`,
  // The event log is append-only: history that can be rewritten cannot be trusted by reports.
  `create function events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'events are append-only';
    end
  $$`,
  `create trigger events_no_update before update on events
    for each row execute function events_append_only()`,
  `create table rejected_records (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    channel_account_id uuid references channel_accounts (id) on delete set null,
    source text not null,
    reason text not null,
    line integer,
    payload text not null,
    created_at timestamptz not null default now()
  )`,
  `create index rejected_records_workspace on rejected_records (workspace_id, created_at desc)`,
];
