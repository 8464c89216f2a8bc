import { z } from 'zod';
import { idSchema } from './common';
import { updateQueueSchema } from './routing';

// Inputs of queue administration (lib/domain/queue-admin.ts). The create and update bodies and the
// list query stay in ./routing, beside the route list whose routes point at queues.

/** One queue by id (get, delete). */
export const queueRefSchema = z.object({ queueId: idSchema });
export type QueueRef = z.output<typeof queueRefSchema>;

/** A change to a queue: the path's id beside the body's fields. */
export const updateQueueInputSchema = updateQueueSchema.extend({ queueId: idSchema });
export type UpdateQueueInput = z.output<typeof updateQueueInputSchema>;

/** POST /agents/{agentId}/queues's body; not strict, like the reference's QueueAssignRequest. */
export const queueAssignBodySchema = z.object({ queueId: idSchema });

/** An agent's membership of a queue: the agent from the path, the queue from the body or the path. */
export const queueMemberSchema = queueAssignBodySchema.extend({ agentId: idSchema });
export type QueueMember = z.output<typeof queueMemberSchema>;
