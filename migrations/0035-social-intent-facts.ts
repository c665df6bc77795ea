// Volume by socialIntent (issue 24): each customer message fact keeps what its author was doing
// (complaint, question, praise, idea, other, as triage labelled it), and the daily label rollup
// gains a `socialIntent` dimension. Existing conversations are queued again to fill it.
export const statements = [
  `alter table report_messages add column social_intent text`,
  `insert into report_queue (workspace_id, conversation_id)
    select workspace_id, id from conversations order by created_at`,
];
