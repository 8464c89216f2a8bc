// Runs bench/lib/app-server.ts's startApp on a worker thread for bench/soak.ts's mid-run restart.
// startApp migrates and seeds with spawnSync, which would freeze the soak's clients (creators,
// closers, flips, heartbeats) for seconds on the main thread; here it blocks only this thread.
// Messages to the parent: {type:'started', url, pid, log}, {type:'exited', code}, {type:'error', message}.
// From the parent: {type:'kill', signal}.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { startApp } = await import('./lib/app-server.ts');

try {
  const app = await startApp(workerData);
  parentPort.postMessage({ type: 'started', url: app.url, pid: app.pid, log: app.log });
  parentPort.on('message', (m) => {
    if (m && m.type === 'kill') app.kill(m.signal);
  });
  const code = await app.exited;
  parentPort.postMessage({ type: 'exited', code });
  parentPort.close();
} catch (e) {
  parentPort.postMessage({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  parentPort.close();
}
