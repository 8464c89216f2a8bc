import { createAgent, getAgent, listAgentConversations, listAgents, updateAgent } from '../domain/agents';
import { setPasswordUrl } from '../domain/password-tokens';
import { apiAgent } from '../http/agent-mapper';
import { apiConversation } from '../http/mappers';
import { pagination } from '../http/format';
import { publicOrigin } from '../http/public-origin';
import { apiConversationPageSchema } from '../validation/api-responses';
import { apiAgentPageSchema, apiAgentSchema, apiCreatedAgentSchema } from '../validation/api-responses-agents';
import { agentConversationsQuerySchema, agentListQuerySchema, createAgentSchema, updateAgentSchema } from '../validation/agents';
import { agentRefSchema } from '../validation/presence';
import { operation } from './operation';

const A = '/ccaas/1/agents';
const ONE = `${A}/{agentId}`;

export const listAgentsOp = operation({
  name: 'agents.list',
  permission: 'agents.view',
  input: agentListQuerySchema,
  run: ({ db, actor }, q) => listAgents(db, actor, q),
  http: {
    method: 'get', path: A, operationId: 'get-agents', tag: 'Agents', summary: 'List agents',
    description: 'Every user of the console, filtered and paged. role=SUPERVISOR includes admins (who read as SUPERVISOR with admin: true). Default order id:asc.',
    from: 'query',
    response: { schema: apiAgentPageSchema, description: 'One page of agents.' },
    respond: (p) => ({ agents: p.agents.map(apiAgent), pagination: pagination(p) }),
    errors: [400, 401, 403],
  },
});

export const createAgentOp = operation({
  name: 'agents.create',
  permission: 'agents.manage',
  input: createAgentSchema,
  run: async ({ db, actor }, input) => {
    const { agent, token } = await createAgent(db, actor, input);
    return { agent, setPasswordUrl: setPasswordUrl(await publicOrigin(), token) };
  },
  http: {
    method: 'post', path: A, operationId: 'create-agent', tag: 'Agents', summary: 'Create an agent',
    description:
      'Creates a user of the console. Beyond the reference: email (required) is what they sign in with, and the answer carries setPasswordUrl, a one-time link (72 hours) where they choose a password. It is shown in this answer only; an admin can issue a new one on the People page. role AGENT or SUPERVISOR (admins are made in the console). Also beyond the reference: capacity, the most open conversations auto-assignment gives them (1–1000; left out or null: unlimited). A taken email is a 400.',
    from: 'body', bodyId: 'AgentRequest',
    response: { schema: apiCreatedAgentSchema, description: 'The new agent, with their set-password link.' },
    respond: ({ agent, setPasswordUrl: url }) => ({ ...apiAgent(agent), setPasswordUrl: url }),
    errors: [400, 401, 403],
  },
});

export const getAgentOp = operation({
  name: 'agents.get',
  permission: 'agents.view',
  input: agentRefSchema,
  run: ({ db, actor }, input) => getAgent(db, actor, input),
  http: {
    method: 'get', path: ONE, operationId: 'get-agent', tag: 'Agents', summary: 'Get an agent',
    response: { schema: apiAgentSchema, description: 'The agent.' },
    respond: apiAgent,
    errors: [401, 403, 404],
  },
});

export const updateAgentOp = operation({
  name: 'agents.update',
  permission: 'agents.manage',
  input: updateAgentSchema,
  run: ({ db, actor }, input) => updateAgent(db, actor, input),
  http: {
    method: 'put', path: ONE, operationId: 'update-agent', tag: 'Agents', summary: 'Change an agent',
    description:
      'displayName, status, role and enabled (left out or null: unchanged), and, beyond the reference, capacity: the most open (OPEN + WAITING) conversations auto-assignment gives the agent, 1–1000, or null for unlimited (left out: unchanged). Raising it hands waiting conversations to the agent at once. The agent as read may be sent back as it is: id, email, availability, admin and the timestamps are read-only and ignored (a different id or email is refused). An admin keeps their role whatever role is sent. AWAY and INVISIBLE, like enabled: false, hand the agent’s open conversations on; an admin cannot disable themselves.',
    from: 'body', bodyId: 'UpdateAgentRequest',
    response: { schema: apiAgentSchema, description: 'The agent after the change.' },
    respond: apiAgent,
    errors: [400, 401, 403, 404],
  },
});

export const listAgentConversationsOp = operation({
  name: 'agents.conversations.list',
  permission: 'conversations.work',
  input: agentConversationsQuerySchema,
  run: ({ db, actor }, q) => listAgentConversations(db, actor, q),
  http: {
    method: 'get', path: `${ONE}/conversations`, operationId: 'get-agent-conversations', tag: 'Agents', summary: 'List an agent’s conversations',
    description: 'The conversations assigned to the agent that the key may see (supervisors and admins see all; an agent only those assigned to them, in their queues or in their inboxes), paged. An unknown agent is a 404.',
    from: 'query',
    response: { schema: apiConversationPageSchema, description: 'One page of the agent’s conversations.' },
    respond: (page) => ({ conversations: page.items.map(apiConversation), pagination: pagination(page) }),
    errors: [400, 401, 403, 404],
  },
});
