import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makeUser } from "../../../test/factories.js";
import {
  makeCommitment,
  makeFeedbackRequest,
  makeMeeting,
  makeNote,
  makeOnboardingPlan,
  makeSeries,
  makeTalkingPoint,
} from "../../../test/factories-calendar.js";
import { createTestDeps } from "../../../test/helpers.js";
import { notificationsOf } from "../../../test/participation.js";
import { settleBackgroundTasks } from "../../db/transaction.js";
import { feedbackRequests } from "../feedback/feedback.table.js";
import { mailMessages } from "../mail/mail.table.js";
import { notifications } from "../notify/notify.table.js";
import { commitments, oneOnOneMeetings } from "../oneonones/oneonones.table.js";
import { people } from "../org/org.table.js";
import { runCoachingReminders } from "./reminders.service.js";

const deps = await createTestDeps();
const db = deps.database.db;
const at = (iso: string) => deps.setNow(new Date(iso));

async function pair(timeZone = "Europe/Berlin") {
  const manager = await makeUser(deps, { name: "Maya Manager" });
  const report = await makeUser(deps, { name: "Eli Employee", managerId: manager.id });
  const series = await makeSeries(deps, { managerId: manager.id, reportId: report.id, timeZone });
  return { manager, report, series };
}

const ofKind = async (personId: string, kind: string) =>
  (await notificationsOf(deps, personId)).filter((n) => n.kind === kind);

const mailsTo = async (email: string) => {
  await settleBackgroundTasks();
  return db.select().from(mailMessages).where(eq(mailMessages.to, email));
};

const auditCount = async (action: string) =>
  (
    await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = ${action}`,
    )
  ).rows[0]!.n;

describe("1:1 reminders", () => {
  it("tells both sides the day before, with the time in the series' zone, once even when run twice", async () => {
    at("2026-03-02T09:00:00Z");
    const { manager, report, series } = await pair();
    const meeting = await makeMeeting(deps, {
      seriesId: series.id,
      scheduledAt: new Date("2026-03-03T09:00:00Z"),
    });
    await makeTalkingPoint(deps, { seriesId: series.id, authorId: report.id });
    at("2026-03-02T12:00:00Z");
    const first = await runCoachingReminders(deps);
    const second = await runCoachingReminders(deps);
    expect(first["oneonone.upcoming"]).toBe(1);
    expect(second.total).toBe(0);

    const [m] = await ofKind(manager.id, "oneonone.upcoming");
    const [r] = await ofKind(report.id, "oneonone.upcoming");
    expect(m).toMatchObject({
      title: "1:1 with Eli Employee tomorrow at 10:00",
      link: `/one-on-ones/${series.id}/meetings/${meeting.id}`,
    });
    expect(r!.title).toBe("1:1 with Maya Manager tomorrow at 10:00");
    expect(r!.body).toContain("Tuesday 3 March at 10:00 (Europe/Berlin time)");
    expect(await ofKind(manager.id, "oneonone.agenda_empty")).toHaveLength(0);
    const mails = await mailsTo(report.email);
    expect(mails.map((x) => x.subject)).toEqual(["1:1 with Maya Manager tomorrow at 10:00"]);
    const [row] = await db
      .select()
      .from(oneOnOneMeetings)
      .where(eq(oneOnOneMeetings.id, meeting.id));
    expect(row!.reminderSentAt).toEqual(new Date("2026-03-02T12:00:00Z"));
  });

  it("asks both sides to fill an empty agenda; a discussed point does not count", async () => {
    at("2026-03-02T09:00:00Z");
    const { manager, report, series } = await pair("America/New_York");
    await makeMeeting(deps, {
      seriesId: series.id,
      scheduledAt: new Date("2026-03-10T14:00:00Z"),
    });
    await makeTalkingPoint(deps, {
      seriesId: series.id,
      authorId: manager.id,
      discussedAt: new Date("2026-03-02T09:00:00Z"),
    });
    at("2026-03-09T18:00:00Z");
    expect(await runCoachingReminders(deps)).toMatchObject({ agendaEmpty: 1 });
    for (const id of [manager.id, report.id])
      expect(await ofKind(id, "oneonone.agenda_empty")).toHaveLength(1);
    // Summer time began in New York on 8 March: 14:00 UTC is 10:00 there.
    expect((await ofKind(report.id, "oneonone.upcoming"))[0]!.title).toBe(
      "1:1 with Maya Manager tomorrow at 10:00",
    );
  });

  it("leaves cancelled meetings and paused series alone", async () => {
    at("2026-03-02T09:00:00Z");
    const a = await pair();
    await makeMeeting(deps, {
      seriesId: a.series.id,
      scheduledAt: new Date("2026-03-03T09:00:00Z"),
      status: "cancelled",
    });
    const b = await pair();
    await db.execute(sql`UPDATE one_on_one_series SET status = 'paused' WHERE id = ${b.series.id}`);
    await makeMeeting(deps, {
      seriesId: b.series.id,
      scheduledAt: new Date("2026-03-03T09:00:00Z"),
    });
    at("2026-03-02T12:00:00Z");
    await runCoachingReminders(deps);
    for (const id of [a.manager.id, a.report.id, b.manager.id, b.report.id])
      expect(await notificationsOf(deps, id)).toHaveLength(0);
  });

  it("never puts note text, shared or private, into a reminder or its email", async () => {
    at("2026-03-02T09:00:00Z");
    const { manager, report, series } = await pair();
    const last = await makeMeeting(deps, {
      seriesId: series.id,
      scheduledAt: new Date("2026-02-24T09:00:00Z"),
      status: "held",
    });
    await makeNote(deps, {
      meetingId: last.id,
      authorId: manager.id,
      visibility: "private",
      body: "PRIVATE-NOTE-TEXT worried about Eli",
    });
    await makeNote(deps, {
      meetingId: last.id,
      authorId: report.id,
      visibility: "shared",
      body: "SHARED-NOTE-TEXT",
    });
    await makeMeeting(deps, { seriesId: series.id, scheduledAt: new Date("2026-03-03T09:00:00Z") });
    at("2026-03-02T12:00:00Z");
    await runCoachingReminders(deps);
    const everything = JSON.stringify([
      await notificationsOf(deps, manager.id),
      await notificationsOf(deps, report.id),
      await mailsTo(manager.email),
      await mailsTo(report.email),
      (await db.execute(sql`SELECT data FROM audit_events WHERE action LIKE 'reminder.%'`)).rows,
    ]);
    expect(everything).toContain("1:1 with");
    expect(everything).not.toContain("NOTE-TEXT");
  });
});

describe("commitment reminders", () => {
  it("tells only the owner the day before and the day after, once each", async () => {
    at("2026-03-02T09:00:00Z");
    const { manager, report, series } = await pair();
    const c = await makeCommitment(deps, {
      seriesId: series.id,
      ownerId: report.id,
      createdById: manager.id,
      dueOn: "2026-03-10",
    });
    at("2026-03-09T07:00:00Z");
    expect(await runCoachingReminders(deps)).toMatchObject({ "commitment.due": 1 });
    at("2026-03-10T07:00:00Z");
    expect(await runCoachingReminders(deps)).toMatchObject({ total: 0 });
    at("2026-03-11T07:00:00Z");
    expect(await runCoachingReminders(deps)).toMatchObject({ "commitment.overdue": 1 });
    at("2026-03-20T07:00:00Z");
    expect(await runCoachingReminders(deps)).toMatchObject({ total: 0 });

    expect((await notificationsOf(deps, report.id)).map((n) => n.title)).toEqual([
      "Commitment due tomorrow",
      "Commitment overdue",
    ]);
    expect(await notificationsOf(deps, manager.id)).toHaveLength(0);
    const [row] = await db.select().from(commitments).where(eq(commitments.id, c.id));
    expect(row!.reminderSentOn).toBe("2026-03-11");
  });

  it("says nothing about commitments that are done or dropped", async () => {
    at("2026-03-02T09:00:00Z");
    const { manager, report, series } = await pair();
    for (const status of ["done", "dropped"] as const)
      await makeCommitment(deps, {
        seriesId: series.id,
        ownerId: report.id,
        createdById: manager.id,
        dueOn: "2026-03-03",
        status,
      });
    at("2026-03-05T07:00:00Z");
    await runCoachingReminders(deps);
    expect(await notificationsOf(deps, report.id)).toHaveLength(0);
  });
});

describe("feedback request reminders", () => {
  it("tells the person asked once, and reminds them once three days later if still open", async () => {
    at("2026-03-02T09:00:00Z");
    const eli = await makeUser(deps, { name: "Eli Employee" });
    const pat = await makeUser(deps, { name: "Pat Peer" });
    await makeFeedbackRequest(deps, { requesterId: eli.id, askedId: pat.id });
    expect(await runCoachingReminders(deps)).toMatchObject({ "feedback.requested": 1 });
    expect(await runCoachingReminders(deps)).toMatchObject({ total: 0 });
    at("2026-03-05T08:59:00Z");
    expect(await runCoachingReminders(deps)).toMatchObject({ total: 0 });
    at("2026-03-05T09:00:00Z");
    expect(await runCoachingReminders(deps)).toMatchObject({ "feedback.request_reminder": 1 });
    at("2026-03-12T09:00:00Z");
    expect(await runCoachingReminders(deps)).toMatchObject({ total: 0 });
    expect((await notificationsOf(deps, pat.id)).map((n) => n.title)).toEqual([
      "Eli Employee asked you for feedback",
      "Eli Employee is still waiting for your feedback",
    ]);
    expect(await notificationsOf(deps, eli.id)).toHaveLength(0);
  });

  it("does not tell again when the request's own notice went out, and follows up three days after it", async () => {
    at("2026-03-02T09:00:00Z");
    const eli = await makeUser(deps, { name: "Eli Employee" });
    const pat = await makeUser(deps, { name: "Pat Peer" });
    const request = await makeFeedbackRequest(deps, { requesterId: eli.id, askedId: pat.id });
    // What the feedback service sends when the request is made, under the same key.
    await db.insert(notifications).values({
      personId: pat.id,
      kind: "feedback.requested",
      title: "Eli Employee asked you for feedback",
      link: "/feedback/requests",
      dedupeKey: `feedback.requested:${request.id}`,
      createdAt: new Date("2026-03-02T10:00:00Z"),
    });
    at("2026-03-02T12:00:00Z");
    expect(await runCoachingReminders(deps)).toMatchObject({ total: 0 });
    at("2026-03-05T09:59:00Z");
    expect(await runCoachingReminders(deps)).toMatchObject({ total: 0 });
    at("2026-03-05T10:00:00Z");
    expect(await runCoachingReminders(deps)).toMatchObject({ "feedback.request_reminder": 1 });
    expect((await notificationsOf(deps, pat.id)).map((n) => n.dedupeKey)).toEqual([
      `feedback.requested:${request.id}`,
      `feedback.request_reminder:${request.id}`,
    ]);
  });

  it("does not remind about answered requests, nor tell a deactivated person", async () => {
    at("2026-03-02T09:00:00Z");
    const eli = await makeUser(deps, { name: "Eli Employee" });
    const pat = await makeUser(deps, { name: "Pat Peer" });
    const gone = await makeUser(deps, { name: "Gone Person" });
    const answered = await makeFeedbackRequest(deps, { requesterId: eli.id, askedId: pat.id });
    await makeFeedbackRequest(deps, { requesterId: eli.id, askedId: gone.id });
    await db.update(people).set({ active: false }).where(eq(people.id, gone.id));
    await runCoachingReminders(deps);
    await db
      .update(feedbackRequests)
      .set({ status: "answered" })
      .where(eq(feedbackRequests.id, answered.id));
    at("2026-03-06T09:00:00Z");
    const before = await auditCount("reminder.feedback.request_reminder");
    await runCoachingReminders(deps);
    expect((await notificationsOf(deps, pat.id)).map((n) => n.kind)).toEqual([
      "feedback.requested",
    ]);
    expect(await notificationsOf(deps, gone.id)).toHaveLength(0);
    expect(await auditCount("reminder.feedback.request_reminder")).toBe(before);
  });
});

describe("onboarding stage reminders", () => {
  it("tells the new hire and the manager three days ahead, once", async () => {
    at("2026-03-02T09:00:00Z");
    const manager = await makeUser(deps, { name: "Maya Manager" });
    const hire = await makeUser(deps, { name: "Nia Newhire", managerId: manager.id });
    const { stages } = await makeOnboardingPlan(deps, {
      personId: hire.id,
      managerId: manager.id,
      stages: [
        { day: 30, dueOn: "2026-04-01" },
        { day: 60, dueOn: "2026-05-01" },
      ],
    });
    at("2026-03-28T09:00:00Z");
    expect(await runCoachingReminders(deps)).toMatchObject({ total: 0 });
    at("2026-03-29T09:00:00Z");
    expect(await runCoachingReminders(deps)).toMatchObject({ "onboarding.stage_due": 1 });
    at("2026-03-31T09:00:00Z");
    expect(await runCoachingReminders(deps)).toMatchObject({ total: 0 });
    expect((await notificationsOf(deps, hire.id)).map((n) => n.title)).toEqual([
      "30-day onboarding check-in due in 3 days",
    ]);
    expect((await notificationsOf(deps, manager.id)).map((n) => n.title)).toEqual([
      "30-day onboarding check-in due in 3 days: Nia Newhire",
    ]);
    const events = await db.execute<{ data: Record<string, unknown> }>(
      sql`SELECT data FROM audit_events WHERE action = 'reminder.onboarding.stage_due' AND data->>'stageId' = ${stages[0]!.id}`,
    );
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0]!.data).toMatchObject({ day: 30, dueOn: "2026-04-01", told: 2 });
  });

  it("leaves completed onboarding plans alone", async () => {
    at("2026-03-02T09:00:00Z");
    const manager = await makeUser(deps, { name: "Maya Manager" });
    const hire = await makeUser(deps, { name: "Nia Newhire", managerId: manager.id });
    await makeOnboardingPlan(deps, {
      personId: hire.id,
      managerId: manager.id,
      status: "completed",
      stages: [{ day: 30, dueOn: "2026-03-04" }],
    });
    await runCoachingReminders(deps);
    expect(await notificationsOf(deps, hire.id)).toHaveLength(0);
  });
});

describe("several passes at once", () => {
  it("sends each reminder exactly once, with one audit event each", async () => {
    at("2026-03-02T09:00:00Z");
    const pairs = [await pair(), await pair(), await pair()];
    for (const p of pairs) {
      await makeMeeting(deps, {
        seriesId: p.series.id,
        scheduledAt: new Date("2026-04-07T09:00:00Z"),
      });
      await makeCommitment(deps, {
        seriesId: p.series.id,
        ownerId: p.report.id,
        createdById: p.manager.id,
        dueOn: "2026-04-07",
      });
      await makeFeedbackRequest(deps, { requesterId: p.report.id, askedId: p.manager.id });
    }
    // Everything earlier tests left behind has been reminded by now; these are new.
    at("2026-04-06T12:00:00Z");
    const before = await auditCount("reminder.oneonone.upcoming");
    const runs = await Promise.all([1, 2, 3, 4].map(() => runCoachingReminders(deps)));
    const sum = (k: keyof (typeof runs)[number]) => runs.reduce((n, r) => n + r[k], 0);
    expect(sum("oneonone.upcoming")).toBe(3);
    expect(sum("commitment.due")).toBe(3);
    expect(sum("failed")).toBe(0);
    expect(await auditCount("reminder.oneonone.upcoming")).toBe(before + 3);
    for (const p of pairs) {
      expect(await ofKind(p.report.id, "oneonone.upcoming")).toHaveLength(1);
      expect(await ofKind(p.manager.id, "oneonone.upcoming")).toHaveLength(1);
      expect(await ofKind(p.report.id, "commitment.due")).toHaveLength(1);
      expect(await ofKind(p.manager.id, "feedback.requested")).toHaveLength(1);
      const subjects = (await mailsTo(p.report.email)).map((m) => m.subject).sort();
      expect(subjects).toEqual([
        "1:1 with Maya Manager tomorrow at 11:00",
        "Commitment due tomorrow",
        "Nothing on the agenda for your 1:1 with Maya Manager",
      ]);
    }
  });
});
