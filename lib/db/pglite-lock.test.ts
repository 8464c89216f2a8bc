import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquirePgliteLock, DatabaseBusyError, releasePgliteLock } from './pglite-lock';

const lockFile = (dir: string) => path.join(dir, 'switchboard.lock');

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
}

describe('acquirePgliteLock', () => {
  let dir: string;
  const children: ChildProcess[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-lock-'));
  });

  afterEach(async () => {
    releasePgliteLock(dir);
    for (const child of children.splice(0)) {
      if (child.exitCode === null) child.kill();
      await exited(child);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates the lock file with our pid when there is none', () => {
    acquirePgliteLock(dir);
    expect(fs.readFileSync(lockFile(dir), 'utf8')).toBe(String(process.pid));
    releasePgliteLock(dir);
    expect(fs.existsSync(lockFile(dir))).toBe(false);
  });

  it('refuses a folder locked by a live process, naming the folder and the pid', () => {
    const child = spawn('sleep', ['5']);
    children.push(child);
    const pid = child.pid;
    if (pid === undefined) throw new Error('could not start sleep');
    fs.writeFileSync(lockFile(dir), String(pid));

    let thrown: unknown;
    try {
      acquirePgliteLock(dir);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DatabaseBusyError);
    const err = thrown as DatabaseBusyError;
    expect(err.message).toContain(dir);
    expect(err.message).toContain(`pid ${pid}`);
    expect(err.pid).toBe(pid);
    // The owner's lock must survive a refused attempt.
    expect(fs.readFileSync(lockFile(dir), 'utf8')).toBe(String(pid));
  });

  it('takes over a lock left by a process that has exited', async () => {
    const child = spawn(process.execPath, ['-e', '']);
    children.push(child);
    await exited(child);
    fs.writeFileSync(lockFile(dir), String(child.pid));

    acquirePgliteLock(dir);
    expect(fs.readFileSync(lockFile(dir), 'utf8')).toBe(String(process.pid));
  });

  it('takes over a lock file that holds no pid', () => {
    fs.writeFileSync(lockFile(dir), 'garbage');
    acquirePgliteLock(dir);
    expect(fs.readFileSync(lockFile(dir), 'utf8')).toBe(String(process.pid));
  });

  it('accepts a lock that is already ours', () => {
    fs.writeFileSync(lockFile(dir), String(process.pid));
    expect(() => acquirePgliteLock(dir)).not.toThrow();
    expect(fs.readFileSync(lockFile(dir), 'utf8')).toBe(String(process.pid));
  });
});
