// The Spam view: a conversation whose first mention triage flagged as spam is kept out of every
// other view, and found in its own. The flag is set once, at intake, from the assessment; a
// conversation stored before this migration takes it from the stored triage of its root mention.
// Partial indexes keep the views index walks in the inbox's sort order: the open queue (the
// default statuses, no spam, nothing hidden), which status IN (…) on the older indexes cannot
// give in order, and the Spam view.
export const statements = [
  `alter table conversations add column if not exists is_spam boolean not null default false`,
  `update conversations c set is_spam = true
    where exists (
      select 1 from mentions m
      where m.conversation_id = c.id
        and m.external_id = c.root_external_id
        and m.triage ->> 'spam' = 'true'
    )`,
  `create index if not exists conversations_queue
    on conversations (workspace_id, priority desc, due_at, id)
    where status in ('new', 'open', 'pending') and not is_spam and hidden_at is null`,
  `create index if not exists conversations_spam
    on conversations (workspace_id, priority desc, due_at, id)
    where status in ('new', 'open', 'pending') and is_spam and hidden_at is null`,
];
