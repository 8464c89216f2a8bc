import type { Operator } from '@/lib/domain/routing/expression';
import type { ValueType } from '@/lib/domain/routing/builder';
import { CHANNELS, PRIORITIES } from '@/lib/validation/conversations';

// What the builder's pickers say. The JSON beside the builder keeps the operator names.

export const OPERATOR_LABEL: Record<Operator, string> = {
  $eq: 'is',
  $neq: 'is not',
  $lt: 'is less than',
  $lte: 'is at most',
  $gt: 'is greater than',
  $gte: 'is at least',
  $in: 'is one of',
  $nin: 'is none of',
  $contains: 'contains',
  $startsWith: 'starts with',
  $exists: 'is present',
  $hasTag: 'has the tag',
  $hasAnyTag: 'has any of the tags',
  $hasAllTags: 'has all of the tags',
};

/** Short forms for the one-line summary of a collapsed route. */
export const OPERATOR_SHORT: Record<Operator, string> = {
  $eq: '=',
  $neq: '≠',
  $lt: '<',
  $lte: '≤',
  $gt: '>',
  $gte: '≥',
  $in: 'in',
  $nin: 'not in',
  $contains: 'contains',
  $startsWith: 'starts with',
  $exists: 'present',
  $hasTag: 'has tag',
  $hasAnyTag: 'has any tag',
  $hasAllTags: 'has all tags',
};

export const PATH_GROUPS: { label: string; options: { value: string; label: string }[] }[] = [
  {
    label: 'Message',
    options: [
      { value: 'message.text', label: 'Message text' },
      { value: 'message.channel', label: 'Message channel' },
      { value: 'message.from', label: 'Message sender' },
      { value: 'message.*', label: 'Message attribute…' },
    ],
  },
  {
    label: 'Customer',
    options: [
      { value: 'customer.name', label: 'Customer name' },
      { value: 'customer.email', label: 'Customer email' },
      { value: 'customer.phone', label: 'Customer phone' },
      { value: 'customer.country', label: 'Customer country' },
      { value: 'customer.*', label: 'Customer attribute…' },
    ],
  },
  {
    label: 'Conversation',
    options: [
      { value: 'conversation.channel', label: 'Conversation channel' },
      { value: 'conversation.priority', label: 'Conversation priority' },
      { value: 'conversation.topic', label: 'Conversation topic' },
      { value: 'conversation.inboxId', label: 'Conversation inbox' },
      { value: 'conversation.metadata.*', label: 'Conversation metadata…' },
      { value: 'tags', label: 'Tags' },
    ],
  },
];

export const TYPE_LABEL: Record<ValueType, string> = { string: 'Text', number: 'Number', boolean: 'Yes / no', null: 'Nothing (missing)' };

/** Values worth suggesting for paths that hold an enum. */
export function suggestionsFor(path: string): readonly string[] {
  if (path === 'message.channel' || path === 'conversation.channel') return CHANNELS;
  if (path === 'conversation.priority') return PRIORITIES;
  return [];
}

/** A value as it reads in a sentence: strings quoted, lists joined. */
export function showValue(v: unknown): string {
  if (Array.isArray(v)) return v.map(showValue).join(', ');
  if (v === null || v === undefined) return 'nothing';
  return typeof v === 'string' ? `"${v}"` : String(v);
}
