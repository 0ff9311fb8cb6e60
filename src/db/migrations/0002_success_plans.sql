CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"link" text DEFAULT '' NOT NULL,
	"subject_type" text,
	"subject_id" text,
	"dedupe_key" text,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "plan_achievements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"goal_id" uuid,
	"body" text NOT NULL,
	"occurred_on" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_action_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"goal_id" uuid,
	"title" text NOT NULL,
	"due_date" date,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_causes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"cause" text NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"employee_view" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_checkin_goals" (
	"checkin_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	"value" double precision,
	"status" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "plan_checkin_goals_checkin_id_goal_id_pk" PRIMARY KEY("checkin_id","goal_id")
);
--> statement-breakpoint
CREATE TABLE "plan_checkin_resources" (
	"checkin_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"delivered" boolean NOT NULL,
	CONSTRAINT "plan_checkin_resources_checkin_id_resource_id_pk" PRIMARY KEY("checkin_id","resource_id")
);
--> statement-breakpoint
CREATE TABLE "plan_checkins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"scheduled_on" date NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"held_on" date,
	"confidence" integer,
	"manager_notes" text DEFAULT '' NOT NULL,
	"employee_notes" text DEFAULT '' NOT NULL,
	"next_steps" text DEFAULT '' NOT NULL,
	"recorded_by_id" uuid,
	"recorded_at" timestamp with time zone,
	"due_reminder_sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "plan_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"impact" text DEFAULT '' NOT NULL,
	"occurred_on" date,
	"unit" text DEFAULT '' NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"series" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"answer" text,
	"employee_side" text DEFAULT '' NOT NULL,
	"employee_links" text[] DEFAULT '{}'::text[] NOT NULL,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "plan_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"description" text NOT NULL,
	"metric" text DEFAULT '' NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"direction" text DEFAULT 'up' NOT NULL,
	"baseline" double precision,
	"target" double precision,
	"measurement" text DEFAULT '' NOT NULL,
	"due_date" date
);
--> statement-breakpoint
CREATE TABLE "plan_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"goal_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_date" date NOT NULL,
	"target" double precision,
	"early_win" boolean DEFAULT false NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "plan_private_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"goal_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"link" text DEFAULT '' NOT NULL,
	"mentor_id" uuid,
	"hours_per_week" double precision,
	"status" text DEFAULT 'offered' NOT NULL,
	"requested_by_employee" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"section" text NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_thread_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"thread_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_threads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"goal_id" uuid,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_versions" (
	"plan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"change_summary" text DEFAULT '' NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	CONSTRAINT "plan_versions_plan_id_number_pk" PRIMARY KEY("plan_id","number")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employee_id" uuid NOT NULL,
	"manager_id" uuid NOT NULL,
	"hr_partner_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"standard" text DEFAULT '' NOT NULL,
	"start_date" date,
	"end_date" date,
	"cadence_days" integer DEFAULT 7 NOT NULL,
	"good_faith" text,
	"good_faith_note" text DEFAULT '' NOT NULL,
	"outcome" text,
	"manager_reflection" text DEFAULT '' NOT NULL,
	"employee_reflection" text DEFAULT '' NOT NULL,
	"paused_from" text,
	"issued_version" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"issued_at" timestamp with time zone,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_achievements" ADD CONSTRAINT "plan_achievements_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_achievements" ADD CONSTRAINT "plan_achievements_goal_id_plan_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."plan_goals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_action_items" ADD CONSTRAINT "plan_action_items_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_action_items" ADD CONSTRAINT "plan_action_items_goal_id_plan_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."plan_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_causes" ADD CONSTRAINT "plan_causes_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_checkin_goals" ADD CONSTRAINT "plan_checkin_goals_checkin_id_plan_checkins_id_fk" FOREIGN KEY ("checkin_id") REFERENCES "public"."plan_checkins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_checkin_goals" ADD CONSTRAINT "plan_checkin_goals_goal_id_plan_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."plan_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_checkin_resources" ADD CONSTRAINT "plan_checkin_resources_checkin_id_plan_checkins_id_fk" FOREIGN KEY ("checkin_id") REFERENCES "public"."plan_checkins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_checkin_resources" ADD CONSTRAINT "plan_checkin_resources_resource_id_plan_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."plan_resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_checkins" ADD CONSTRAINT "plan_checkins_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_checkins" ADD CONSTRAINT "plan_checkins_recorded_by_id_people_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_evidence" ADD CONSTRAINT "plan_evidence_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goals" ADD CONSTRAINT "plan_goals_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_milestones" ADD CONSTRAINT "plan_milestones_goal_id_plan_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."plan_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_private_notes" ADD CONSTRAINT "plan_private_notes_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_private_notes" ADD CONSTRAINT "plan_private_notes_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_resources" ADD CONSTRAINT "plan_resources_goal_id_plan_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."plan_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_resources" ADD CONSTRAINT "plan_resources_mentor_id_people_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_responses" ADD CONSTRAINT "plan_responses_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_responses" ADD CONSTRAINT "plan_responses_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reviews" ADD CONSTRAINT "plan_reviews_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reviews" ADD CONSTRAINT "plan_reviews_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_thread_messages" ADD CONSTRAINT "plan_thread_messages_thread_id_plan_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."plan_threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_thread_messages" ADD CONSTRAINT "plan_thread_messages_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_threads" ADD CONSTRAINT "plan_threads_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_threads" ADD CONSTRAINT "plan_threads_goal_id_plan_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."plan_goals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_threads" ADD CONSTRAINT "plan_threads_created_by_id_people_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_created_by_id_people_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_employee_id_people_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_manager_id_people_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_hr_partner_id_people_id_fk" FOREIGN KEY ("hr_partner_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_person_idx" ON "notifications" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_idx" ON "notifications" USING btree ("person_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "plan_achievements_plan_idx" ON "plan_achievements" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "plan_action_items_plan_idx" ON "plan_action_items" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_causes_unique" ON "plan_causes" USING btree ("plan_id","cause");--> statement-breakpoint
CREATE INDEX "plan_checkins_plan_idx" ON "plan_checkins" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_checkins_plan_date" ON "plan_checkins" USING btree ("plan_id","scheduled_on");--> statement-breakpoint
CREATE INDEX "plan_evidence_plan_idx" ON "plan_evidence" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "plan_goals_plan_idx" ON "plan_goals" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "plan_milestones_goal_idx" ON "plan_milestones" USING btree ("goal_id");--> statement-breakpoint
CREATE INDEX "plan_private_notes_author_idx" ON "plan_private_notes" USING btree ("plan_id","author_id");--> statement-breakpoint
CREATE INDEX "plan_resources_goal_idx" ON "plan_resources" USING btree ("goal_id");--> statement-breakpoint
CREATE INDEX "plan_responses_plan_idx" ON "plan_responses" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "plan_reviews_plan_idx" ON "plan_reviews" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "plan_thread_messages_thread_idx" ON "plan_thread_messages" USING btree ("thread_id");--> statement-breakpoint
CREATE INDEX "plan_threads_plan_idx" ON "plan_threads" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "plans_employee_idx" ON "plans" USING btree ("employee_id");--> statement-breakpoint
CREATE INDEX "plans_manager_idx" ON "plans" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "plans_status_idx" ON "plans" USING btree ("status");