'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { db } from '../db';
import { getSessionActor } from '../auth/session';
import { setAvailability } from '../domain/presence';

// A plain form post, so signing out works before the page's scripts have loaded.
// SPEC §4: signing out sets the agent OFFLINE.
export async function signOutAction(): Promise<void> {
  const actor = await getSessionActor();
  // Signing out never fails on the database's account: the cookie goes either way, and an agent
  // whose OFFLINE could not be written is set so by the presence sweep once their console is silent.
  if (actor) {
    await setAvailability(db(), actor.id, 'OFFLINE', 'signed out').catch((err) => console.error('Sign-out could not set the agent OFFLINE', err));
  }
  const jar = await cookies();
  for (const c of jar.getAll()) {
    // next-auth's session cookie, with or without the __Secure- prefix, possibly split in chunks.
    if (/^(__Secure-)?next-auth\.session-token(\.\d+)?$/.test(c.name)) jar.delete(c.name);
  }
  redirect('/signin');
}
