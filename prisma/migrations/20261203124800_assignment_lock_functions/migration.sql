-- Manual: two steps of the create hot path as PL/pgSQL functions. Inside the create's first
-- statement, as plain subqueries, they made PostgreSQL plan that statement afresh on every run
-- (1.0 ms instead of 0.4 on PGlite, measured); a PL/pgSQL function keeps its own plans per session.

-- Locks, in id order, the rows of the capacity-bound collaborators of these inboxes (see
-- lockForAssignmentCtes in lib/domain/assignment/pick-sql.ts: every auto assigner holds them until
-- it commits, always after the inbox rows); answers how many.
CREATE FUNCTION switchboard_lock_capped_manual(inbox_ids text[]) RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  locked integer;
BEGIN
  SELECT count(*) INTO locked FROM (
    SELECT u.id FROM "User" u
    WHERE u.capacity IS NOT NULL
      AND EXISTS (SELECT 1 FROM "InboxCollaborator" ic WHERE ic."inboxId" = ANY(inbox_ids) AND ic."userId" = u.id)
    ORDER BY u.id FOR NO KEY UPDATE OF u) capped;
  RETURN locked;
END
$$;

-- The queues outside their enabled working hours at a UTC instant, with what that means for them
-- (lib/domain/assignment/hours-sql.ts), as one JSON array.
CREATE FUNCTION switchboard_closed_queues_manual(at timestamp) RETURNS json LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (
    SELECT COALESCE(json_agg(json_build_object('id', q.id, 'assignOutsideHours', q."assignOutsideHours",
        'closeConversations', w."closeConversations", 'message', w.message, 'everyPeriod', w."sendAwayMessageEveryOOWHPeriod")), '[]'::json)
    FROM "Queue" q JOIN "WorkingHours" w ON w.id = q."workingHoursId"
    WHERE w.enabled AND NOT switchboard_hours_open_manual(w.id, at));
END
$$;
