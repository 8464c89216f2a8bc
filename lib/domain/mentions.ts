// `@name` mentions in a note, resolved against the people who may see the conversation. Plain
// TypeScript (the note box highlights with it too): no database, no React.

export type MentionCandidate = { id: string; name: string; email: string };

/** Characters that may end a mention: whitespace, punctuation a sentence puts after a name, or the end. */
const BOUNDARY = /^($|[\s.,;:!?)\]}'"’”…])/u;

function localPart(email: string): string {
  const at = email.indexOf('@');
  return at > 0 ? email.slice(0, at) : email;
}

/**
 * Who the text mentions: `@Full Name` (case-insensitive) or `@local` (the part of their email before
 * the @). The longest name wins where one is a prefix of another ("@Ana Alvarez" over "@Ana"), and a
 * name must end at a word boundary ("@Anabel" is not "@Ana"). Each person once, in order of first mention.
 */
export function resolveMentions(text: string, candidates: MentionCandidate[]): MentionCandidate[] {
  return mentionSpans(text, candidates).reduce<MentionCandidate[]>((out, s) => (out.some((c) => c.id === s.who.id) ? out : [...out, s.who]), []);
}

export type MentionSpan = { start: number; end: number; who: MentionCandidate };

/** Where in the text each mention sits (its @ included), for highlighting; no overlaps, in order. */
export function mentionSpans(text: string, candidates: MentionCandidate[]): MentionSpan[] {
  const forms = candidates
    .flatMap((c) => [
      { form: c.name.trim().toLowerCase(), who: c },
      { form: localPart(c.email).toLowerCase(), who: c },
    ])
    .filter((f) => f.form.length > 0)
    // Longest first, so "@Ana Alvarez" is tried before "@Ana".
    .sort((a, b) => b.form.length - a.form.length);
  const lower = text.toLowerCase();
  const spans: MentionSpan[] = [];
  for (let at = lower.indexOf('@'); at !== -1; at = lower.indexOf('@', at + 1)) {
    // An @ inside a word is an email address (ana@example.com), not a mention.
    if (at > 0 && /[\p{L}\p{N}_]/u.test(text[at - 1])) continue;
    const rest = lower.slice(at + 1);
    const hit = forms.find((f) => rest.startsWith(f.form) && BOUNDARY.test(rest.slice(f.form.length)));
    if (!hit) continue;
    const end = at + 1 + hit.form.length;
    spans.push({ start: at, end, who: hit.who });
    at = end - 1;
  }
  return spans;
}
