// Two-factor sign-in (issue 17, point 5).
//
// - two_factor_credentials: a user's TOTP secret, encrypted with the instance's secret key (like
//   channel credentials). enabled_at is null while an enrolment waits for its first code;
//   last_used_step is the last 30-second step a code was accepted for, so no code works twice.
// - two_factor_recovery_codes: ten one-time codes per user, only their SHA-256 kept (each is 60
//   random bits: nothing to slow down); used_at makes each single-use.
// - two_factor_challenges: the short-lived, single-use proof that a password was right, traded
//   with a code for a session. Only its hash is kept.
// - workspaces.require_two_factor: the owner's setting; members without two-factor sign-in reach
//   none of the workspace's routes until they enrol.
export const statements = [
  `create table two_factor_credentials (
    user_id uuid primary key references users (id) on delete cascade,
    secret_encrypted text not null,
    created_at timestamptz not null default now(),
    enabled_at timestamptz,
    last_used_step integer
  )`,
  `create table two_factor_recovery_codes (
    user_id uuid not null references users (id) on delete cascade,
    code_hash text not null,
    used_at timestamptz,
    primary key (user_id, code_hash)
  )`,
  `create table two_factor_challenges (
    token_hash text primary key,
    user_id uuid not null references users (id) on delete cascade,
    expires_at timestamptz not null,
    failed_attempts integer not null default 0
  )`,
  `create index two_factor_challenges_user on two_factor_challenges (user_id)`,
  `alter table workspaces add column require_two_factor boolean not null default false`,
];
