// Sentiment change after a reply, from reporting facts (issue 7): the report compared each
// conversation's messages around its first answer by re-reading mentions at query time (4 s for
// a year of a million mentions).
//
// - report_answers: one row per conversation the team has answered, after a customer message:
//   when it was first answered, its current owner (brand, network, team, agent), the label rank
//   (negative -1, neutral 0, positive 1) and score of the customer's last visible message before
//   that answer, and the time, rank and score of their next visible message after it.
// - report_answer_days: per UTC day of the first answer, slice (the workspace, or one brand,
//   network or team — a conversation without a team counts under '') and UTC day of the
//   customer's next message (null: none yet): how many were answered and, had the customer
//   written again by then, how many read better, the same, worse or had no label, and the sum
//   and count of score changes. A report ending on day D counts the customer as having written
//   again for every row whose next-message day is before D, and reads the facts for day D.
// Both are folded like the other facts (src/store/reporting/facts/report-facts-fold.ts); existing
// conversations are queued again so the next fold (or report) fills them.
export const statements = [
  `create table report_answers (
    workspace_id uuid not null,
    conversation_id uuid not null,
    at timestamptz not null,
    brand_id uuid,
    network text,
    team_id uuid,
    assignee_id uuid,
    before_rank smallint,
    before_score float8,
    after_at timestamptz,
    after_rank smallint,
    after_score float8
  )`,
  `create index report_answers_conversation on report_answers (conversation_id)`,
  `create index report_answers_at on report_answers (workspace_id, at)
    include (brand_id, network, team_id, assignee_id, before_rank, before_score, after_at,
      after_rank, after_score)`,
  `create table report_answer_days (
    workspace_id uuid not null,
    slice text not null,
    slice_value text not null,
    day date not null,
    after_day date,
    answered int not null,
    improved int not null,
    same int not null,
    worse int not null,
    unlabelled int not null,
    scored int not null,
    score_change float8 not null
  )`,
  `create index report_answer_days_day on report_answer_days (workspace_id, day)`,
  `insert into report_queue (workspace_id, conversation_id)
    select workspace_id, id from conversations order by created_at`,
];
