// Single sign-on with OpenID Connect (issue 17, point 6).
//
// - workspaces.sso_only: the owner's "SSO only" setting. While the instance has a provider
//   configured, members of the workspace cannot sign in with a password, and a session opened
//   with a password cannot reach the workspace (API tokens are unaffected).
// - sessions.signed_in_with: how a session was opened, so the rule above can be checked on every
//   request, including for sessions opened before the setting was turned on.
export const statements = [
  `alter table workspaces add column sso_only boolean not null default false`,
  `alter table sessions add column signed_in_with text not null default 'password'
    check (signed_in_with in ('password', 'sso'))`,
];
