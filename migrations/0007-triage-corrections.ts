// Agents' corrections of triage (issue 4): one row per mention and corrected field. The
// mention's stored triage keeps what the model said; the correction is kept beside it, with the
// model's label copied at the time, so the report can count how often the model was wrong and
// the export can feed a later retraining.
export const statements = [
  `create table triage_corrections (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    mention_id uuid not null references mentions (id) on delete cascade,
    field text not null check (field in ('sentiment', 'intent')),
    model_label text,
    corrected_label text not null,
    corrected_by uuid references users (id) on delete set null,
    corrected_at timestamptz not null,
    unique (mention_id, field)
  )`,
  `create index triage_corrections_workspace on triage_corrections (workspace_id, field, corrected_at)`,
];
