import { VARIABLE_PATTERN, type CannedVariable } from '../../validation/canned-replies';

// Pure, so that the reply box, the management page's preview and the server fill alike.

export type FillContext = {
  customer: { name: string | null; email: string | null; phone: string | null } | null;
  agent: { name: string; email: string | null };
  conversation: { id: string; topic: string | null };
};

function valueOf(name: string, c: FillContext): string | undefined {
  switch (name as CannedVariable) {
    case 'customer.name':
      return c.customer?.name ?? '';
    case 'customer.email':
      return c.customer?.email ?? '';
    case 'customer.phone':
      return c.customer?.phone ?? '';
    case 'agent.name':
      return c.agent.name;
    case 'agent.email':
      return c.agent.email ?? '';
    case 'conversation.id':
      return c.conversation.id;
    case 'conversation.topic':
      return c.conversation.topic ?? '';
    default:
      return undefined;
  }
}

/**
 * The reply's text for this conversation: each `{{name}}` becomes its value, `{{name | fallback}}`
 * the fallback where the value is empty (a customer without a name: "Hi {{customer.name | there}}").
 * An unknown name is left as written: saving refuses them, so only a hand-made row could hold one,
 * and showing it beats silently dropping text.
 */
export function fillVariables(template: string, c: FillContext): string {
  return template.replace(VARIABLE_PATTERN, (whole, name: string, fallback: string | undefined) => {
    const value = valueOf(name, c);
    if (value === undefined) return whole;
    return value.trim() ? value : (fallback ?? '');
  });
}
