-- Manual (names end in _manual, see scripts/db-migration.ts): the create hot path's pick for the
-- default policy (lib/domain/assignment/pick-sql.ts, plainPickCtes), as a PL/pgSQL function so that
-- it can take the inbox lock and then read the pool with a snapshot taken after the lock (each
-- statement of a VOLATILE function gets its own in READ COMMITTED). The create's write statement
-- calls it first and so holds the inbox lock for one round trip and the COMMIT, not three.
--
-- take_lock: the create may assign (its status allows it, no agent named), so it serializes with
-- every other assigner of the inbox and with the backlog drain, whatever it then decides.
-- enabled: the caller's own gate (the queue's working hours allow assigning now).
-- Answers no row when nobody is picked; one row with full_policy when the policy is not the
-- default after all (a collaborator has a capacity, or the queue does not do plain round robin:
-- the caller then claims the conversation with pickAgentCtes under lockForAssignment); else the
-- agent, by the order of pickAgentCtes for the default policy: eligible collaborators (enabled, not
-- BUSY, not away, members of the queue), ONLINE first, then the turn, position and id.
CREATE FUNCTION switchboard_plain_pick_manual(inbox_id text, queue_id text, take_lock boolean, enabled boolean)
RETURNS TABLE (pick_user text, pick_name text, full_policy boolean) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  auto boolean;
BEGIN
  IF NOT take_lock OR inbox_id IS NULL THEN
    RETURN;
  END IF;
  SELECT i."autoAssign" INTO auto FROM "Inbox" i WHERE i.id = inbox_id FOR NO KEY UPDATE OF i;
  IF NOT enabled OR auto IS NOT TRUE THEN
    RETURN;
  END IF;
  IF EXISTS (SELECT 1 FROM "InboxCollaborator" ic JOIN "User" u ON u.id = ic."userId"
             WHERE ic."inboxId" = inbox_id AND u.capacity IS NOT NULL)
     OR EXISTS (SELECT 1 FROM "Queue" q WHERE q.id = queue_id AND (q.algorithm <> 'ROUND_ROBIN' OR q.sticky OR NOT q."autoAssign")) THEN
    RETURN QUERY SELECT NULL::text, NULL::text, true;
    RETURN;
  END IF;
  RETURN QUERY
    SELECT c."userId", u.name, false
    FROM "InboxCollaborator" c JOIN "User" u ON u.id = c."userId"
    WHERE c."inboxId" = inbox_id AND u.enabled AND u.availability <> 'BUSY' AND u."disconnectedAt" IS NULL
      AND (queue_id IS NULL OR EXISTS (SELECT 1 FROM "QueueMember" m WHERE m."queueId" = queue_id AND m."userId" = c."userId"))
    ORDER BY u.availability = 'ONLINE' DESC, c."lastTurn", c.position, c."userId" COLLATE "C"
    LIMIT 1;
END
$$;
