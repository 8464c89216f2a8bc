#!/usr/bin/env node
// `npm start`: prepare the database (create, migrate, seed the demo when empty), build when the
// sources changed since the last build, then serve on PORT (default 3000).
//   node scripts/start.mjs          production server (scripts/server.mjs: Next.js behind a small Node server)
//   node scripts/start.mjs --dev    development server (the same scripts/server.mjs around `next dev`,
//                                   so the client address is decided the same way)
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const dev = process.argv.includes('--dev');
const env = { ...process.env };
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function run(cmd, args) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

// Sessions are signed with NEXTAUTH_SECRET. Without one, make a random one and keep it beside the
// embedded data so sessions survive restarts. Several instances must share one: set it yourself.
if (!env.NEXTAUTH_SECRET) {
  const file = path.resolve(env.PGLITE_DIR ? path.dirname(path.resolve(env.PGLITE_DIR)) : 'data', '.nextauth-secret');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url'), { mode: 0o600 });
  env.NEXTAUTH_SECRET = fs.readFileSync(file, 'utf8').trim();
}
// Without NEXTAUTH_URL, next-auth takes the origin from the request's Host header.
if (!env.NEXTAUTH_URL) env.AUTH_TRUST_HOST = 'true';

run(bin('tsx'), ['scripts/db-seed.ts']);

const port = env.PORT || '3000';
if (!dev && needsBuild()) run(bin('next'), ['build']);
// Next.js behind a small Node server that sets the client address from the socket (TRUSTED_PROXY)
// and answers bad methods and broken paths in the API's envelope — in development too.
const child = spawn(process.execPath, [path.join(root, 'scripts', 'server.mjs'), ...(dev ? ['--dev'] : [])], {
  stdio: 'inherit',
  env: { ...env, PORT: port, NODE_ENV: dev ? 'development' : 'production' },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));

/** True when there is no build yet or a source file is newer than it. */
function needsBuild() {
  const stamp = path.join(root, '.next', 'BUILD_ID');
  if (!fs.existsSync(stamp)) return true;
  const built = fs.statSync(stamp).mtimeMs;
  const sources = ['app', 'components', 'lib', 'public', 'proxy.ts', 'instrumentation.ts', 'instrumentation-client.ts', 'next.config.mjs', 'tailwind.config.ts', 'postcss.config.mjs', 'package.json'];
  const newer = (p) => {
    if (!fs.existsSync(p)) return false;
    const st = fs.statSync(p);
    if (!st.isDirectory()) return st.mtimeMs > built;
    return fs.readdirSync(p).some((n) => n !== 'node_modules' && newer(path.join(p, n)));
  };
  return sources.some((s) => newer(path.join(root, s)));
}
