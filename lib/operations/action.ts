import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import type { z } from 'zod';
import { db } from '../db';
import { requireActor } from '../auth/session';
import { clientIp } from '../auth/client-ip';
import { originOf } from '../access/actor';
import { runAction, type ActionResult } from '../actions/result';
import { invoke, type Operation, type OperationContext } from './operation';

type Revalidate = string | [path: string, type: 'layout' | 'page'];

type ActOptions<I extends z.ZodType, O, R> = {
  /** Pages whose server-rendered data the change makes stale (a path, or a path and 'layout'). */
  revalidate?: Revalidate[] | ((input: z.output<I>, result: O) => Revalidate[]);
  /** What the browser needs of the result: plain, serialisable, often just ids (or the editor's data after a save). */
  shape?: (result: O, input: z.output<I>, ctx: OperationContext) => R | Promise<R>;
};

/**
 * A server action's body: the signed-in user (re-read from the database) invokes the operation,
 * whose declaration checks the permission and parses what the browser sent, once. A page's check
 * does not protect the actions it renders, so every action goes through here.
 */
export async function act<I extends z.ZodType, O, R = O>(op: Operation<I, O>, raw: unknown, opts: ActOptions<I, O, R> = {}): Promise<ActionResult<R>> {
  return runAction(async () => {
    const h = await headers();
    const ctx: OperationContext = { db: db(), actor: { ...(await requireActor()), origin: originOf(h) }, clientIp: clientIp(h) };
    let input: z.output<I> | undefined;
    const result = await invoke({ ...op, run: (c, parsed) => op.run(c, (input = parsed)) }, ctx, raw);
    const paths = typeof opts.revalidate === 'function' ? opts.revalidate(input!, result) : (opts.revalidate ?? []);
    for (const p of paths) (typeof p === 'string' ? revalidatePath(p) : revalidatePath(p[0], p[1]));
    return opts.shape ? opts.shape(result, input!, ctx) : (result as unknown as R);
  });
}
