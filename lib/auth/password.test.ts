import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the password it hashed and rejects a wrong one', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts: two hashes of one password differ and both verify', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same', a)).toBe(true);
    expect(await verifyPassword('same', b)).toBe(true);
  });

  it('handles non-ASCII passwords', async () => {
    const hash = await hashPassword('pässwörd ✓');
    expect(await verifyPassword('pässwörd ✓', hash)).toBe(true);
    expect(await verifyPassword('passwörd ✓', hash)).toBe(false);
  });

  it('returns false, never throws, for malformed stored hashes', async () => {
    const good = await hashPassword('pw');
    const [, n, r, p, salt, key] = good.split('$');
    const malformed = [
      '',
      'plaintext',
      `bcrypt$${n}$${r}$${p}$${salt}$${key}`,
      `scrypt$${n}$${r}$${p}$${salt}`,
      `scrypt$${n}$${r}$${p}$${salt}$${key}$extra`,
      `scrypt$abc$${r}$${p}$${salt}$${key}`,
      `scrypt$3$${r}$${p}$${salt}$${key}`, // N must be a power of two
      `scrypt$1073741824$${r}$${p}$${salt}$${key}`, // would need far more memory than allowed
      `scrypt$${n}$${r}$${p}$${salt}$`,
      `scrypt$${n}$${r}$${p}$${salt}$!!!`, // decodes to zero bytes
      `scrypt$${n}$${r}$${p}$${salt}$${key.slice(0, 4)}`, // a truncated key
    ];
    for (const stored of malformed) {
      await expect(verifyPassword('pw', stored), stored).resolves.toBe(false);
      await expect(verifyPassword('any other password', stored), stored).resolves.toBe(false);
    }
  });

  it('the dummy hash verifies nothing, so unknown emails fail like wrong passwords', async () => {
    await expect(verifyPassword('', DUMMY_HASH)).resolves.toBe(false);
    await expect(verifyPassword('password', DUMMY_HASH)).resolves.toBe(false);
  });
});
