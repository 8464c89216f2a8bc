import fs from 'node:fs';
import path from 'node:path';

// PGlite is one process's database: a second process opening the same folder corrupts it.
// A lock file with the owner's pid makes a second opener fail with words a person understands.

export class DatabaseBusyError extends Error {
  constructor(readonly dir: string, readonly pid: number) {
    super(
      `The embedded database at ${dir} is in use by another process (pid ${pid}), most likely the running Switchboard server. ` +
        'Stop it first, or do this through the running app (its web console or HTTP API).',
    );
    this.name = 'DatabaseBusyError';
  }
}

const held = new Set<string>();

/** Whether a process with this pid exists (EPERM: it does, and belongs to someone else). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquirePgliteLock(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'switchboard.lock');
  if (held.has(file)) return;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      held.add(file);
      const release = () => {
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      if (pid === process.pid) return;
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) throw new DatabaseBusyError(dir, pid);
      fs.rmSync(file, { force: true }); // left by a process that died: take it over
    }
  }
  throw new Error(`Could not lock the embedded database at ${dir}`);
}

export function releasePgliteLock(dir: string): void {
  const file = path.join(dir, 'switchboard.lock');
  if (!held.delete(file)) return;
  fs.rmSync(file, { force: true });
}
