import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '../domain/errors';

// What a new password must pass beyond its length (OWASP ASVS 5.0 V6.2: at least 8 characters,
// at least 64 allowed, any characters, and checked against common passwords and the words of this
// application). The list (common-passwords.txt beside this file) is Openwall's password.lst (3,546
// passwords, "assumed to be in the public domain", as Debian ships it in john-data 1.9.0) followed by
// the 30,000 most common passwords of zxcvbn 4.4.2 (MIT; from Xato's 10 million leaked passwords):
// 31,666 in all, 11,833 of them 8 characters or longer — ASVS 6.2.4 asks for at least the top 3,000
// that fit the policy. The check also refuses one of them dressed up the usual ways — capitals,
// digits or symbols before or after, letters swapped for look-alike digits ("P@ssw0rd2024!") — and
// keyboard runs and repeats.
// Lengths themselves are checked by the zod schemas (lib/validation/passwords.ts).

/** Words of this application and its demo that make easy guesses here (ASVS V6.1.2 / V6.2.11). */
export const CONTEXT_WORDS = [
  'switchboard', 'infobip', 'conversation', 'conversations', 'console', 'support', 'helpdesk', 'customer',
  'inbox', 'queue', 'route', 'routing', 'agent', 'supervisor', 'admin', 'administrator', 'demo', 'password', 'welcome', 'example',
];

let common: Set<string> | null = null;

/** The list, lower-cased, read once (the file's "#!comment" lines are its header). */
export function commonPasswords(): Set<string> {
  if (!common) {
    const file = path.join(process.cwd(), 'lib', 'auth', 'common-passwords.txt');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    common = new Set(lines.filter((l) => l && !l.startsWith('#!comment')).map((l) => l.trim().toLowerCase()));
  }
  return common;
}

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '!': 'i', '3': 'e', '4': 'a', '@': 'a', '5': 's', '$': 's', '7': 't', '8': 'b', '9': 'g' };
const unleet = (s: string) => s.replace(/[0134@5$789!]/g, (c) => LEET[c]);
const KEYBOARD = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'abcdefghijklmnopqrstuvwxyz', '1qaz2wsx3edc4rfv', 'qazwsxedcrfv'];

/** True when the text is one run along a keyboard row or the alphabet (either way), or one repeated short piece. */
function isRunOrRepeat(s: string): boolean {
  if (/^(.{1,3})\1+$/.test(s)) return true;
  return KEYBOARD.some((row) => row.includes(s) || [...row].reverse().join('').includes(s));
}

export const COMMON_MESSAGE = 'This password is too common or too easy to guess. Choose another — a few unrelated words make a good one.';
export const PERSONAL_MESSAGE = 'This password is your name or email, or a word of this application. Choose another.';

/** Why a new password is refused, or null. `who` is the account it is for (its name and email are easy guesses too). */
export function passwordProblem(password: string, who: { email?: string; name?: string } = {}): string | null {
  const lower = password.toLowerCase();
  const list = commonPasswords();
  if (list.has(lower) || isRunOrRepeat(lower)) return COMMON_MESSAGE;
  // The word inside the decoration: "Summer2024!" → "summer", "!!dragon99" → "dragon".
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  const cores = new Set([core, unleet(core), unleet(lower), unleet(lower).replace(/^[^a-z]+|[^a-z]+$/g, '')].filter((c) => c.length > 0));
  for (const c of cores) if (list.has(c) || isRunOrRepeat(c)) return COMMON_MESSAGE;
  const personal = new Set(CONTEXT_WORDS);
  const local = who.email?.toLowerCase().split('@')[0] ?? '';
  for (const part of [local, ...local.split(/[._+-]/), who.name?.toLowerCase().replace(/\s+/g, '') ?? '', ...(who.name?.toLowerCase().split(/\s+/) ?? [])]) {
    if (part.length >= 3) personal.add(part);
  }
  for (const c of cores) if (personal.has(c) || personal.has(c.replace(/[^a-z]/g, ''))) return PERSONAL_MESSAGE;
  return null;
}

/** For the domain functions that set a password: refuses it as a field error on `field`. */
export function assertAcceptablePassword(password: string, who: { email?: string; name?: string }, field = 'password'): void {
  const problem = passwordProblem(password, who);
  if (problem) throw new DomainError('BAD_REQUEST', problem, { [field]: [problem] });
}
