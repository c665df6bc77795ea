/** What a member may do in a workspace, from least to most. */
export const roles = ['viewer', 'agent', 'admin', 'owner'] as const;

export type Role = (typeof roles)[number];

/** True when `role` grants at least what `required` grants. */
export function roleAtLeast(role: Role, required: Role): boolean {
  return roles.indexOf(role) >= roles.indexOf(required);
}

/** What an API token may do: read (as a viewer), agent or admin work (issue 17). */
export const tokenScopes = ['read', 'agent', 'admin'] as const;

export type TokenScope = (typeof tokenScopes)[number];

// The admin scope caps nothing: an owner's admin token can do what its owner can.
const scopeCap: Record<TokenScope, Role> = { read: 'viewer', agent: 'agent', admin: 'owner' };
const scopeNeeds: Record<TokenScope, Role> = { read: 'viewer', agent: 'agent', admin: 'admin' };

/**
 * The role a caller acts with: their membership's, capped by their token's scope when they
 * called with one. Read at every request, so a demotion or a narrower token counts at once.
 */
export function effectiveRole(role: Role, scope: TokenScope | undefined): Role {
  if (!scope) return role;
  return roleAtLeast(role, scopeCap[scope]) ? scopeCap[scope] : role;
}

/** Whether a member with this role may give a token this scope. */
export function scopeAllowed(role: Role, scope: TokenScope): boolean {
  return roleAtLeast(role, scopeNeeds[scope]);
}

/** The widest scope a member with this role may give a token. */
export function widestScope(role: Role): TokenScope {
  return roleAtLeast(role, 'admin') ? 'admin' : roleAtLeast(role, 'agent') ? 'agent' : 'read';
}
