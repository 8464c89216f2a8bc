'use server';

import { revalidatePath } from 'next/cache';
import { db } from '../db';
import { requireActor } from '../auth/session';
import { parseOrThrow } from '../domain/errors';
import { addCollaborator, removeCollaborator, setInboxToggles } from '../domain/inboxes';
import { collaboratorSchema, setInboxTogglesSchema, type InboxToggles } from '../validation/admin';
import { runAction, type ActionResult } from './result';

// Each action checks the role itself (the page's check does not cover what it renders); ids come
// from the browser and are parsed before use.

export async function addCollaboratorAction(inboxId: string, userId: string): Promise<ActionResult<{ inboxId: string; userId: string }>> {
  return runAction(async () => {
    const actor = await requireActor('inboxes.manage');
    const ids = parseOrThrow(collaboratorSchema, { inboxId, userId });
    await addCollaborator(db(), actor, ids);
    revalidatePath('/inboxes');
    return ids;
  });
}

export async function removeCollaboratorAction(inboxId: string, userId: string): Promise<ActionResult<{ inboxId: string; userId: string }>> {
  return runAction(async () => {
    const actor = await requireActor('inboxes.manage');
    const ids = parseOrThrow(collaboratorSchema, { inboxId, userId });
    await removeCollaborator(db(), actor, ids);
    revalidatePath('/inboxes');
    return ids;
  });
}

export async function setInboxTogglesAction(inboxId: string, toggles: InboxToggles): Promise<ActionResult<{ autoAssign: boolean; reassignOnOffline: boolean }>> {
  return runAction(async () => {
    const actor = await requireActor('inboxes.manage');
    const result = await setInboxToggles(db(), actor, parseOrThrow(setInboxTogglesSchema, { ...toggles, inboxId }));
    revalidatePath('/inboxes');
    return result;
  });
}
