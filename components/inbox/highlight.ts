// Highlighting what the inbox search found. The server matches every word of the search at the
// start of a word (lib/domain/conversations/search-sql.ts); this marks the same places. Text stays
// text: parts are returned for React to render (it escapes them), never as HTML.

/** The search's words, lower-cased, longest first (so "parcels" wins over "parcel" at one place). */
export function searchTerms(query: string | undefined): string[] {
  if (!query) return [];
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text cut into plain and matched parts (a word that starts with a search word is matched at its start). */
export function highlightParts(text: string, terms: string[]): { text: string; match: boolean }[] {
  if (terms.length === 0 || !text) return [{ text, match: false }];
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(${terms.map(escape).join('|')})`, 'giu');
  const parts: { text: string; match: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index), match: false });
    parts.push({ text: m[0], match: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), match: false });
  return parts;
}

/** A window of a long text around its first match, with an ellipsis where it was cut. */
export function snippet(text: string, terms: string[], width = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= width) return flat;
  const first = highlightParts(flat, terms).findIndex((p) => p.match);
  const at = first <= 0 ? 0 : highlightParts(flat, terms).slice(0, first).reduce((n, p) => n + p.text.length, 0);
  const start = Math.max(0, Math.min(at - 30, flat.length - width));
  return `${start > 0 ? '…' : ''}${flat.slice(start, start + width)}${start + width < flat.length ? '…' : ''}`;
}
