// The topics report on a million mentions (issue 7).
//
// - mentions_negative_customer: the texts the report reads, newest first, are the negative, not
//   hidden customer mentions of a range; this partial index holds exactly those, in time order,
//   so the latest few thousand of a year are a short backward index scan.
// - mentions_sentiment: statistics on `triage->>'sentiment'`. Without them the planner guesses
//   that a handful of mentions are negative (a third are), prefers sorting them all to walking
//   the index, and a year's report read every mention of the workspace (0.5–1.3 s on a million).
//   Analysed here once; autovacuum's analyses (PostgreSQL) and the import's keep them current.
// - report_messages_negative: a report narrowed to a brand, network, team or agent walks the
//   negative customer facts newest first instead, checking the owner from the index alone, and
//   reads the mentions of those that match: the owner is the conversation's, and checking it per
//   mention cost a conversation lookup each (25,000 a period for one brand in five).
// - mentions_hidden: the report's count of negative mentions comes from the reporting facts,
//   which include hidden mentions; it subtracts the hidden ones of the range, which are few and
//   found through this index instead of reading the range's mentions.
export const statements = [
  `create index mentions_negative_customer on mentions (workspace_id, posted_at)
    include (conversation_id)
    where not from_brand and hidden_at is null and (triage->>'sentiment') = 'negative'`,
  `create statistics mentions_sentiment on ((triage->>'sentiment')) from mentions`,
  `create index report_messages_negative on report_messages (workspace_id, at)
    include (conversation_id, brand_id, network, team_id, assignee_id)
    where not by_brand and sentiment = 'negative'`,
  `create index mentions_hidden on mentions (workspace_id, posted_at) include (conversation_id)
    where hidden_at is not null`,
  `analyze mentions`,
  `analyze report_messages`,
];
