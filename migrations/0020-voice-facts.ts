// Share of voice from the reporting facts (issue 7): the competitors report counted every
// visible, non-spam customer mention of the range by brand and sentiment at query time (a second
// for a year of a million mentions). Each message fact now says whether it counts in the brand's
// voice (a customer's mention, not hidden, not spam), and the daily label rollup gains a `voice`
// dimension (by sentiment) for those. Existing conversations are queued again to fill it.
export const statements = [
  `alter table report_messages add column in_voice boolean not null default false`,
  `insert into report_queue (workspace_id, conversation_id)
    select workspace_id, id from conversations order by created_at`,
];
