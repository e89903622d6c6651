-- A user works for one reseller at most. Staff added to a second reseller before this rule keep
-- the first (earliest) one.
DELETE FROM "reseller_members" a USING "reseller_members" b
  WHERE a."user_id" = b."user_id" AND (a."created_at", a."reseller_id") > (b."created_at", b."reseller_id");--> statement-breakpoint
DROP INDEX "reseller_members_user_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "reseller_members_one_reseller" ON "reseller_members" USING btree ("user_id");
