// Coaching and quality review (issue 19, point 4). After a reply goes out, a lead scores a
// weekly sample of each agent's replies against a scorecard the workspace defines.
//
// - quality_settings: how many replies of each agent the weekly queue samples.
// - quality_scorecards, quality_criteria: named criteria with weights. A scorecard's criteria
//   never change once made, so a review's scores keep their meaning; a new version is a new
//   scorecard and the old one is archived.
// - quality_reviews: one review per reply, with the weighted score (0–100, computed by the
//   domain when it was saved), the reply's author and the reviewer, and the coaching note.
// - quality_review_scores: the 1–5 score given for each criterion.
export const statements = [
  `create table quality_settings (
    workspace_id uuid primary key references workspaces (id) on delete cascade,
    sample_per_agent integer not null check (sample_per_agent between 0 and 50),
    updated_at timestamptz not null
  )`,
  `create table quality_scorecards (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    name text not null,
    archived_at timestamptz,
    created_by uuid references users (id) on delete set null,
    created_at timestamptz not null
  )`,
  `create index quality_scorecards_workspace on quality_scorecards (workspace_id, created_at)`,
  `create table quality_criteria (
    id uuid primary key,
    scorecard_id uuid not null references quality_scorecards (id) on delete cascade,
    name text not null,
    weight integer not null check (weight between 1 and 100),
    position integer not null,
    unique (scorecard_id, position)
  )`,
  `create table quality_reviews (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    reply_id uuid not null unique references replies (id) on delete cascade,
    scorecard_id uuid not null references quality_scorecards (id),
    agent_id uuid references users (id) on delete set null,
    reviewer_id uuid references users (id) on delete set null,
    score real not null check (score between 0 and 100),
    note text not null,
    created_at timestamptz not null
  )`,
  `create index quality_reviews_agent on quality_reviews (workspace_id, agent_id, created_at desc)`,
  `create table quality_review_scores (
    review_id uuid not null references quality_reviews (id) on delete cascade,
    criterion_id uuid not null references quality_criteria (id),
    score smallint not null check (score between 1 and 5),
    primary key (review_id, criterion_id)
  )`,
];
