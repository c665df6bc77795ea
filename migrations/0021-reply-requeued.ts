// A reply queued again by hand (Retry on a failed reply) starts a fresh count of attempts, so
// the outbox could not tell it had been tried before: on a network without an idempotency key
// it posted without first looking for the copy an earlier attempt may have made. requeued_at
// says it was (src/pipeline/outbox/outbox.ts looks first whenever a reply was tried before).
export const statements = [`alter table replies add column requeued_at timestamptz`];
