import { describe, expect, it } from 'vitest';
import { mentionSpans, resolveMentions, type MentionCandidate } from './mentions';

const ana: MentionCandidate = { id: 'a', name: 'Ana Alvarez', email: 'ana.alvarez@bank.example' };
const anabel: MentionCandidate = { id: 'b', name: 'Anabel', email: 'anabel@bank.example' };
const ana2: MentionCandidate = { id: 'c', name: 'Ana', email: 'a.other@bank.example' };
const ben: MentionCandidate = { id: 'd', name: 'Ben Okafor', email: 'ben@bank.example' };
const people = [ana, anabel, ana2, ben];
const ids = (text: string) => resolveMentions(text, people).map((p) => p.id);

describe('resolveMentions', () => {
  it('finds full names case-insensitively, each person once, in order of first mention', () => {
    expect(ids('@ben okafor please check, and @Ana Alvarez too. Thanks @BEN OKAFOR')).toEqual(['d', 'a']);
  });

  it('prefers the longest name and needs a word boundary after it', () => {
    expect(ids('@Ana Alvarez')).toEqual(['a']);
    expect(ids('@Ana, can you look?')).toEqual(['c']);
    expect(ids('@Anabel: yours')).toEqual(['b']);
    expect(ids('@Anastasia is not here')).toEqual([]);
  });

  it('matches the local part of an email address', () => {
    expect(ids('cc @ana.alvarez and @ben')).toEqual(['a', 'd']);
  });

  it('ignores e-mail addresses, a lone @ and people who may not see the conversation', () => {
    expect(ids('write to ana@bank.example or @ or @@')).toEqual([]);
    expect(resolveMentions('@Zoe Zimmer look', people)).toEqual([]);
    expect(resolveMentions('@Ana Alvarez', [])).toEqual([]);
  });

  it('gives the spans to highlight, the @ included', () => {
    const text = 'Hi @Ana Alvarez and @ben!';
    expect(mentionSpans(text, people).map((s) => [text.slice(s.start, s.end), s.who.id])).toEqual([
      ['@Ana Alvarez', 'a'],
      ['@ben', 'd'],
    ]);
  });
});
