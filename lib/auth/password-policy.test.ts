import { describe, expect, it } from 'vitest';
import { COMMON_MESSAGE, commonPasswords, CONTEXT_WORDS, passwordProblem, PERSONAL_MESSAGE } from './password-policy';

describe('the password policy (ASVS V6.2)', () => {
  it('ships the common-password list in the repository', () => {
    const list = commonPasswords();
    expect(list.size).toBeGreaterThan(3000);
    for (const p of ['123456', 'password', 'iloveyou', 'qwerty', 'letmein']) expect(list.has(p), p).toBe(true);
    expect([...list].some((p) => p.startsWith('#!'))).toBe(false);
  });

  it('refuses common passwords, as they are and dressed up the usual ways', () => {
    for (const p of ['password', 'Password1', 'iloveyou', 'sunshine', '12345678', '1q2w3e4r', 'P@ssw0rd', 'P@ssw0rd2024!', 'Summer2024!', '!!dragon99', 'Football#1', 'M0nkey123', 'LETMEIN!!']) {
      expect(passwordProblem(p), p).toBe(COMMON_MESSAGE);
    }
  });

  it('refuses keyboard runs, the alphabet and repeats', () => {
    for (const p of ['qwertyuiop', 'asdfghjkl1', '0987654321', 'abcdefgh', 'hgfedcba', 'aaaaaaaaaa', 'abababab', 'xyzxyzxyz', 'abc12345', '11111111']) {
      expect(passwordProblem(p), p).toBe(COMMON_MESSAGE);
    }
  });

  it('refuses the account’s own name and email, and the words of this application', () => {
    const who = { email: 'dara.okafor@example.com', name: 'Dara Okafor' };
    for (const p of ['daraokafor1', 'Okafor2024!', 'dara.okafor', 'DaraOkafor!!']) expect(passwordProblem(p, who), p).toBe(PERSONAL_MESSAGE);
    for (const p of ['Switchboard1!', 'switchboard2026', 'infobip123', 'supervisor!']) expect(passwordProblem(p), p).not.toBeNull();
    expect(CONTEXT_WORDS).toContain('switchboard');
  });

  it('accepts long and unusual passwords of any characters', () => {
    for (const p of ['correct-horse-9', 'initial-only-123', 'chosen-password-1', 'brand new pass', 'tr4in spotting lamp', 'x9$kQ2!m', 'Ünïcødé-pässwörd', 'plum kettle orbit 42 '.repeat(9)]) {
      expect(passwordProblem(p, { email: 'dara.okafor@example.com', name: 'Dara Okafor' }), p).toBeNull();
    }
  });
});
