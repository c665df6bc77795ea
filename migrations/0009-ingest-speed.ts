// Ingest speed (bench/README.md, "Ingest"): every mention row paid for two things nothing uses.
// - The foreign key from mentions.workspace_id to workspaces: a mention's conversation already
//   belongs to the workspace and is deleted with it (and the mention with the conversation), so
//   the key only added a lookup and a trigger per row inserted.
// - The index on (workspace_id, received_at): no query filters or sorts mentions by when they
//   arrived (reports use posted_at, the SLA clock goes through the conversation).
export const statements = [
  `alter table mentions drop constraint if exists mentions_workspace_id_fkey`,
  `drop index if exists mentions_received`,
];
