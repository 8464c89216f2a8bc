-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "searchDoc" tsvector NOT NULL DEFAULT ''::tsvector;

-- Manual (names end in _manual, see scripts/db-migration.ts): the inbox's search document
-- (lib/domain/conversations/search-sql.ts). Until now a search computed to_tsvector over every
-- message of every row it tested (0.15–0.36 s for a word the newest 20,000 conversations lack, at
-- 100k); now each conversation carries its words in "searchDoc", kept here by triggers, so a row
-- is tested by one column and one GIN index finds them all.
--
-- Words: PostgreSQL's 'simple' configuration (lower-cased, never stemmed, no stop words:
-- customers write in many languages), positions stripped (a search is words AND-ed, each a
-- prefix), words longer than 50 bytes left out, and at most 16,000 different words per
-- conversation (those first seen), so a document stays far below tsvector's 1 MB limit
-- (16,000 × 50 bytes) and adding a message can never fail because of it.

-- The words of a text; read a second time with @ . + _ - as spaces (a search typed is read that
-- way only: lib/domain/conversations/search-sql.ts), because the parser takes
-- "order-4242" for the word "order" and the number "-4242" (and "4242" should find it), and an email
-- or address longer than 50 bytes should still be found by its parts.
CREATE FUNCTION switchboard_search_words_manual(body text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_tsvector(ARRAY(
    SELECT w FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig, coalesce(body, ''))
                                           || to_tsvector('simple'::regconfig, translate(coalesce(body, ''), '@.+_-', '     ')))) AS w
    WHERE octet_length(w) <= 50))
$$;

-- `doc` with `words` added, as many of the new ones as the 16,000 leave room for.
CREATE FUNCTION switchboard_search_append_manual(doc tsvector, words tsvector) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN length(doc || words) <= 16000 THEN doc || words
    ELSE doc || array_to_tsvector(ARRAY(
      SELECT w FROM (SELECT unnest(tsvector_to_array(words)) EXCEPT SELECT unnest(tsvector_to_array(doc))) AS fresh(w)
      ORDER BY w LIMIT greatest(0, 16000 - length(doc)))) END
$$;

-- The conversation's own words: topic, summary and its customer's name, email (also cut at
-- @ . + _ -, so "alvarez" finds ana.alvarez@…) and phone (also as digits only).
CREATE FUNCTION switchboard_search_own_manual(topic text, summary text, customer_id text) RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT switchboard_search_words_manual(concat_ws(' ', topic, summary,
    (SELECT concat_ws(' ', cu.name, cu.email, translate(cu.email, '@.+_-', '     '), cu.phone, regexp_replace(cu.phone, '[^0-9]', '', 'g'))
     FROM "Customer" cu WHERE cu.id = customer_id)))
$$;

-- The whole document, from scratch: its own words, then its messages'. Over the 16,000, those of
-- the earliest messages are kept, as adding them one by one would have. All messages' text read
-- at once only while it is small: two readings of it must stay under tsvector's 1 MB.
CREATE FUNCTION switchboard_search_doc_manual(conversation_id text, topic text, summary text, customer_id text) RETURNS tsvector LANGUAGE plpgsql STABLE AS $$
DECLARE
  own tsvector := switchboard_search_own_manual(topic, summary, customer_id);
  doc tsvector;
  body text;
BEGIN
  IF (SELECT coalesce(sum(octet_length(m.text)), 0) FROM "Message" m WHERE m."conversationId" = conversation_id) < 300000 THEN
    doc := own || switchboard_search_words_manual((SELECT string_agg(m.text, ' ') FROM "Message" m WHERE m."conversationId" = conversation_id));
    IF length(doc) <= 16000 THEN RETURN doc; END IF;
  END IF;
  doc := own;
  FOR body IN SELECT m.text FROM "Message" m WHERE m."conversationId" = conversation_id ORDER BY m."createdAt", m.id LOOP
    doc := switchboard_search_append_manual(doc, switchboard_search_words_manual(body));
  END LOOP;
  RETURN doc;
END $$;

-- The conversations that exist already.
UPDATE "Conversation" c SET "searchDoc" = switchboard_search_doc_manual(c.id, c.topic, c.summary, c."customerId");

-- A new conversation: its own words before whatever the inserting statement put there (the create
-- path, create.ts, puts its first message's words there, so that the message trigger below finds
-- nothing new and the new row is written once).
CREATE FUNCTION switchboard_search_conversation_insert_manual() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchDoc" := switchboard_search_append_manual(switchboard_search_own_manual(NEW.topic, NEW.summary, NEW."customerId"), NEW."searchDoc");
  RETURN NEW;
END $$;
CREATE TRIGGER switchboard_search_conversation_insert_manual BEFORE INSERT ON "Conversation"
  FOR EACH ROW EXECUTE FUNCTION switchboard_search_conversation_insert_manual();

-- A new topic, summary or customer: the document again from scratch (words may have gone).
CREATE FUNCTION switchboard_search_conversation_update_manual() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchDoc" := switchboard_search_doc_manual(NEW.id, NEW.topic, NEW.summary, NEW."customerId");
  RETURN NEW;
END $$;
CREATE TRIGGER switchboard_search_conversation_update_manual BEFORE UPDATE OF topic, summary, "customerId" ON "Conversation"
  FOR EACH ROW WHEN (OLD.topic IS DISTINCT FROM NEW.topic OR OLD.summary IS DISTINCT FROM NEW.summary OR OLD."customerId" IS DISTINCT FROM NEW."customerId")
  EXECUTE FUNCTION switchboard_search_conversation_update_manual();

-- New messages: their words added, once per statement and conversation (each message read on its
-- own, and at most 16,000 different words a statement, so that no tsvector made here nears 1 MB).
-- A conversation is written only when a word is new to it (the length of a tsvector is its number
-- of different words) and it has room left. Computed from the row being updated, so a concurrent
-- change is never lost.
CREATE FUNCTION switchboard_search_messages_manual() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Conversation" c SET "searchDoc" = switchboard_search_append_manual(c."searchDoc", d.words)
  FROM (SELECT x.id, array_to_tsvector((array_agg(x.w ORDER BY x.w))[1:16000]) AS words
        FROM (SELECT DISTINCT n."conversationId" AS id, w FROM new_rows n, unnest(tsvector_to_array(switchboard_search_words_manual(n.text))) AS w) x
        GROUP BY x.id) d
  WHERE c.id = d.id AND length(c."searchDoc") < 16000 AND length(c."searchDoc" || d.words) > length(c."searchDoc");
  RETURN NULL;
END $$;
CREATE TRIGGER switchboard_search_messages_manual AFTER INSERT ON "Message"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION switchboard_search_messages_manual();

-- Documents made again from scratch (a message's text changed or a message removed — nothing in
-- the app does either, a hand-made fix might — or a customer's name, email or phone changed): the
-- rows are locked first, in id order, and the documents read by a later statement, which sees
-- whatever the transactions it waited for wrote (one statement would read the messages as they
-- were before it waited, and lose a message added meanwhile).
CREATE FUNCTION switchboard_search_remake_manual(ids text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "Conversation" c WHERE c.id = ANY(ids) ORDER BY c.id FOR NO KEY UPDATE;
  UPDATE "Conversation" c SET "searchDoc" = switchboard_search_doc_manual(c.id, c.topic, c.summary, c."customerId")
  WHERE c.id = ANY(ids);
END $$;

CREATE FUNCTION switchboard_search_message_changed_manual() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM switchboard_search_remake_manual(ARRAY[OLD."conversationId", NEW."conversationId"]);
  RETURN NULL;
END $$;
CREATE TRIGGER switchboard_search_message_updated_manual AFTER UPDATE OF text, "conversationId" ON "Message"
  FOR EACH ROW WHEN (OLD.text IS DISTINCT FROM NEW.text OR OLD."conversationId" IS DISTINCT FROM NEW."conversationId")
  EXECUTE FUNCTION switchboard_search_message_changed_manual();

-- Removed with their conversation: nothing left to update.
CREATE FUNCTION switchboard_search_messages_deleted_manual() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM switchboard_search_remake_manual(ARRAY(SELECT DISTINCT "conversationId" FROM old_rows));
  RETURN NULL;
END $$;
CREATE TRIGGER switchboard_search_messages_deleted_manual AFTER DELETE ON "Message"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION switchboard_search_messages_deleted_manual();

CREATE FUNCTION switchboard_search_customer_manual() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM switchboard_search_remake_manual(ARRAY(SELECT c.id FROM "Conversation" c WHERE c."customerId" = NEW.id));
  RETURN NULL;
END $$;
CREATE TRIGGER switchboard_search_customer_manual AFTER UPDATE OF name, email, phone ON "Customer"
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.email IS DISTINCT FROM NEW.email OR OLD.phone IS DISTINCT FROM NEW.phone)
  EXECUTE FUNCTION switchboard_search_customer_manual();

-- One index for the whole search; the three per-table ones it replaces go (fewer indexes to write
-- on every message).
CREATE INDEX "Conversation_searchDoc_manual" ON "Conversation" USING GIN ("searchDoc");
DROP INDEX "Conversation_search_manual";
DROP INDEX "Customer_search_manual";
DROP INDEX "Message_search_manual";
