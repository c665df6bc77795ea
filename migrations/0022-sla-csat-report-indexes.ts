// The SLA and CSAT reports on a year of a million mentions (issue 7) scanned every conversation,
// escalation and survey of the workspace: none of their tables had an index on the time the
// reports select by. Covering indexes let each read only its range (index-only where the rows
// are settled). SLA: breaches by due time (the share answered in time reads reporting facts,
// migration 0023). CSAT: answered ratings by answer time, surveys by resolution time.
export const statements = [
  `create index sla_escalations_due on sla_escalations (workspace_id, kind, due_at)
    include (target, conversation_id)`,
  `create index csat_surveys_answered on csat_surveys (workspace_id, answered_at)
    include (score, conversation_id) where status = 'answered' and score is not null`,
  `create index csat_surveys_resolved on csat_surveys (workspace_id, resolved_at)
    include (conversation_id)`,
];
