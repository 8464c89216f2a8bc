import { signalViewer } from '../domain/viewers';
import { viewerSignalSchema } from '../validation/viewers';
import { operation } from './operation';

/** The conversation page's "viewing / typing / left" signal (app/api/viewers/route.ts). Console only. */
export const signalViewerOp = operation({
  name: 'conversations.viewers.signal',
  permission: 'conversations.work',
  input: viewerSignalSchema,
  run: ({ db, actor }, input) => signalViewer(db, actor, input),
});
