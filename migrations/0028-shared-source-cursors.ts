// One subscription per relay for every account in the deployment (issue 14): the position of
// each shared source (a Bluesky relay's firehose seq), stored in the transaction that stores
// what it heard, so the process that takes the source over resumes exactly there.
export const statements = [
  `create table shared_source_cursors (
    source_key text primary key,
    cursor text not null,
    updated_at timestamptz not null
  )`,
];
