// A customer deleting or editing a post we hold (issue 14). Our copy stays: deleted_at says the
// author deleted it on the network (no reply is ever sent to it), edited_at when it last changed.
// text becomes what the network shows now, so search and triage read the current words; edits
// keeps each earlier version, oldest first, as { text, replacedAt }, for agents to see.
export const statements = [
  `alter table mentions
    add column deleted_at timestamptz,
    add column edited_at timestamptz,
    add column edits jsonb not null default '[]'::jsonb`,
];
