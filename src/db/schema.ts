// Every table, for drizzle's typed queries and drizzle-kit's migrations.
export * from "../modules/auth/auth.table.js";
export * from "../modules/calendar/calendar.table.js";
export * from "../modules/concerns/concerns.table.js";
export * from "../modules/feedback/feedback.table.js";
export * from "../modules/growth/growth.table.js";
export * from "../modules/keys/keys.table.js";
export * from "../modules/mail/mail.table.js";
export * from "../modules/notify/notify.table.js";
export * from "../modules/oneonones/oneonones.table.js";
export * from "../modules/org/org.table.js";
export * from "../modules/plans/plans.table.js";
export * from "../modules/record/record.table.js";
export * from "../modules/retention/retention.table.js";
export * from "../modules/review/review.table.js";
export * from "../modules/scim/scim.table.js";
