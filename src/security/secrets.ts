import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Why a secret could not be read; never says anything about the secret itself. */
type SecretErrorCode = 'malformed' | 'wrong_key_or_tampered' | 'bad_key_file';

export class SecretError extends Error {
  readonly code: SecretErrorCode;
  constructor(code: SecretErrorCode, message: string) {
    super(message);
    this.name = 'SecretError';
    this.code = code;
  }
}

const version = 'v1';
const ivBytes = 12;
const tagBytes = 16;
const keyHex = /^[0-9a-fA-F]{64}$/;
export const secretKeyFileName = 'secret.key';

/**
 * The key that encrypts channel credentials: EARSHOT_SECRET_KEY when set (already validated as 64
 * hex characters by the config), otherwise one generated once into the data folder and reused,
 * so a single-machine install needs no setup. Several servers must share EARSHOT_SECRET_KEY.
 */
export function loadSecretKey(options: { secretKey: string | undefined; dataDir: string }): Buffer {
  if (options.secretKey) return Buffer.from(options.secretKey, 'hex');
  const file = path.join(options.dataDir, secretKeyFileName);
  mkdirSync(options.dataDir, { recursive: true });
  try {
    // 'wx' fails if the file exists, so two processes starting at once never each write a key.
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // The umask may have widened the mode; the key must stay readable by its owner only.
  chmodSync(file, 0o600);
  const text = readFileSync(file, 'utf8').trim();
  if (!keyHex.test(text))
    throw new SecretError(
      'bad_key_file',
      `${file} does not hold a key (64 hex characters); restore it from a backup, or set EARSHOT_SECRET_KEY`,
    );
  return Buffer.from(text, 'hex');
}

/**
 * AES-256-GCM: `v1:<iv>:<tag>:<ciphertext>`, base64url. `context` (e.g. the account id) is
 * authenticated but not stored, so a ciphertext copied onto another row does not decrypt.
 */
export function encryptSecret(key: Buffer, plaintext: string, context = ''): string {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagBytes });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [version, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join(':');
}

export function decryptSecret(key: Buffer, payload: string, context = ''): string {
  const parts = payload.split(':');
  if (parts.length !== 4 || parts[0] !== version)
    throw new SecretError('malformed', `not an encrypted secret of format ${version}`);
  const [iv, tag, ciphertext] = parts.slice(1).map((part) => Buffer.from(part, 'base64url'));
  if (iv!.length !== ivBytes || tag!.length !== tagBytes)
    throw new SecretError('malformed', `not an encrypted secret of format ${version}`);
  const decipher = createDecipheriv('aes-256-gcm', key, iv!, { authTagLength: tagBytes });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(tag!);
  try {
    return Buffer.concat([decipher.update(ciphertext!), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretError(
      'wrong_key_or_tampered',
      'cannot decrypt: the secret key is not the one it was encrypted with, or the data was altered',
    );
  }
}

export function encryptCredentials(key: Buffer, credentials: unknown, context = ''): string {
  return encryptSecret(key, JSON.stringify(credentials), context);
}

export function decryptCredentials(key: Buffer, payload: string, context = ''): unknown {
  return JSON.parse(decryptSecret(key, payload, context)) as unknown;
}
