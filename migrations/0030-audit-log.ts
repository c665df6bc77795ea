// The audit log (issue 17, point 8): who changed configuration or access, when, from where, and
// what it was before and after. Secrets never reach it (the app records field names, not values).
//
// Append-only like `events`, and stricter: UPDATE, DELETE and TRUNCATE are all refused, because a
// log an admin can edit proves nothing. So it has no foreign keys: removing a workspace or a user
// must not cascade into it (the row keeps the actor's label as it was). workspace_id is null for
// instance-wide events such as a failed sign-in for an unknown address.
export const statements = [
  `create table audit_log (
    id bigint generated always as identity primary key,
    workspace_id uuid,
    actor_user_id uuid,
    actor_token_id uuid,
    actor_label text not null,
    kind text not null,
    target_type text,
    target_id text,
    before jsonb,
    after jsonb,
    ip_address text,
    user_agent text,
    created_at timestamptz not null
  )`,
  `create index audit_log_workspace on audit_log (workspace_id, id desc)`,
  `create index audit_log_workspace_kind on audit_log (workspace_id, kind, id desc)`,
  `create index audit_log_workspace_actor on audit_log (workspace_id, actor_user_id, id desc)`,
  `create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'the audit log is append-only';
    end
  $$`,
  `create trigger audit_log_no_change before update or delete on audit_log
    for each row execute function audit_log_append_only()`,
  `create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`,
];
