// The same customer across networks, and teammates mentioned in notes (issue 6).
//
// contacts.person_id: contacts an agent said are one person share a key (the key is one of
// their ids; null means "only myself"). Ingest still makes one contact per network identity;
// linking never moves identities or conversations, so it can be undone exactly.
//
// note_mentions: who a note mentions, and when they saw it (the "Mentioned you" list).
export const statements = [
  `alter table contacts add column person_id uuid`,
  `create index contacts_person on contacts (workspace_id, (coalesce(person_id, id)))`,
  `create table note_mentions (
    note_id uuid not null references notes (id) on delete cascade,
    user_id uuid not null references users (id) on delete cascade,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    conversation_id uuid not null references conversations (id) on delete cascade,
    created_at timestamptz not null,
    seen_at timestamptz,
    primary key (note_id, user_id)
  )`,
  `create index note_mentions_user on note_mentions (workspace_id, user_id, created_at desc)`,
];
