// Agents may correct what the author is doing (socialIntent), whether a post is a complaint, and
// whether it is spam, beside sentiment and intent (issue 24). A correction now re-scores the
// conversation's priority and views at once; the model's own labels stay as they were stored.
export const statements = [
  `alter table triage_corrections drop constraint triage_corrections_field_check`,
  `alter table triage_corrections add constraint triage_corrections_field_check
    check (field in ('sentiment', 'intent', 'socialIntent', 'complaint', 'spam'))`,
];
