// Channel health and editable connections (issue 14).
//
// - account_external_id: the network's id for the account (validateCredentials' accountId), so
//   connecting an account that was removed brings its old row back — with the mentions it heard
//   and the replies that answer them — instead of starting a second row the old replies cannot
//   reach.
// - last_heard_at: when the source last heard from the network (a frame, a poll answer, a
//   keep-alive), written a few times a minute; /metrics shows the seconds since.
// - listening_failed_at: set while the health monitor holds the account in `error` because its
//   source cannot connect or went silent. Unlike an error from a refused credential check, such
//   an account is still listened to, and turns `active` again by itself once the network answers.
// - alerts.kind gains 'channel_error'.
export const statements = [
  `alter table channel_accounts add column account_external_id text`,
  `alter table channel_accounts add column last_heard_at timestamptz`,
  `alter table channel_accounts add column listening_failed_at timestamptz`,
  `create index channel_accounts_external on channel_accounts (workspace_id, network, account_external_id)`,
  `alter table alerts drop constraint alerts_kind_check`,
  `alter table alerts add constraint alerts_kind_check
    check (kind in ('spike', 'viral', 'sla_breach', 'test', 'channel_error'))`,
];
