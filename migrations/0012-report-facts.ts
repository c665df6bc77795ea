// Reporting facts (issue 7): reports read these instead of re-reading every message.
//
// - report_queue: conversations whose facts may be out of date. Statement triggers on mentions,
//   replies, conversations (owner changes) and events (flow events) append to it in the
//   writer's own transaction, so no change is missed and intake code needs no hook. A row per
//   statement and conversation, never a unique key: a change committed while a fold runs stays
//   queued and is folded again.
// - report_messages: one row per message (a customer's mention, the brand's mention or a sent
//   reply) with the conversation's current owner and, for a customer's message, whether and when
//   it was answered and whether it started a turn (first or next response).
// - report_flow: one row per conversation created, resolved, reopened or transferred event.
// - report_quarters: counts per quarter hour (every IANA zone is a whole number of quarter hours
//   from UTC, so local days and hours are sums of quarters), per slice: the whole workspace, or
//   one brand, network, team or agent.
// - report_label_days: customer mentions per UTC day, slice and label (volume report).
// The rollups are recomputed from the facts for every quarter and day a fold touches, so they
// always equal a fresh count of the facts (src/store/reporting/facts/report-facts-fold.ts). No foreign keys: a
// per-row check cost more than the insert itself on a backfill; every read names its workspace.
const queueFrom = (rows: string, extra = '') => `
  insert into report_queue (workspace_id, conversation_id)
  select distinct workspace_id, conversation_id from ${rows} where conversation_id is not null ${extra};
  return null;`;

/** A statement trigger that hands the rows a statement wrote (or removed) to `fn`. */
const queueTrigger = (table: string, event: string, rows: 'new' | 'old', fn: string) =>
  `create trigger ${table}_report_${event} after ${event} on ${table}
    referencing ${rows} table as ${rows}_rows for each statement execute function ${fn}()`;

export const statements = [
  `create table report_queue (
    id bigint generated always as identity primary key,
    workspace_id uuid not null,
    conversation_id uuid not null
  )`,
  `create index report_queue_workspace on report_queue (workspace_id, id)`,
  `create function report_queue_new_rows() returns trigger language plpgsql as $$
    begin ${queueFrom('new_rows')} end $$`,
  `create function report_queue_old_rows() returns trigger language plpgsql as $$
    begin ${queueFrom('old_rows')} end $$`,
  `create function report_queue_flow_events() returns trigger language plpgsql as $$
    begin ${queueFrom(
      'new_rows',
      `and type in ('conversation.created', 'conversation.status_changed',
        'conversation.reopened', 'conversation.transferred')`,
    )} end $$`,
  `create function report_queue_owner_changes() returns trigger language plpgsql as $$
    begin
      insert into report_queue (workspace_id, conversation_id)
      select n.workspace_id, n.id from new_rows n join old_rows o on o.id = n.id
      where (n.brand_id, n.network, n.team_id, n.assignee_id)
        is distinct from (o.brand_id, o.network, o.team_id, o.assignee_id);
      return null;
    end $$`,
  queueTrigger('mentions', 'insert', 'new', 'report_queue_new_rows'),
  queueTrigger('mentions', 'update', 'new', 'report_queue_new_rows'),
  queueTrigger('mentions', 'delete', 'old', 'report_queue_old_rows'),
  queueTrigger('replies', 'insert', 'new', 'report_queue_new_rows'),
  queueTrigger('replies', 'update', 'new', 'report_queue_new_rows'),
  queueTrigger('events', 'insert', 'new', 'report_queue_flow_events'),
  `create trigger conversations_report_update after update on conversations
    referencing old table as old_rows new table as new_rows
    for each statement execute function report_queue_owner_changes()`,
  `create table report_messages (
    workspace_id uuid not null,
    conversation_id uuid not null,
    at timestamptz not null,
    by_brand boolean not null,
    brand_id uuid,
    network text,
    team_id uuid,
    assignee_id uuid,
    needs_reply boolean not null,
    answered_at timestamptz,
    turn text check (turn in ('first', 'next')),
    wait_seconds float8,
    mention_network text,
    sentiment text,
    intent text,
    category text,
    language text
  )`,
  `create index report_messages_conversation on report_messages (conversation_id)`,
  `create index report_messages_at on report_messages (workspace_id, at)`,
  `create index report_messages_turns on report_messages (workspace_id, at)
    include (turn, wait_seconds, brand_id, network, team_id, assignee_id) where turn is not null`,
  `create table report_flow (
    workspace_id uuid not null,
    conversation_id uuid not null,
    at timestamptz not null,
    kind text not null check (kind in ('created', 'resolved', 'reopened', 'transferred')),
    brand_id uuid,
    network text,
    team_id uuid,
    assignee_id uuid,
    started_at timestamptz,
    resolution_seconds float8
  )`,
  `create index report_flow_conversation on report_flow (conversation_id)`,
  `create index report_flow_at on report_flow (workspace_id, at)`,
  `create index report_flow_kind on report_flow (workspace_id, kind, at)
    include (conversation_id, started_at, resolution_seconds, brand_id, network, team_id, assignee_id)`,
  `create table report_quarters (
    workspace_id uuid not null,
    slice text not null,
    slice_value text not null,
    bucket timestamptz not null,
    customer_messages int not null,
    team_replies int not null,
    needing_reply int not null,
    answered int not null,
    positive int not null,
    neutral int not null,
    negative int not null,
    other_sentiment int not null,
    opened int not null,
    resolutions int not null,
    reopens int not null,
    transfers int not null,
    primary key (workspace_id, slice, slice_value, bucket)
  )`,
  `create index report_quarters_bucket on report_quarters (workspace_id, bucket)`,
  `create table report_label_days (
    workspace_id uuid not null,
    slice text not null,
    slice_value text not null,
    day date not null,
    dimension text not null,
    value text,
    mentions int not null
  )`,
  `create index report_label_days_key on report_label_days (workspace_id, slice, slice_value, day)`,
  `create index report_label_days_day on report_label_days (workspace_id, day)`,
  // Backfill: every existing conversation is folded by the first worker pass or report.
  `insert into report_queue (workspace_id, conversation_id)
    select workspace_id, id from conversations order by created_at`,
];
