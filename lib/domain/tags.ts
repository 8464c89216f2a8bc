import type { Tx } from '../db';

/** Ids of the named tags, creating the missing ones; safe when two requests create one tag at once. */
export async function ensureTags(tx: Tx, names: string[]): Promise<{ id: string; name: string }[]> {
  const unique = [...new Set(names)];
  if (unique.length === 0) return [];
  await tx.tag.createMany({ data: unique.map((name) => ({ name })), skipDuplicates: true });
  return tx.tag.findMany({ where: { name: { in: unique } }, select: { id: true, name: true } });
}
