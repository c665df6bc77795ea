// Channel accounts are removed softly: the mentions they heard keep naming the account, a second
// removal is a no-op, and the credentials are wiped at once. The handle the network reported when
// the credentials were checked is shown beside the account's name.
// Written with "if not exists" so it is safe to apply to a database that already has it.
export const statements = [
  `alter table channel_accounts add column if not exists removed_at timestamptz`,
  `alter table channel_accounts add column if not exists account_handle text`,
  `create index if not exists channel_accounts_runnable on channel_accounts (status)
    where removed_at is null and not simulated`,
];
