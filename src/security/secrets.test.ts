import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  decryptCredentials,
  decryptSecret,
  encryptCredentials,
  encryptSecret,
  loadSecretKey,
  SecretError,
  secretKeyFileName,
} from './secrets.ts';

const key = randomBytes(32);
const credentials = { accessToken: 'tok-ünïcødé-🔑', userId: '12345', keywords: ['a', 'b'] };

function failure(work: () => unknown): SecretError {
  try {
    work();
  } catch (error) {
    if (error instanceof SecretError) return error;
    throw error;
  }
  throw new Error('expected a SecretError');
}

describe('encrypting credentials', () => {
  it('round-trips JSON and never shows the plaintext', () => {
    const sealed = encryptCredentials(key, credentials, 'account-1');
    expect(sealed).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(sealed).not.toContain('tok-');
    expect(decryptCredentials(key, sealed, 'account-1')).toEqual(credentials);
  });

  it('uses a fresh IV each time', () => {
    expect(encryptSecret(key, 'same')).not.toBe(encryptSecret(key, 'same'));
  });

  it('refuses a tampered ciphertext, tag or IV with a clear error', () => {
    const sealed = encryptSecret(key, 'a secret of some length');
    const [v, iv, tag, body] = sealed.split(':') as [string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64url');
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString('base64url');
    };
    for (const tampered of [
      [v, iv, tag, flip(body)],
      [v, iv, flip(tag), body],
      [v, flip(iv), tag, body],
    ]) {
      expect(failure(() => decryptSecret(key, tampered.join(':'))).code).toBe(
        'wrong_key_or_tampered',
      );
    }
  });

  it('refuses the wrong key, and a ciphertext moved to another account', () => {
    const sealed = encryptSecret(key, 'secret', 'account-1');
    const wrong = failure(() => decryptSecret(randomBytes(32), sealed, 'account-1'));
    expect(wrong.code).toBe('wrong_key_or_tampered');
    expect(wrong.message).toMatch(/secret key/);
    expect(failure(() => decryptSecret(key, sealed, 'account-2')).code).toBe(
      'wrong_key_or_tampered',
    );
  });

  it('names a malformed payload as such', () => {
    for (const payload of ['', 'plain text', 'v2:a:b:c', 'v1:AAAA:BBBB:CCCC'])
      expect(failure(() => decryptSecret(key, payload)).code).toBe('malformed');
  });
});

describe('the secret key', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'earshot-secrets-'));
    dirs.push(dir);
    return path.join(dir, 'data');
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('comes from EARSHOT_SECRET_KEY when set, writing no file', () => {
    const dataDir = freshDir();
    const hex = randomBytes(32).toString('hex');
    expect(loadSecretKey({ secretKey: hex, dataDir }).toString('hex')).toBe(hex);
    expect(() => statSync(path.join(dataDir, secretKeyFileName))).toThrow();
  });

  it('is generated once into the data folder, owner-only, and reused', () => {
    const dataDir = freshDir();
    const first = loadSecretKey({ secretKey: undefined, dataDir });
    const file = path.join(dataDir, secretKeyFileName);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.toString('hex'));
    const second = loadSecretKey({ secretKey: undefined, dataDir });
    expect(second.equals(first)).toBe(true);
    const sealed = encryptSecret(first, 'kept across restarts');
    expect(decryptSecret(second, sealed)).toBe('kept across restarts');
  });

  it('refuses a damaged key file instead of making a new key', () => {
    const dataDir = freshDir();
    loadSecretKey({ secretKey: undefined, dataDir });
    writeFileSync(path.join(dataDir, secretKeyFileName), 'not a key\n');
    expect(failure(() => loadSecretKey({ secretKey: undefined, dataDir })).code).toBe(
      'bad_key_file',
    );
  });
});
