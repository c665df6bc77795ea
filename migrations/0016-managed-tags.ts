// The workspace's managed tag list (issue 6). The `tags` table of 0001 was never written to, so
// it is reshaped in place: an id for URLs (a tag's name may hold any character and changes on
// rename), an optional description, and soft removal (removing a tag from the list leaves the
// conversations that carry it as they are, and a removed tag answers 204 when removed again).
// Names are unique among the live tags, ignoring case, so "Refund" and "refund" never both list.
export const statements = [
  `alter table tags add column id uuid`,
  `update tags set id = gen_random_uuid()`,
  `alter table tags alter column id set not null`,
  `alter table tags drop constraint tags_pkey`,
  `alter table tags add primary key (id)`,
  `alter table tags add column description text`,
  `alter table tags add column created_at timestamptz not null default now()`,
  `alter table tags add column updated_at timestamptz not null default now()`,
  `alter table tags add column deleted_at timestamptz`,
  `create unique index tags_live_name on tags (workspace_id, lower(name)) where deleted_at is null`,
];
