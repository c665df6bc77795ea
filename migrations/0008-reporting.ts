// Indexes for the reports (src/store/reports-*.ts): they select by when a message was written
// (mentions.posted_at, replies.sent_at), which the inbox's indexes do not cover. The included
// columns let the range scan answer "which conversations, customer or brand" from the index.
export const statements = [
  `create index mentions_posted on mentions (workspace_id, posted_at) include (conversation_id, from_brand)`,
  `create index replies_sent on replies (workspace_id, sent_at) include (conversation_id) where status = 'sent'`,
];
