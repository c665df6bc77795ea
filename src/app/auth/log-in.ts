import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { defaultScryptCost, verifyPassword } from '../../security/passwords.ts';
import { generateToken, hashToken } from '../../security/tokens.ts';
import type { Database, SignInMethod } from '../../store/schema.ts';
import { createSession } from '../../store/sessions.repository.ts';
import { findUserByEmail } from '../../store/users.repository.ts';
import { findSessionAccess } from '../../store/two-factor.repository.ts';
import { recordAudit, recordForUser } from '../audit.ts';
import type { RequestOrigin } from '../use-case.ts';

const defaultSessionLifetimeMs = 14 * 24 * 60 * 60 * 1000;

// A hash of a password nobody has, at the cost real hashes have, checked when the email is
// unknown, so both failures take the same time and do not reveal which emails have accounts.
const { N, r, p } = defaultScryptCost;
const decoyHash = `scrypt$${N}$${r}$${p}$${'A'.repeat(22)}==$${'A'.repeat(43)}=`;

/**
 * The user whose email and password these are, or undefined. Takes as long for an unknown email
 * as for a wrong password; the caller decides how many run at once.
 */
export async function checkCredentials(db: Kysely<Database>, email: string, password: string) {
  const found = await findUserByEmail(db, email);
  const valid = await verifyPassword(password, found?.password_hash ?? decoyHash);
  // A deactivated user's password is checked all the same, so the answer takes as long.
  return found && found.password_hash && valid && !found.deactivated_at ? found : undefined;
}

/**
 * Opens a session for a user whose credentials were checked: the bearer secret (for the cookie,
 * stored only hashed), its CSRF token, when it expires, and the user's workspaces.
 */
export async function startSession(
  db: Kysely<Database>,
  user: { id: string; email: string; name: string },
  now: Date,
  options: {
    lifetimeMs?: number;
    userAgent?: string | undefined;
    origin?: RequestOrigin;
    signedInWith?: SignInMethod;
  } = {},
) {
  const token = generateToken('ess');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + (options.lifetimeMs ?? defaultSessionLifetimeMs));
  await db.transaction().execute(async (tx) => {
    await createSession(tx, {
      tokenHash: hashToken(token),
      userId: user.id,
      csrfToken,
      expiresAt,
      now,
      userAgent: options.userAgent,
      signedInWith: options.signedInWith,
    });
    await recordForUser(tx, user.id, {
      kind: 'auth.signed_in',
      actor: { userId: user.id, label: user.email },
      target: { type: 'user', id: user.id },
      origin: options.origin,
      at: now,
    });
  });
  const access = await findSessionAccess(db, user.id);
  return {
    token,
    expiresAt,
    session: { user: { id: user.id, email: user.email, name: user.name }, csrfToken, ...access },
  };
}

/**
 * Records a refused sign-in with the address that was tried (never the password): in each
 * workspace of the account with that address, or instance-wide when there is none.
 */
export async function recordFailedSignIn(
  db: Kysely<Database>,
  email: string,
  origin: RequestOrigin,
  now: Date,
): Promise<void> {
  const attempted = email.slice(0, 320);
  const entry = {
    kind: 'auth.sign_in_failed' as const,
    actor: { userId: null, label: attempted },
    after: { email: attempted },
    origin,
    at: now,
  };
  const found = await findUserByEmail(db, attempted);
  await db.transaction().execute(async (tx) => {
    if (found)
      await recordForUser(tx, found.id, { ...entry, target: { type: 'user', id: found.id } });
    else await recordAudit(tx, { ...entry, workspaceId: null });
  });
}
