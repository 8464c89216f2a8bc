// Opens the database when the server starts, not at its first request, so the embedded PGlite
// folder is locked by the server from the start and a command line tool is told at once.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { db } = await import('./lib/db');
  await db().$queryRaw`SELECT 1`;
}
