// Closing the loop on ideas (issue 19): when an idea changes status, the customers whose posts it
// holds can be told on the thread they used. Each telling is kept per idea, status and
// conversation: told (with the reply that told them) or not told (with why), so the idea shows
// who heard back and a second send never tells anyone twice. The workspace keeps one reply
// template per status. A brand's handles and hashtags can be marked as its ideas channel: posts
// naming one are triaged as ideas.
export const statements = [
  `create table idea_notice_templates (
    workspace_id uuid not null references workspaces (id) on delete cascade,
    status text not null check (status in ('under_review', 'planned', 'done', 'declined')),
    body text not null,
    updated_by uuid references users (id) on delete set null,
    updated_at timestamptz not null,
    primary key (workspace_id, status)
  )`,
  `create table idea_notices (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    idea_id uuid not null references ideas (id) on delete cascade,
    idea_status text not null check (idea_status in ('under_review', 'planned', 'done', 'declined')),
    conversation_id uuid not null references conversations (id) on delete cascade,
    mention_id uuid references mentions (id) on delete set null,
    outcome text not null check (outcome in ('told', 'not_told')),
    reply_id uuid references replies (id) on delete set null,
    reason text check (reason in ('post_deleted', 'network_without_replies', 'customer_erased')),
    created_by uuid references users (id) on delete set null,
    created_at timestamptz not null,
    unique (idea_id, idea_status, conversation_id)
  )`,
  `create index idea_notices_workspace on idea_notices (workspace_id, idea_id, created_at)`,
  `alter table brands add column ideas_terms text[] not null default '{}'`,
];
