import { write } from "../src/db/transaction.js";
import type { Deps } from "../src/deps.js";
import { feedbackRequests } from "../src/modules/feedback/feedback.table.js";
import { onboardingPlans, onboardingStages } from "../src/modules/growth/growth.table.js";
import {
  commitments,
  oneOnOneMeetings,
  oneOnOneNotes,
  oneOnOneSeries,
  oneOnOneTalkingPoints,
} from "../src/modules/oneonones/oneonones.table.js";
import { planCheckins } from "../src/modules/plans/plans.table.js";

// Rows for reminders and calendar feeds, written straight to the tables (no service), each
// with an audit event as every write has.

const TEST = { kind: "system", label: "test" } as const;

async function insert<T>(deps: Deps, subjectType: string, fn: Parameters<typeof write<T>>[1]) {
  return write(deps, async (w) => {
    const row = await fn(w);
    await w.audit({ actor: TEST, action: `${subjectType}.created`, subjectType });
    return row;
  });
}

export async function makeSeries(
  deps: Deps,
  {
    managerId,
    reportId,
    ...overrides
  }: { managerId: string; reportId: string } & Partial<typeof oneOnOneSeries.$inferInsert>,
) {
  return insert(deps, "one_on_one_series", async (w) => {
    const [row] = await w.tx
      .insert(oneOnOneSeries)
      .values({
        managerId,
        reportId,
        cadence: "weekly",
        weekday: 2,
        startTime: "10:00",
        timeZone: "UTC",
        startsOn: "2026-03-03",
        createdAt: w.now,
        updatedAt: w.now,
        ...overrides,
      })
      .returning();
    return row!;
  });
}

export async function makeMeeting(
  deps: Deps,
  {
    seriesId,
    scheduledAt,
    ...overrides
  }: { seriesId: string; scheduledAt: Date } & Partial<typeof oneOnOneMeetings.$inferInsert>,
) {
  return insert(deps, "one_on_one_meeting", async (w) => {
    const [row] = await w.tx
      .insert(oneOnOneMeetings)
      .values({ seriesId, scheduledAt, createdAt: w.now, updatedAt: w.now, ...overrides })
      .returning();
    return row!;
  });
}

export async function makeTalkingPoint(
  deps: Deps,
  values: { seriesId: string; authorId: string; body?: string; discussedAt?: Date | null },
) {
  return insert(deps, "one_on_one_talking_point", async (w) => {
    const [row] = await w.tx
      .insert(oneOnOneTalkingPoints)
      .values({ body: "How is the new project going?", createdAt: w.now, ...values })
      .returning();
    return row!;
  });
}

export async function makeNote(
  deps: Deps,
  values: {
    meetingId: string;
    authorId: string;
    visibility: "shared" | "private";
    body: string;
  },
) {
  return insert(deps, "one_on_one_note", async (w) => {
    const [row] = await w.tx
      .insert(oneOnOneNotes)
      .values({ ...values, createdAt: w.now, updatedAt: w.now })
      .returning();
    return row!;
  });
}

export async function makeCommitment(
  deps: Deps,
  values: { seriesId: string; ownerId: string; createdById: string; dueOn: string } & Partial<
    typeof commitments.$inferInsert
  >,
) {
  return insert(deps, "commitment", async (w) => {
    const [row] = await w.tx
      .insert(commitments)
      .values({
        body: "Write up the on-call handover",
        createdAt: w.now,
        updatedAt: w.now,
        ...values,
      })
      .returning();
    return row!;
  });
}

export async function makeFeedbackRequest(
  deps: Deps,
  {
    requesterId,
    askedId,
    ...overrides
  }: { requesterId: string; askedId: string } & Partial<typeof feedbackRequests.$inferInsert>,
) {
  return insert(deps, "feedback_request", async (w) => {
    const [row] = await w.tx
      .insert(feedbackRequests)
      .values({ requesterId, askedId, aboutId: requesterId, createdAt: w.now, ...overrides })
      .returning();
    return row!;
  });
}

/** An active onboarding plan with the given stages (day, due date, title). */
export async function makeOnboardingPlan(
  deps: Deps,
  {
    personId,
    managerId,
    startDate = "2026-03-02",
    status = "active",
    stages,
  }: {
    personId: string;
    managerId: string;
    startDate?: string;
    status?: "active" | "completed";
    stages: { day: number; dueOn: string; title?: string }[];
  },
) {
  return insert(deps, "onboarding_plan", async (w) => {
    const [plan] = await w.tx
      .insert(onboardingPlans)
      .values({ personId, managerId, startDate, status, createdAt: w.now, updatedAt: w.now })
      .returning();
    const rows = await w.tx
      .insert(onboardingStages)
      .values(
        stages.map((s) => ({
          planId: plan!.id,
          day: s.day,
          dueOn: s.dueOn,
          title: s.title ?? `First ${s.day} days`,
          success: ["Ships a first change to production"],
        })),
      )
      .returning();
    return { plan: plan!, stages: rows };
  });
}

export async function makePlanCheckin(
  deps: Deps,
  values: { planId: string; scheduledOn: string } & Partial<typeof planCheckins.$inferInsert>,
) {
  return insert(deps, "plan_checkin", async (w) => {
    const [row] = await w.tx.insert(planCheckins).values(values).returning();
    return row!;
  });
}
