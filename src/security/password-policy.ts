/**
 * The one password rule, used by the API, the CLI, the first-owner settings and the web forms:
 * at least 12 characters (NIST SP 800-63B's advice is length, not character classes), at most
 * 1024 so hashing stays bounded.
 */
export const passwordMinLength = 12;
export const passwordMaxLength = 1024;

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < passwordMinLength)
    return `a password must be at least ${passwordMinLength} characters`;
  if (password.length > passwordMaxLength)
    return `a password must be at most ${passwordMaxLength} characters`;
  return undefined;
}
