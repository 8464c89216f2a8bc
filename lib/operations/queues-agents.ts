import { addQueueMember, createQueue, deleteQueue, getQueue, listQueues, removeQueueMember, updateQueue } from '../domain/queue-admin';
import { changeStatus, heartbeat } from '../domain/assignment/presence';
import { apiAgent } from '../http/agent-mapper';
import { apiQueue } from '../http/mappers';
import { apiQueuePageSchema, apiQueueSchema, apiStatusSchema } from '../validation/api-responses';
import { apiAgentSchema } from '../validation/api-responses-agents';
import { createQueueSchema, queueListQuerySchema } from '../validation/routing';
import { queueMemberSchema, queueRefSchema, updateQueueInputSchema } from '../validation/queues';
import { agentRefSchema, agentStatusRequestSchema } from '../validation/presence';
import { operation } from './operation';

const Q = '/ccaas/1/queues';
const AGENT = '/ccaas/1/agents/{agentId}';
const success = (message: string) => ({ statusCode: 'SUCCESS', message });
// The assignment policy's defaults differ from the reference's; the document says so where it is set.
const POLICY_WORDS =
  'A queue’s assignment policy: isAutoAssignmentEnabled (default true; the reference defaults to false), autoAssignmentAlgorithm (default ROUND_ROBIN; the reference defaults to LOAD_BALANCING), isAutoAssignmentOutsideOfWorkingHoursEnabled (default false), isStickyAutoAssignmentEnabled (default false) and stickyAgentTimeoutDays (1–365, default 7).';

export const listQueuesOp = operation({
  name: 'queues.list',
  // As before the registry: any role may read queues (agents pick them in filters).
  permission: 'conversations.work',
  input: queueListQuerySchema,
  run: async ({ db, actor }, q) => ({ ...(await listQueues(db, actor, q)), page: q.page, limit: q.limit, orderBy: q.orderBy }),
  http: {
    method: 'get', path: Q, operationId: 'get-queues', tag: 'Queues', summary: 'List queues',
    from: 'query',
    response: { schema: apiQueuePageSchema, description: 'One page of queues.' },
    respond: (p) => ({ queues: p.queues.map(apiQueue), pagination: { totalItems: p.totalItems, page: p.page, limit: p.limit, orderBy: p.orderBy } }),
    errors: [400, 401, 403],
  },
});

export const createQueueOp = operation({
  name: 'queues.create',
  permission: 'queues.manage',
  input: createQueueSchema,
  run: ({ db, actor }, input) => createQueue(db, actor, input),
  http: {
    method: 'post', path: Q, operationId: 'create-queue', tag: 'Queues', summary: 'Create a queue',
    description: `${POLICY_WORDS} Beyond the reference, the create body takes the whole assignment policy, not only isAutoAssignmentEnabled.`,
    from: 'body', bodyId: 'CreateQueueApiRequest',
    response: { schema: apiQueueSchema, description: 'The new queue.' },
    respond: apiQueue,
    errors: [400, 401, 403],
  },
});

export const getQueueOp = operation({
  name: 'queues.get',
  permission: 'conversations.work',
  input: queueRefSchema,
  run: ({ db, actor }, input) => getQueue(db, actor, input),
  http: {
    method: 'get', path: `${Q}/{queueId}`, operationId: 'get-queue', tag: 'Queues', summary: 'Get a queue',
    response: { schema: apiQueueSchema, description: 'The queue.' },
    respond: apiQueue,
    errors: [401, 403, 404],
  },
});

export const updateQueueOp = operation({
  name: 'queues.update',
  permission: 'queues.manage',
  input: updateQueueInputSchema,
  run: ({ db, actor }, input) => updateQueue(db, actor, input),
  http: {
    method: 'put', path: `${Q}/{queueId}`, operationId: 'update-queue', tag: 'Queues', summary: 'Change a queue',
    description: `The fields given change; null clears workingHoursId and externalId and leaves the switches as they are. ${POLICY_WORDS} Turning auto-assignment on, or changing the algorithm, the working hours or assigning outside them, hands out the queue’s waiting conversations at once.`,
    from: 'body', bodyId: 'UpdateQueueApiRequest',
    response: { schema: apiQueueSchema, description: 'The queue after the change.' },
    respond: apiQueue,
    errors: [400, 401, 403, 404],
  },
});

export const deleteQueueOp = operation({
  name: 'queues.delete',
  permission: 'queues.manage',
  input: queueRefSchema,
  run: async ({ db, actor }, input) => {
    await deleteQueue(db, actor, input);
    return { id: input.queueId };
  },
  http: {
    method: 'delete', path: `${Q}/{queueId}`, operationId: 'delete-queue', tag: 'Queues', summary: 'Delete a queue',
    description: 'Refused (400) while routes point to it; its conversations keep their data and lose the queue.',
    response: { schema: apiStatusSchema, description: 'The queue is gone.' },
    respond: () => success('Queue deleted.'),
    errors: [401, 403, 404],
  },
});

export const addQueueMemberOp = operation({
  name: 'queues.members.add',
  permission: 'queues.manage',
  input: queueMemberSchema,
  run: async ({ db, actor }, input) => {
    await addQueueMember(db, actor, input);
    return input;
  },
  http: {
    method: 'post', path: `${AGENT}/queues`, operationId: 'add-agent-queue', tag: 'Queues', summary: 'Add an agent to a queue',
    from: 'body', bodyId: 'QueueAssignRequest',
    response: { schema: apiStatusSchema, description: 'The agent is a member.' },
    respond: () => success('Agent added to the queue.'),
    errors: [400, 401, 403, 404],
  },
});

export const removeQueueMemberOp = operation({
  name: 'queues.members.remove',
  permission: 'queues.manage',
  input: queueMemberSchema,
  run: async ({ db, actor }, input) => {
    await removeQueueMember(db, actor, input);
    return input;
  },
  http: {
    method: 'delete', path: `${AGENT}/queues/{queueId}`, operationId: 'remove-agent-queue', tag: 'Queues', summary: 'Remove an agent from a queue',
    response: { schema: apiStatusSchema, description: 'The agent is no longer a member.' },
    respond: () => success('Agent removed from the queue.'),
    errors: [401, 403, 404],
  },
});

// A key may set its own user's status and heartbeat; supervisors and admins anyone's (the domain decides).
export const setAgentStatusOp = operation({
  name: 'agents.status.set',
  permission: 'conversations.work',
  input: agentStatusRequestSchema,
  // The chosen word is stored; ACTIVE→ONLINE, BUSY→BUSY, AWAY/INVISIBLE→OFFLINE (which reassigns the agent's open conversations).
  run: ({ db, actor }, input) => changeStatus(db, actor, input),
  http: {
    method: 'put', path: `${AGENT}/status`, operationId: 'update-agent-status', tag: 'Agents', summary: 'Set an agent’s status',
    description: 'The status is stored as chosen; its effect (availability) is ACTIVE for ACTIVE, BUSY for BUSY, AWAY for AWAY and INVISIBLE, which hand the agent’s open conversations to others. A key may set its own user’s status; supervisors and admins anyone’s.',
    from: 'body', bodyId: 'AgentStatusRequest',
    response: { schema: apiAgentSchema, description: 'The agent.' },
    respond: apiAgent,
    errors: [400, 401, 403, 404],
  },
});

export const agentHeartbeatOp = operation({
  name: 'agents.heartbeat',
  permission: 'conversations.work',
  input: agentRefSchema,
  run: ({ db, actor }, input) => heartbeat(db, actor, input),
  http: {
    method: 'put', path: `${AGENT}/heartbeat`, operationId: 'update-agent-heartbeat', tag: 'Agents', summary: 'Report that an agent is still there',
    description:
      'Proves the agent is still there; a console sends one every 20 s by default. An ACTIVE or BUSY agent silent for longer than the grace period (PRESENCE_GRACE_SECONDS, default 90) reads as `availability: AWAY` ("away — disconnected") with their status unchanged: auto-assignment gives them nothing new and they keep their conversations. The next heartbeat brings them back as they were, and hands an ACTIVE agent waiting conversations. After PRESENCE_REASSIGN_AFTER_MINUTES (default 15; 0 = never) of continued silence they are set AWAY (OFFLINE) and their open conversations reassigned, with that reason in the timeline.',
    response: { schema: apiStatusSchema, description: 'Heartbeat received.' },
    respond: () => success('Heartbeat received.'),
    errors: [401, 403, 404],
  },
});
