// npm run apikey -- create --name NAME --role ADMIN|SUPERVISOR|AGENT [--owner EMAIL | --bot]   prints the new key alone on its last line
//   --owner: the key acts as that user (at most their role); --bot: as a new bot user of its own.
//   Neither: a key of its own, as keys were before owners (sees no conversation unless SUPERVISOR+).
// npm run apikey -- list
// npm run apikey -- revoke ID
// With the embedded database this needs the server stopped (one process owns the folder); the
// console's People & keys page does the same while it runs.
import { parseArgs } from 'node:util';
import { dbTarget } from '../lib/db/config';
import { openDb, type Opened } from '../lib/db';
import { DatabaseBusyError } from '../lib/db/pglite-lock';
import { systemActor } from '../lib/access/actor';
import { createApiKey, listApiKeys, revokeApiKey } from '../lib/auth/api-keys';
import { DomainError, parseOrThrow } from '../lib/domain/errors';
import { apiKeyRefSchema, createApiKeySchema } from '../lib/validation/api-keys';
import { migrateTarget } from './lib/db-admin';

const USAGE = 'Usage: npm run apikey -- create --name NAME --role ADMIN|SUPERVISOR|AGENT [--owner EMAIL | --bot] | list | revoke ID';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { name: { type: 'string' }, role: { type: 'string' }, owner: { type: 'string' }, bot: { type: 'boolean' } },
  });
  const [command, id] = positionals;
  if (!['create', 'list', 'revoke'].includes(command ?? '') || (command === 'revoke' && !id)) {
    console.error(USAGE);
    return 2;
  }
  const target = dbTarget();
  await migrateTarget(target);
  let opened: Opened | undefined;
  try {
    opened = openDb(target);
    const actor = systemActor('command line');
    if (command === 'create') {
      let owner: { userId: string } | { newBotUser: true } | undefined;
      if (values.bot) owner = { newBotUser: true };
      else if (values.owner) {
        const user = await opened.prisma.user.findUnique({ where: { email: values.owner.trim().toLowerCase() }, select: { id: true } });
        if (!user) throw new DomainError('BAD_REQUEST', `No user signs in with ${values.owner}.`);
        owner = { userId: user.id };
      }
      const key = await createApiKey(opened.prisma, actor, parseOrThrow(createApiKeySchema, { name: values.name ?? '', role: values.role ?? '', owner }));
      console.log(`Created key "${key.name}" (${key.role}${key.owner ? `, owned by ${key.owner.name}` : ', no owner'}, id ${key.id}). It is shown only now:`);
      console.log(key.key);
    } else if (command === 'list') {
      for (const k of await listApiKeys(opened.prisma, actor)) {
        const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : `last used ${k.lastUsedAt?.toISOString() ?? 'never'}`;
        console.log(`${k.id}  ${k.prefix}…  ${(k.effectiveRole ?? '').padEnd(10)}  ${k.name}  owner: ${k.owner?.email ?? 'none'}  (${state})`);
      }
    } else {
      await revokeApiKey(opened.prisma, actor, parseOrThrow(apiKeyRefSchema, { keyId: id }));
      console.log(`Revoked ${id}.`);
    }
    return 0;
  } finally {
    await opened?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof DomainError) {
      const fields = e.fields ? ' ' + Object.entries(e.fields).map(([k, v]) => `${k}: ${v.join(' ')}`).join('; ') : '';
      console.error(`${e.message}${fields}`);
    } else if (e instanceof DatabaseBusyError) {
      console.error(e.message);
    } else {
      console.error(e instanceof Error ? e.message : e);
    }
    process.exit(1);
  },
);
