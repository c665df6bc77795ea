/** What a member may do in a workspace, from least to most. */
export const roles = ['viewer', 'agent', 'admin', 'owner'] as const;

export type Role = (typeof roles)[number];

/** True when `role` grants at least what `required` grants. */
export function roleAtLeast(role: Role, required: Role): boolean {
  return roles.indexOf(role) >= roles.indexOf(required);
}
