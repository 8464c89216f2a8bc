import { z } from 'zod';
import { idSchema } from './common';

/** The conversation page's signal: the signed-in user is viewing it, typing a reply on it, or has left. */
export const viewerSignalSchema = z.strictObject({
  conversationId: idSchema,
  state: z.enum(['viewing', 'typing', 'left'], { message: 'Expected viewing, typing or left.' }),
  announce: z.boolean().optional().default(false),
});

export type ViewerSignal = z.output<typeof viewerSignalSchema>;
