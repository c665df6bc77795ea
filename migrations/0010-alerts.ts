// Alerts (issue 7): spikes, viral posts and SLA breaches, each raised once (a unique key per
// workspace), shown in the app and delivered once to each configured destination (a unique
// (alert, destination) delivery row, retried with backoff by the alert worker).
export const statements = [
  `create table alerts (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    kind text not null check (kind in ('spike', 'viral', 'sla_breach', 'test')),
    dedupe_key text not null,
    brand_id uuid references brands (id) on delete set null,
    conversation_id uuid references conversations (id) on delete set null,
    mention_id uuid references mentions (id) on delete set null,
    summary text not null,
    data jsonb not null default '{}',
    created_at timestamptz not null,
    acknowledged_at timestamptz,
    acknowledged_by uuid references users (id) on delete set null,
    unique (workspace_id, dedupe_key)
  )`,
  `create index alerts_newest on alerts (workspace_id, created_at desc, id desc)`,
  `create table alert_destinations (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    kind text not null check (kind in ('webhook', 'email')),
    target text not null,
    secret_encrypted text,
    enabled boolean not null default true,
    created_at timestamptz not null,
    deleted_at timestamptz
  )`,
  `create index alert_destinations_workspace on alert_destinations (workspace_id)`,
  `create table alert_deliveries (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    alert_id uuid not null references alerts (id) on delete cascade,
    destination_id uuid not null references alert_destinations (id) on delete cascade,
    status text not null check (status in ('pending', 'sent', 'failed')),
    attempts int not null default 0,
    next_attempt_at timestamptz,
    last_error text,
    sent_at timestamptz,
    created_at timestamptz not null,
    unique (alert_id, destination_id)
  )`,
  `create index alert_deliveries_due on alert_deliveries (next_attempt_at) where status = 'pending'`,
  // The detectors' memory between passes: one row, written by whichever process holds the lock.
  `create table alert_scan_state (
    id text primary key,
    scanned_until timestamptz not null,
    spike jsonb not null default '{}'
  )`,
  // The spike detector counts mentions by when Earshot received them, so late posts still count.
  `create index mentions_received on mentions (received_at)`,
];
