import { describe, expect, it } from "vitest";
import {
  type CommitmentCandidate,
  commitmentReminders,
  type FeedbackRequestCandidate,
  feedbackRequestReminders,
  type MeetingCandidate,
  meetingReminders,
  type OnboardingStageCandidate,
  onboardingStageReminders,
} from "./reminders.rules.js";

const at = (iso: string) => new Date(iso);
const maya = { id: "maya", name: "Maya Manager" };
const eli = { id: "eli", name: "Eli Employee" };

function meeting(overrides: Partial<MeetingCandidate> = {}): MeetingCandidate {
  return {
    meetingId: "m1",
    seriesId: "s1",
    scheduledAt: at("2026-03-03T09:00:00Z"),
    durationMinutes: 30,
    timeZone: "Europe/Berlin",
    manager: maya,
    report: eli,
    reminderSentAt: null,
    openTalkingPoints: 2,
    ...overrides,
  };
}

describe("1:1 reminders", () => {
  const cases: {
    name: string;
    now: string;
    meeting?: Partial<MeetingCandidate>;
    title: string | null;
  }[] = [
    {
      name: "a meeting tomorrow morning is announced with its time in the series' zone",
      now: "2026-03-02T12:00:00Z",
      title: "1:1 with Eli Employee tomorrow at 10:00",
    },
    {
      name: "exactly 24 hours ahead is due",
      now: "2026-03-02T09:00:00Z",
      title: "1:1 with Eli Employee tomorrow at 10:00",
    },
    {
      name: "more than 24 hours ahead is not due yet",
      now: "2026-03-02T08:59:00Z",
      title: null,
    },
    {
      name: "a meeting later today (set up late) says today",
      now: "2026-03-03T06:00:00Z",
      title: "1:1 with Eli Employee today at 10:00",
    },
    {
      name: "a meeting that has started is not reminded",
      now: "2026-03-03T09:00:00Z",
      title: null,
    },
    {
      name: "one already reminded is not reminded again",
      now: "2026-03-02T12:00:00Z",
      meeting: { reminderSentAt: at("2026-03-02T11:00:00Z") },
      title: null,
    },
    {
      name: "New York's time is shown in New York, after the change to summer time",
      now: "2026-03-08T20:00:00Z",
      meeting: { scheduledAt: at("2026-03-09T14:00:00Z"), timeZone: "America/New_York" },
      title: "1:1 with Eli Employee tomorrow at 10:00",
    },
    {
      name: "the local day decides today or tomorrow (23:30 in Tokyo is tomorrow already)",
      now: "2026-03-02T14:30:00Z",
      meeting: { scheduledAt: at("2026-03-03T01:00:00Z"), timeZone: "Asia/Tokyo" },
      title: "1:1 with Eli Employee tomorrow at 10:00",
    },
    {
      name: "an unknown zone falls back to UTC instead of failing",
      now: "2026-03-02T12:00:00Z",
      meeting: { timeZone: "Mars/Olympus_Mons" },
      title: "1:1 with Eli Employee tomorrow at 09:00",
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const [r] = meetingReminders({ meetings: [meeting(c.meeting)], now: at(c.now) });
      expect(r?.notices.find((n) => n.personId === "maya")?.title ?? null).toBe(c.title);
    });

  it("tells both sides, each about the other, with one claim on the meeting", () => {
    const [r] = meetingReminders({ meetings: [meeting()], now: at("2026-03-02T12:00:00Z") });
    expect(r!.claim).toEqual({ kind: "meeting", id: "m1" });
    expect(r!.notices.map((n) => [n.personId, n.title])).toEqual([
      ["maya", "1:1 with Eli Employee tomorrow at 10:00"],
      ["eli", "1:1 with Maya Manager tomorrow at 10:00"],
    ]);
    expect(r!.notices[0]!.body).toContain("Tuesday 3 March at 10:00 (Europe/Berlin time)");
    expect(r!.notices.every((n) => n.dedupeKey === "oneonone-upcoming:m1")).toBe(true);
    expect(r!.notices[0]!.link).toBe("/one-on-ones/s1/meetings/m1");
  });

  it("asks both to fill an empty agenda, only when no talking point is open", () => {
    const empty = meetingReminders({
      meetings: [meeting({ openTalkingPoints: 0 })],
      now: at("2026-03-02T12:00:00Z"),
    })[0]!;
    expect(
      empty.notices.filter((n) => n.kind === "oneonone.agenda_empty").map((n) => n.personId),
    ).toEqual(["maya", "eli"]);
    expect(empty.data.agendaEmpty).toBe(true);
    const full = meetingReminders({ meetings: [meeting()], now: at("2026-03-02T12:00:00Z") })[0]!;
    expect(full.notices.some((n) => n.kind === "oneonone.agenda_empty")).toBe(false);
  });
});

describe("commitment reminders", () => {
  const base: CommitmentCandidate = {
    commitmentId: "c1",
    seriesId: "s1",
    ownerId: "eli",
    body: "Write up the on-call handover",
    dueOn: "2026-03-10",
    reminderSentOn: null,
    timeZone: "UTC",
  };
  const cases: {
    name: string;
    now: string;
    c?: Partial<CommitmentCandidate>;
    expected: { kind: string; title: string; sentOn: string } | null;
  }[] = [
    { name: "two days before: nothing yet", now: "2026-03-08T12:00:00Z", expected: null },
    {
      name: "the day before: due tomorrow",
      now: "2026-03-09T08:00:00Z",
      expected: { kind: "commitment.due", title: "Commitment due tomorrow", sentOn: "2026-03-09" },
    },
    {
      name: "on the day, when the day-before reminder was missed: due today",
      now: "2026-03-10T08:00:00Z",
      expected: { kind: "commitment.due", title: "Commitment due today", sentOn: "2026-03-10" },
    },
    {
      name: "on the day, after the day-before reminder: nothing",
      now: "2026-03-10T08:00:00Z",
      c: { reminderSentOn: "2026-03-09" },
      expected: null,
    },
    {
      name: "the day after: overdue, even when the due reminder went out",
      now: "2026-03-11T08:00:00Z",
      c: { reminderSentOn: "2026-03-09" },
      expected: { kind: "commitment.overdue", title: "Commitment overdue", sentOn: "2026-03-11" },
    },
    {
      name: "overdue is sent once",
      now: "2026-03-14T08:00:00Z",
      c: { reminderSentOn: "2026-03-11" },
      expected: null,
    },
    {
      name: "a new due date starts over: due again",
      now: "2026-03-16T08:00:00Z",
      c: { dueOn: "2026-03-17", reminderSentOn: "2026-03-11" },
      expected: { kind: "commitment.due", title: "Commitment due tomorrow", sentOn: "2026-03-16" },
    },
    {
      name: "the day is the series' day: 20:00 UTC is already tomorrow in Auckland",
      now: "2026-03-08T20:00:00Z",
      c: { timeZone: "Pacific/Auckland" },
      expected: { kind: "commitment.due", title: "Commitment due tomorrow", sentOn: "2026-03-09" },
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const [r] = commitmentReminders({ commitments: [{ ...base, ...c.c }], now: at(c.now) });
      if (!c.expected) return expect(r).toBeUndefined();
      expect(r!.kind).toBe(c.expected.kind);
      expect(r!.notices).toHaveLength(1);
      expect(r!.notices[0]).toMatchObject({ personId: "eli", title: c.expected.title });
      expect(r!.claim).toMatchObject({
        kind: "commitment",
        sentOn: c.expected.sentOn,
        previous: c.c?.reminderSentOn ?? null,
      });
    });

  it("keys each state by commitment and due date", () => {
    const due = commitmentReminders({ commitments: [base], now: at("2026-03-09T08:00:00Z") })[0]!;
    const overdue = commitmentReminders({
      commitments: [base],
      now: at("2026-03-11T08:00:00Z"),
    })[0]!;
    expect(due.notices[0]!.dedupeKey).toBe("commitment-due:c1:2026-03-10");
    expect(overdue.notices[0]!.dedupeKey).toBe("commitment-overdue:c1:2026-03-10");
    expect(due.notices[0]!.body).toContain("“Write up the on-call handover” is due on 2026-03-10");
  });
});

describe("feedback request reminders", () => {
  const base: FeedbackRequestCandidate = {
    requestId: "r1",
    askedId: "pat",
    requester: eli,
    about: eli,
    requestedNoticeAt: null,
    reminderSent: false,
  };
  const now = at("2026-03-10T09:00:00Z");
  const cases: {
    name: string;
    r: Partial<FeedbackRequestCandidate>;
    expected: { kind: string; title: string } | null;
  }[] = [
    {
      name: "a new request is announced to the person asked",
      r: {},
      expected: { kind: "feedback.requested", title: "Eli Employee asked you for feedback" },
    },
    {
      name: "a manager asking about a report names the report",
      r: { requester: maya, about: eli },
      expected: {
        kind: "feedback.requested",
        title: "Maya Manager asked you for feedback about Eli Employee",
      },
    },
    {
      name: "still open under three days after the notice: nothing",
      r: { requestedNoticeAt: at("2026-03-07T09:01:00Z") },
      expected: null,
    },
    {
      name: "still open three days after the notice: one reminder",
      r: { requestedNoticeAt: at("2026-03-07T09:00:00Z") },
      expected: {
        kind: "feedback.request_reminder",
        title: "Eli Employee is still waiting for your feedback",
      },
    },
    {
      name: "after the reminder: nothing more",
      r: { requestedNoticeAt: at("2026-03-01T09:00:00Z"), reminderSent: true },
      expected: null,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const [r] = feedbackRequestReminders({ requests: [{ ...base, ...c.r }], now });
      if (!c.expected) return expect(r).toBeUndefined();
      expect(r!.kind).toBe(c.expected.kind);
      expect(r!.notices).toEqual([
        expect.objectContaining({
          personId: "pat",
          kind: c.expected.kind,
          title: c.expected.title,
        }),
      ]);
      expect(r!.claim).toEqual({ kind: "feedback_request", id: "r1" });
    });
});

describe("onboarding stage reminders", () => {
  const base: OnboardingStageCandidate = {
    stageId: "st1",
    planId: "p1",
    day: 30,
    title: "Knows the team and the codebase",
    dueOn: "2026-04-01",
    employee: eli,
    managerId: "maya",
    reminderSentAt: null,
  };
  const cases: {
    name: string;
    now: string;
    s?: Partial<OnboardingStageCandidate>;
    title: string | null;
  }[] = [
    { name: "four days ahead: not yet", now: "2026-03-28T09:00:00Z", title: null },
    {
      name: "three days ahead: due in 3 days",
      now: "2026-03-29T09:00:00Z",
      title: "30-day onboarding check-in due in 3 days",
    },
    {
      name: "the day before: due tomorrow",
      now: "2026-03-31T09:00:00Z",
      title: "30-day onboarding check-in due tomorrow",
    },
    {
      name: "on the day: due today",
      now: "2026-04-01T09:00:00Z",
      title: "30-day onboarding check-in due today",
    },
    { name: "a passed stage is not reminded late", now: "2026-04-02T09:00:00Z", title: null },
    {
      name: "a stage already reminded is not reminded again",
      now: "2026-03-31T09:00:00Z",
      s: { reminderSentAt: at("2026-03-29T09:00:00Z") },
      title: null,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const [r] = onboardingStageReminders({ stages: [{ ...base, ...c.s }], now: at(c.now) });
      expect(r?.notices[0]?.title ?? null).toBe(c.title);
    });

  it("tells the new hire and the manager (who sees whose plan it is), with one claim", () => {
    const [r] = onboardingStageReminders({ stages: [base], now: at("2026-03-31T09:00:00Z") });
    expect(r!.claim).toEqual({ kind: "onboarding_stage", id: "st1" });
    expect(r!.notices.map((n) => [n.personId, n.title])).toEqual([
      ["eli", "30-day onboarding check-in due tomorrow"],
      ["maya", "30-day onboarding check-in due tomorrow: Eli Employee"],
    ]);
    expect(r!.notices[1]!.link).toBe("/onboarding/p1");
  });
});
