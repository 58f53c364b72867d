// The secret path segment a private podcast lives under: whoever has the feed's URL can listen, nobody else
// can find it. 24 random bytes (192 bits) in base64url are 32 characters that need no escaping in a URL.
import { randomBytes, timingSafeEqual } from 'node:crypto';

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
