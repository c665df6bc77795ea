// The SLA report's share answered within the first-response target (issue 25): the clock clears
// a conversation's first_response_due_at once it is answered or resolved (nothing is due any
// more), so the target facts, read from that column, kept only the conversations still waiting
// and the share was 0 % for every workspace. Each conversation now keeps the last first-response
// due time its clock set, which the target facts read instead.
export const statements = [
  `alter table conversations add column first_response_target_at timestamptz`,
  `update conversations set first_response_target_at = first_response_due_at
    where first_response_due_at is not null`,
];
