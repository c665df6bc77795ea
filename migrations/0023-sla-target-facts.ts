// The SLA report's share of conversations answered within their first-response target, from
// reporting facts (issue 7): it read every conversation opened in the range (435,000 for a year
// of a million mentions).
//
// - Conversations are queued for a fold when their first-response due time or first answer
//   changes too, not only their owner.
// - report_targets: one row per conversation with a first-response target: when it opened, its
//   owner, the due time and the first answer.
// - report_target_days: per UTC day it opened, slice (the workspace, or one brand, network, team
//   or agent) and, for those not answered yet, the UTC day of the due time: how many targets,
//   how many answered, how many answered in time. A target not answered counts as decided once
//   its due time has passed: days before today from the rollup, today from the facts.
export const statements = [
  `create or replace function report_queue_owner_changes() returns trigger language plpgsql as $$
    begin
      insert into report_queue (workspace_id, conversation_id)
      select n.workspace_id, n.id from new_rows n join old_rows o on o.id = n.id
      where (n.brand_id, n.network, n.team_id, n.assignee_id, n.first_response_due_at,
          n.first_responded_at)
        is distinct from (o.brand_id, o.network, o.team_id, o.assignee_id,
          o.first_response_due_at, o.first_responded_at);
      return null;
    end $$`,
  `create table report_targets (
    workspace_id uuid not null,
    conversation_id uuid not null,
    at timestamptz not null,
    brand_id uuid,
    network text,
    team_id uuid,
    assignee_id uuid,
    due_at timestamptz not null,
    responded_at timestamptz
  )`,
  `create index report_targets_conversation on report_targets (conversation_id)`,
  `create index report_targets_at on report_targets (workspace_id, at)
    include (brand_id, network, team_id, assignee_id, due_at, responded_at)`,
  `create table report_target_days (
    workspace_id uuid not null,
    slice text not null,
    slice_value text not null,
    day date not null,
    due_day date,
    targets int not null,
    responded int not null,
    within int not null
  )`,
  `create index report_target_days_day on report_target_days (workspace_id, day)`,
  `insert into report_queue (workspace_id, conversation_id)
    select workspace_id, id from conversations order by created_at`,
];
