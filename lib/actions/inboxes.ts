'use server';

import { revalidatePath } from 'next/cache';
import { db } from '../db';
import { requireActor } from '../auth/session';
import { parseOrThrow } from '../domain/errors';
import { addCollaborator, removeCollaborator, setInboxToggles, type InboxToggles } from '../domain/inboxes';
import { idSchema } from '../validation/common';
import { runAction, type ActionResult } from './result';

// Each action checks the role itself (the page's check does not cover what it renders); ids come
// from the browser and are parsed before use.

export async function addCollaboratorAction(inboxId: string, userId: string): Promise<ActionResult<{ inboxId: string; userId: string }>> {
  return runAction(async () => {
    const actor = await requireActor('inboxes.manage');
    const ids = { inboxId: parseOrThrow(idSchema, inboxId), userId: parseOrThrow(idSchema, userId) };
    await addCollaborator(db(), actor, ids.inboxId, ids.userId);
    revalidatePath('/inboxes');
    return ids;
  });
}

export async function removeCollaboratorAction(inboxId: string, userId: string): Promise<ActionResult<{ inboxId: string; userId: string }>> {
  return runAction(async () => {
    const actor = await requireActor('inboxes.manage');
    const ids = { inboxId: parseOrThrow(idSchema, inboxId), userId: parseOrThrow(idSchema, userId) };
    await removeCollaborator(db(), actor, ids.inboxId, ids.userId);
    revalidatePath('/inboxes');
    return ids;
  });
}

export async function setInboxTogglesAction(inboxId: string, toggles: InboxToggles): Promise<ActionResult<{ autoAssign: boolean; reassignOnOffline: boolean }>> {
  return runAction(async () => {
    const actor = await requireActor('inboxes.manage');
    const result = await setInboxToggles(db(), actor, parseOrThrow(idSchema, inboxId), toggles);
    revalidatePath('/inboxes');
    return result;
  });
}
