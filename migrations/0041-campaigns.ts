// Share contests (issue 19): a campaign names the brand's own posts people are asked to share,
// the window it is open and what counts. Shares are not stored apart: they are read from the
// mentions heard through the usual listening channels, so nothing heard is missed and nothing
// is counted twice. Each draw is kept with its method, published seed, entrants and winners so
// anyone can repeat it.
export const statements = [
  `create table campaigns (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    brand_id uuid not null references brands (id) on delete cascade,
    name text not null,
    starts_at timestamptz not null,
    ends_at timestamptz not null check (ends_at > starts_at),
    required_hashtag text,
    entry_mode text not null check (entry_mode in ('per_person', 'per_share')),
    excluded_author_ids text[] not null default '{}',
    budget_cents integer check (budget_cents >= 0),
    created_by uuid references users (id) on delete set null,
    created_at timestamptz not null
  )`,
  `create index campaigns_workspace on campaigns (workspace_id, starts_at)`,
  `create table campaign_posts (
    campaign_id uuid not null references campaigns (id) on delete cascade,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    network text not null,
    external_id text not null,
    primary key (campaign_id, network, external_id)
  )`,
  `create table campaign_draws (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    campaign_id uuid not null references campaigns (id) on delete cascade,
    method text not null check (method in ('most_shares', 'random')),
    seed text,
    winner_count integer not null check (winner_count > 0),
    entrant_ids text[] not null,
    winner_ids text[] not null,
    drawn_by uuid references users (id) on delete set null,
    drawn_at timestamptz not null
  )`,
  `create index campaign_draws_campaign on campaign_draws (campaign_id, drawn_at)`,
  // A campaign's shares are found by the post they answer or the thread they sit in.
  `create index mentions_parent_external on mentions (workspace_id, network, parent_external_id)`,
  `create index mentions_root_external on mentions (workspace_id, network, root_external_id)`,
];
