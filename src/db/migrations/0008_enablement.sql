CREATE TABLE "catalogue_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"provider" text DEFAULT '' NOT NULL,
	"link" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"duration_hours" double precision,
	"format" text DEFAULT 'online' NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"causes" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalogue_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"location" text DEFAULT '' NOT NULL,
	"seats" integer NOT NULL,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "diagnoses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employee_id" uuid NOT NULL,
	"manager_id" uuid NOT NULL,
	"plan_id" uuid,
	"status" text DEFAULT 'in_progress' NOT NULL,
	"causes" text[] DEFAULT '{}'::text[] NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"employee_consent" boolean DEFAULT false NOT NULL,
	"consent_at" timestamp with time zone,
	"employee_answers" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "growth_goal_resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"goal_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"link" text DEFAULT '' NOT NULL,
	"mentor_id" uuid,
	"catalogue_item_id" uuid,
	"catalogue_session_id" uuid,
	"status" text DEFAULT 'offered' NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guidance_seen" (
	"person_id" uuid NOT NULL,
	"card_id" text NOT NULL,
	"first_shown_at" timestamp with time zone NOT NULL,
	"last_shown_at" timestamp with time zone NOT NULL,
	"times_shown" integer DEFAULT 1 NOT NULL,
	"handbook_opened_at" timestamp with time zone,
	"dismissed_at" timestamp with time zone,
	CONSTRAINT "guidance_seen_person_id_card_id_pk" PRIMARY KEY("person_id","card_id")
);
--> statement-breakpoint
CREATE TABLE "mentor_profiles" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"capacity" integer DEFAULT 1 NOT NULL,
	"availability" text DEFAULT '' NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"added_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentoring_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentorship_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"topic" text DEFAULT '' NOT NULL,
	"author_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentorships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentor_id" uuid NOT NULL,
	"mentee_id" uuid NOT NULL,
	"requested_by_id" uuid NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"topic" text DEFAULT '' NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"plan_resource_id" uuid,
	"growth_resource_id" uuid,
	"decline_reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "plan_engagement_talks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"summary" text NOT NULL,
	"signals" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "growth_goals" ADD COLUMN "source_plan_id" uuid;--> statement-breakpoint
ALTER TABLE "org_settings" ADD COLUMN "sealed_plan_manager_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_resources" ADD COLUMN "catalogue_item_id" uuid;--> statement-breakpoint
ALTER TABLE "plan_resources" ADD COLUMN "catalogue_session_id" uuid;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "sealed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "sealed_manager_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "engagement_summary" jsonb;--> statement-breakpoint
ALTER TABLE "catalogue_items" ADD CONSTRAINT "catalogue_items_created_by_id_people_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalogue_sessions" ADD CONSTRAINT "catalogue_sessions_item_id_catalogue_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."catalogue_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnoses" ADD CONSTRAINT "diagnoses_employee_id_people_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnoses" ADD CONSTRAINT "diagnoses_manager_id_people_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnoses" ADD CONSTRAINT "diagnoses_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "growth_goal_resources" ADD CONSTRAINT "growth_goal_resources_goal_id_growth_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."growth_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "growth_goal_resources" ADD CONSTRAINT "growth_goal_resources_mentor_id_people_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "growth_goal_resources" ADD CONSTRAINT "growth_goal_resources_catalogue_item_id_catalogue_items_id_fk" FOREIGN KEY ("catalogue_item_id") REFERENCES "public"."catalogue_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "growth_goal_resources" ADD CONSTRAINT "growth_goal_resources_catalogue_session_id_catalogue_sessions_id_fk" FOREIGN KEY ("catalogue_session_id") REFERENCES "public"."catalogue_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "growth_goal_resources" ADD CONSTRAINT "growth_goal_resources_created_by_id_people_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_seen" ADD CONSTRAINT "guidance_seen_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_profiles" ADD CONSTRAINT "mentor_profiles_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_profiles" ADD CONSTRAINT "mentor_profiles_added_by_id_people_id_fk" FOREIGN KEY ("added_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_sessions" ADD CONSTRAINT "mentoring_sessions_mentorship_id_mentorships_id_fk" FOREIGN KEY ("mentorship_id") REFERENCES "public"."mentorships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_sessions" ADD CONSTRAINT "mentoring_sessions_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_mentor_id_people_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_mentee_id_people_id_fk" FOREIGN KEY ("mentee_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_requested_by_id_people_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_plan_resource_id_plan_resources_id_fk" FOREIGN KEY ("plan_resource_id") REFERENCES "public"."plan_resources"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_growth_resource_id_growth_goal_resources_id_fk" FOREIGN KEY ("growth_resource_id") REFERENCES "public"."growth_goal_resources"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_engagement_talks" ADD CONSTRAINT "plan_engagement_talks_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_engagement_talks" ADD CONSTRAINT "plan_engagement_talks_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "catalogue_items_identity" ON "catalogue_items" USING btree ("kind",lower("title"),lower("provider"));--> statement-breakpoint
CREATE INDEX "catalogue_items_skills_idx" ON "catalogue_items" USING gin ("skills");--> statement-breakpoint
CREATE INDEX "catalogue_items_causes_idx" ON "catalogue_items" USING gin ("causes");--> statement-breakpoint
CREATE INDEX "catalogue_sessions_item_idx" ON "catalogue_sessions" USING btree ("item_id","starts_at");--> statement-breakpoint
CREATE INDEX "diagnoses_employee_idx" ON "diagnoses" USING btree ("employee_id");--> statement-breakpoint
CREATE INDEX "diagnoses_plan_idx" ON "diagnoses" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "growth_goal_resources_goal_idx" ON "growth_goal_resources" USING btree ("goal_id");--> statement-breakpoint
CREATE INDEX "growth_goal_resources_item_idx" ON "growth_goal_resources" USING btree ("catalogue_item_id");--> statement-breakpoint
CREATE INDEX "mentor_profiles_skills_idx" ON "mentor_profiles" USING gin ("skills");--> statement-breakpoint
CREATE INDEX "mentoring_sessions_mentorship_idx" ON "mentoring_sessions" USING btree ("mentorship_id","held_on");--> statement-breakpoint
CREATE INDEX "mentorships_mentor_idx" ON "mentorships" USING btree ("mentor_id","status");--> statement-breakpoint
CREATE INDEX "mentorships_mentee_idx" ON "mentorships" USING btree ("mentee_id","status");--> statement-breakpoint
CREATE INDEX "plan_engagement_talks_plan_idx" ON "plan_engagement_talks" USING btree ("plan_id");--> statement-breakpoint
ALTER TABLE "growth_goals" ADD CONSTRAINT "growth_goals_source_plan_id_plans_id_fk" FOREIGN KEY ("source_plan_id") REFERENCES "public"."plans"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_resources" ADD CONSTRAINT "plan_resources_catalogue_item_id_catalogue_items_id_fk" FOREIGN KEY ("catalogue_item_id") REFERENCES "public"."catalogue_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_resources" ADD CONSTRAINT "plan_resources_catalogue_session_id_catalogue_sessions_id_fk" FOREIGN KEY ("catalogue_session_id") REFERENCES "public"."catalogue_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_resources_item_idx" ON "plan_resources" USING btree ("catalogue_item_id");