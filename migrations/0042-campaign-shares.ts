// Share contests hear quotes and reposts too (issue 19, part 3), and can ask for a minimum
// account age. A quote is a mention that embeds another post: the quoted post's network id is
// kept on the mention. A repost carries no text and is not a mention (nothing to answer): it is
// kept as a share record of its own, only when it reposts a post of a connected brand account
// (ADR 0010). An author's account creation time comes from the network: on the post (Mastodon,
// X) or from the profile fetched after intake (Bluesky, on the identity or the repost).
export const statements = [
  `alter table mentions add column quoted_external_id text`,
  `alter table mentions add column author_created_at timestamptz`,
  `create index mentions_quoted_external on mentions (workspace_id, network, quoted_external_id)
    where quoted_external_id is not null`,
  // A campaign's "new voices": authors of the window never heard before it (one probe each).
  `create index mentions_author on mentions (workspace_id, network, author_external_id, posted_at)`,
  `alter table contact_identities add column account_created_at timestamptz`,
  `create table reposts (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    brand_id uuid not null references brands (id) on delete cascade,
    channel_account_id uuid references channel_accounts (id) on delete set null,
    network text not null,
    external_id text not null,
    subject_external_id text not null,
    author_external_id text not null,
    author_handle text not null,
    author_followers integer,
    author_created_at timestamptz,
    url text,
    reposted_at timestamptz not null,
    received_at timestamptz not null,
    unique (workspace_id, network, external_id)
  )`,
  `create index reposts_subject on reposts (workspace_id, network, subject_external_id)`,
  // A reposter's account age is filled in, and an erased person's reposts found, by author.
  `create index reposts_author on reposts (workspace_id, network, author_external_id)`,
  `alter table campaigns add column share_kinds text[] not null default '{reply}'
    check (share_kinds <@ array['reply', 'quote', 'repost'] and cardinality(share_kinds) > 0)`,
  `alter table campaigns add column min_account_age_days integer
    check (min_account_age_days between 1 and 36500)`,
];
