// Exact response and resolution percentiles without sorting every wait of the range (issue 7).
//
// - wait_bucket (report_messages: a turn's wait; report_flow: a resolution's time): a generated
//   column, four buckets per doubling of the wait (0: under a second). Stored with the fact, so
//   the rollup and the reports can never disagree on which bucket a wait belongs to.
// - report_wait_days: per UTC day, slice (as report_quarters), measure (first, next,
//   resolution) and bucket: how many waits, their sum, least and greatest, and how many took at
//   most an hour.
// A report sums the buckets of its range (rollup days plus the facts at either end), walks them
// to the bucket that holds the rank a median or p90 needs, and reads only that bucket's facts in
// the range (an index range scan), sorted — none when all its waits are equal: the same figure percentile_cont gives over every
// wait, from a few thousand rows instead of hundreds of thousands.
const bucketOf = (seconds: string) =>
  `case when ${seconds} < 1 then 0 else 1 + floor(ln(${seconds}) * 5.7707801635558535)::int end`;

const slices = `cross join lateral (values ('all', ''), ('brand', r.brand_id::text),
    ('network', r.network), ('team', r.team_id::text), ('agent', r.assignee_id::text))
  s(slice, value)`;

export const statements = [
  `alter table report_messages add column wait_bucket smallint generated always as (
    case when turn is not null and wait_seconds is not null then ${bucketOf('wait_seconds')} end
  ) stored`,
  `alter table report_flow add column wait_bucket smallint generated always as (
    case when kind = 'resolved' and resolution_seconds is not null
      then ${bucketOf('resolution_seconds')} end
  ) stored`,
  `create index report_messages_wait_buckets on report_messages (workspace_id, turn, wait_bucket, at)
    include (wait_seconds, brand_id, network, team_id, assignee_id) where wait_bucket is not null`,
  `create index report_flow_wait_buckets on report_flow (workspace_id, wait_bucket, at)
    include (resolution_seconds, brand_id, network, team_id, assignee_id)
    where wait_bucket is not null`,
  `create table report_wait_days (
    workspace_id uuid not null,
    measure text not null check (measure in ('first', 'next', 'resolution')),
    slice text not null,
    slice_value text not null,
    day date not null,
    bucket smallint not null,
    waits int not null,
    seconds float8 not null,
    min_seconds float8 not null,
    max_seconds float8 not null,
    within_hour int not null,
    primary key (workspace_id, measure, slice, slice_value, day, bucket)
  )`,
  `create index report_wait_days_day on report_wait_days (workspace_id, day)`,
  // The facts already folded get their buckets from the generated columns; their days now.
  `insert into report_wait_days (workspace_id, measure, slice, slice_value, day, bucket, waits,
      seconds, min_seconds, max_seconds, within_hour)
    select r.workspace_id, r.measure, s.slice, s.value, r.day, r.bucket, count(*)::int,
      sum(r.seconds), min(r.seconds), max(r.seconds),
      (count(*) filter (where r.seconds <= 3600))::int
    from (
      select workspace_id, turn as measure, (at at time zone 'UTC')::date as day,
        wait_bucket as bucket, wait_seconds as seconds, brand_id, network, team_id, assignee_id
      from report_messages where wait_bucket is not null
      union all
      select workspace_id, 'resolution', (at at time zone 'UTC')::date, wait_bucket,
        resolution_seconds, brand_id, network, team_id, assignee_id
      from report_flow where wait_bucket is not null) r
    ${slices}
    where s.value is not null
    group by r.workspace_id, r.measure, s.slice, s.value, r.day, r.bucket`,
];
