-- Events wake the dispatchers from the database itself: one NOTIFY per statement that appends to
-- the outbox, sent by Postgres at commit (never for a rolled-back transaction). The writing
-- transaction needs no second statement for it, and any insert notifies, whoever wrote it.
CREATE FUNCTION "event_outbox_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('rtc_console_events', '');
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "event_outbox_notify" AFTER INSERT ON "event_outbox" FOR EACH STATEMENT EXECUTE FUNCTION "event_outbox_notify"();
