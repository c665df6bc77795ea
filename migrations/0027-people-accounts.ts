// People and accounts (issue 17, points 1–4).
//
// - invitations: a one-time link that lets someone set their own password and join a workspace.
//   Only the SHA-256 of its secret is kept; accepted_at / revoked_at make it single-use.
// - password_resets: a one-time, short-lived reset link, stored the same way.
// - users.deactivated_at: an offboarded user keeps everything they wrote but cannot sign in.
// - sessions get an id (to list and end one without showing its secret), last_seen_at for the
//   idle timeout, and the browser that opened it.
// - api_tokens get a scope (read, agent, admin) and an optional expiry.
export const statements = [
  `create table invitations (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    email text not null check (email = lower(email)),
    name text,
    role text not null check (role in ('owner', 'admin', 'agent', 'viewer')),
    token_hash text not null unique,
    invited_by uuid references users (id) on delete set null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    accepted_at timestamptz,
    revoked_at timestamptz
  )`,
  `create index invitations_workspace on invitations (workspace_id, created_at)`,
  `create table password_resets (
    token_hash text primary key,
    user_id uuid not null references users (id) on delete cascade,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at timestamptz
  )`,
  `create index password_resets_user on password_resets (user_id)`,
  `alter table users add column deactivated_at timestamptz`,
  `alter table sessions add column id uuid not null default gen_random_uuid()`,
  `create unique index sessions_id on sessions (id)`,
  `alter table sessions add column last_seen_at timestamptz not null default now()`,
  `alter table sessions add column user_agent text`,
  `alter table api_tokens add column scope text not null default 'admin'
    check (scope in ('read', 'agent', 'admin'))`,
  `alter table api_tokens add column expires_at timestamptz`,
];
