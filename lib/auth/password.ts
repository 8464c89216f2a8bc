import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;

// Node's scrypt: memory-hard, no native add-on to build. Parameters are stored with each hash
// so they can be raised later without invalidating old passwords.
const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, expected] = parts;
  const want = Buffer.from(expected, 'base64url');
  // An empty key (or one of junk characters, which decode to nothing) would equal a zero-length derivation of any password.
  if (want.length < 16) return false;
  let got: Buffer;
  try {
    got = await scrypt(password, Buffer.from(salt, 'base64url'), want.length, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: 64 * 1024 * 1024,
    });
  } catch {
    return false; // unusable parameters in a damaged hash: no match, and sign-in must not crash on it
  }
  return got.length === want.length && crypto.timingSafeEqual(got, want);
}

/** A hash of a random password: lets sign-in spend the same time whether or not the email exists. */
export const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
