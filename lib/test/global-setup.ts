// Starting a PGlite runs initdb (seconds on a busy 2-core machine). Do it once per test run:
// dump an empty and a migrated database to files that every test file loads in about a second.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migrate, pgliteRunner } from '../db/migrate';

export default async function setup(): Promise<() => void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-pglite-'));
  const pglite = new PGlite();
  await pglite.waitReady;
  const write = async (name: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
    return file;
  };
  process.env.PGLITE_TEMPLATE_EMPTY = await write('empty.tar');
  await migrate(pgliteRunner(pglite));
  process.env.PGLITE_TEMPLATE_MIGRATED = await write('migrated.tar');
  await pglite.close();
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
