// Privacy requests (issue 17, point 9).
//
// - contacts.erased_at, mentions.erased_at: when a customer's personal data was replaced by a
//   tombstone at their request. The rows stay (reports keep their counts); a later edit of the
//   post on the network never writes its words back, and the topics report skips them.
// - privacy_requests: who exported or erased whose data, when and why. Append-only, like events.
export const statements = [
  `alter table contacts add column erased_at timestamptz`,
  `alter table mentions add column erased_at timestamptz`,
  `create table privacy_requests (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    contact_id uuid references contacts (id) on delete set null,
    kind text not null check (kind in ('export', 'erasure')),
    reason text,
    requested_by uuid references users (id) on delete set null,
    created_at timestamptz not null
  )`,
  `create index privacy_requests_workspace on privacy_requests (workspace_id, created_at desc)`,
  `create trigger privacy_requests_no_update before update on privacy_requests
    for each row execute function events_append_only()`,
];
