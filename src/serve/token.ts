// The secret path segment a private podcast lives under: whoever has the feed's URL can listen, nobody else
// can find it. 24 random bytes (192 bits) in base64url are 32 characters that need no escaping in a URL.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../write-atomic.js';

const TOKEN_BYTES = 24;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22,}$/;

export function createToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** True for a string that can be a token (a stored one may be checked before use). */
export function isTokenShaped(text: string): boolean {
  return TOKEN_SHAPE.test(text);
}

/** Compares a path segment with the token in constant time, so response times do not reveal its prefix. */
export function matchesToken(segment: string, token: string): boolean {
  const given = Buffer.from(segment);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Where the token is kept: in the folder's state, so that the feed's address survives a restart. */
export const TOKEN_FILE = 'serve-token';

/**
 * The folder's token: the stored one, or a new one (the first start, or --rotate-token) written before it is
 * used. The file is readable by its owner only; a stored value that is not token-shaped is replaced.
 */
export async function loadToken(stateDir: string, options: { rotate?: boolean } = {}): Promise<{ token: string; created: boolean }> {
  const file = path.join(stateDir, TOKEN_FILE);
  if (!options.rotate) {
    const stored = (await readFile(file, 'utf8').catch(() => '')).trim();
    if (isTokenShaped(stored)) return { token: stored, created: false };
  }
  const token = createToken();
  await writeFileAtomic(file, `${token}\n`);
  await chmod(file, 0o600);
  return { token, created: true };
}
