// Runs once when a server process starts: opens the database (so the embedded PGlite folder is
// locked by the server from the start and a command line tool is told at once) and starts the
// presence sweep (SPEC §4: silent agents show as away, and after a longer silence go OFFLINE) and
// the opening-time check (waiting conversations are handed out when their queue's hours open)
// and the webhook delivery worker.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { db } = await import('./lib/db');
  await db().$queryRaw`SELECT 1`;
  const { startPresenceSweep } = await import('./lib/domain/assignment/sweep');
  startPresenceSweep(db);
  (await import('./lib/domain/assignment/hours-opening')).startHoursOpening(db);
  // Snoozed conversations come back OPEN at their time (issue 15), whichever instance ticks first.
  (await import('./lib/domain/conversations/snooze-sweep')).startSnoozeSweep(db);
  // Webhook deliveries (issue 16): every instance may run the worker; claims never overlap.
  (await import('./lib/webhooks/worker')).startWebhookWorker(db);
}
