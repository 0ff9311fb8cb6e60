import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  type EngagementFacts,
  engagementLedger,
  engagementSignals,
  supportLedger,
  talkSignals,
  workingDaysBetween,
} from "./plans.engagement.rules.js";

// When someone won't engage: working days, each signal on and off at its threshold, and the two
// ledgers that stand side by side on the record. 2026-03-02 is a Monday.

const at = (day: string) => new Date(`${day}T12:00:00.000Z`);
const EMPLOYEE = "eve";
const MANAGER = "mia";

/** An active plan issued Monday 2 March, acknowledged the next day, with nothing else yet. */
const facts = (over: Partial<EngagementFacts> = {}): EngagementFacts => ({
  status: "active",
  employeeId: EMPLOYEE,
  startDate: "2026-03-02",
  issuedVersion: 1,
  versions: [
    {
      number: 1,
      createdAt: "2026-03-02T09:00:00.000Z",
      acknowledgedAt: "2026-03-03T10:00:00.000Z",
    },
  ],
  checkins: [],
  checkinResources: [],
  actionItems: [{ createdAt: "2026-03-04T10:00:00.000Z", done: false }],
  evidence: [],
  responses: [],
  achievements: 0,
  threads: [],
  resources: [],
  talks: [],
  ...over,
});

const unacknowledged = (issued: string) =>
  facts({ versions: [{ number: 1, createdAt: `${issued}T09:00:00.000Z`, acknowledgedAt: null }] });

const codes = (f: EngagementFacts, day: string) => engagementSignals(f, at(day)).map((s) => s.code);

describe("working days", () => {
  it.each([
    ["2026-03-02", "2026-03-02", 0, "the same day"],
    ["2026-03-02", "2026-03-06", 4, "Monday to Friday"],
    ["2026-03-02", "2026-03-09", 5, "Monday to the next Monday"],
    ["2026-03-06", "2026-03-09", 1, "Friday to Monday, across the weekend"],
    ["2026-03-06", "2026-03-08", 0, "Friday to Sunday"],
    ["2026-03-07", "2026-03-09", 1, "Saturday to Monday"],
    ["2026-03-02", "2026-03-16", 10, "two whole weeks"],
    ["2026-03-04", "2026-03-20", 12, "Wednesday to the Friday two weeks on"],
    ["2026-03-09", "2026-03-02", 0, "backwards"],
  ])("from %s to %s is %i (%s)", (from, to, n) => {
    expect(workingDaysBetween(from, to)).toBe(n);
  });

  it("adds working days over weekends", () => {
    expect(addWorkingDays("2026-03-02", 5)).toBe("2026-03-09");
    expect(addWorkingDays("2026-03-06", 1)).toBe("2026-03-09");
    expect(addWorkingDays("2026-03-07", 1)).toBe("2026-03-09");
    expect(addWorkingDays("2026-03-02", 10)).toBe("2026-03-16");
  });
});

describe("engagement.not_acknowledged", () => {
  it("is off 4 working days after the plan was issued", () => {
    expect(codes(unacknowledged("2026-03-02"), "2026-03-06")).not.toContain(
      "engagement.not_acknowledged",
    );
  });

  it("is off over the weekend that follows, still 4 working days", () => {
    expect(codes(unacknowledged("2026-03-02"), "2026-03-08")).not.toContain(
      "engagement.not_acknowledged",
    );
  });

  it("is on at 5 working days, since that day, in plain words that acknowledging is receipt", () => {
    const [signal] = engagementSignals(unacknowledged("2026-03-02"), at("2026-03-09"));
    expect(signal).toMatchObject({
      code: "engagement.not_acknowledged",
      since: "2026-03-09",
      talkedOn: null,
    });
    expect(signal!.detail).toBe(
      "Version 1 was issued on 2 March 2026 and has not been acknowledged after 5 working days. Acknowledging confirms receipt, not agreement.",
    );
  });

  it("is off once acknowledged, however late", () => {
    expect(codes(facts(), "2026-04-01")).not.toContain("engagement.not_acknowledged");
  });

  it("follows the latest version: a new version waits for its own acknowledgement", () => {
    const f = facts({
      issuedVersion: 2,
      versions: [
        { number: 1, createdAt: "2026-03-02T09:00:00Z", acknowledgedAt: "2026-03-03T09:00:00Z" },
        { number: 2, createdAt: "2026-03-16T09:00:00Z", acknowledgedAt: null },
      ],
    });
    expect(codes(f, "2026-03-20")).not.toContain("engagement.not_acknowledged");
    const signal = engagementSignals(f, at("2026-03-23")).find(
      (s) => s.code === "engagement.not_acknowledged",
    );
    expect(signal!.detail).toContain("Version 2 was issued on 16 March 2026");
  });
});

describe("engagement.missed_checkins", () => {
  const checkin = (id: string, scheduledOn: string, status: "scheduled" | "held" | "missed") => ({
    id,
    scheduledOn,
    status,
    heldOn: status === "held" ? scheduledOn : null,
    employeePart: status === "held",
  });

  it("is off while every check-in due was held", () => {
    const f = facts({
      checkins: [checkin("c1", "2026-03-09", "held"), checkin("c2", "2026-03-16", "scheduled")],
    });
    expect(codes(f, "2026-03-17")).not.toContain("engagement.missed_checkins");
  });

  it("is on with one missed, saying how many of how many, since the first missed", () => {
    const f = facts({
      checkins: [
        checkin("c1", "2026-03-09", "held"),
        checkin("c2", "2026-03-16", "missed"),
        checkin("c3", "2026-03-23", "missed"),
        checkin("c4", "2026-03-30", "scheduled"),
      ],
    });
    const signal = engagementSignals(f, at("2026-03-24")).find(
      (s) => s.code === "engagement.missed_checkins",
    );
    expect(signal).toMatchObject({ since: "2026-03-16" });
    expect(signal!.detail).toBe(
      "2 of the 3 check-ins due so far were missed (1 held). The record does not say who missed them.",
    );
  });
});

describe("engagement.no_action_items", () => {
  const none = (over: Partial<EngagementFacts> = {}) => facts({ actionItems: [], ...over });

  it("is off 9 working days after the plan started", () => {
    expect(codes(none(), "2026-03-13")).not.toContain("engagement.no_action_items");
  });

  it("is on at 10 working days without an action item", () => {
    const signal = engagementSignals(none(), at("2026-03-16")).find(
      (s) => s.code === "engagement.no_action_items",
    );
    expect(signal).toMatchObject({ since: "2026-03-16" });
    expect(signal!.detail).toBe(
      "The plan started on 2 March 2026; 10 working days later the action plan has no action item.",
    );
  });

  it("is off with a single action item", () => {
    expect(codes(facts(), "2026-04-01")).not.toContain("engagement.no_action_items");
  });

  it("counts from the start date when the plan was issued before it starts", () => {
    const f = none({ startDate: "2026-03-09" });
    expect(codes(f, "2026-03-20")).not.toContain("engagement.no_action_items");
    expect(codes(f, "2026-03-23")).toContain("engagement.no_action_items");
  });
});

describe("engagement.support_not_taken_up", () => {
  const resource = (over: Partial<EngagementFacts["resources"][number]> = {}) => ({
    id: "r1",
    goalId: "g1",
    goalNumber: 1,
    kind: "training" as const,
    description: "Payments codebase walkthrough",
    mentorName: null,
    status: "offered" as const,
    requestedByEmployee: false,
    offeredAt: "2026-03-02T09:00:00.000Z",
    ...over,
  });

  it("is off 9 working days after a resource was offered", () => {
    expect(codes(facts({ resources: [resource()] }), "2026-03-13")).not.toContain(
      "engagement.support_not_taken_up",
    );
  });

  it("is on at 10 working days while the resource is still only offered", () => {
    const signal = engagementSignals(facts({ resources: [resource()] }), at("2026-03-16")).find(
      (s) => s.code === "engagement.support_not_taken_up",
    );
    expect(signal).toMatchObject({ since: "2026-03-16" });
    expect(signal!.detail).toBe(
      "1 resource offered 10 or more working days ago is still marked offered, with no check-in recording it as delivered.",
    );
  });

  it("is off once the resource is in use, or a check-in recorded it delivered", () => {
    expect(
      codes(facts({ resources: [resource({ status: "in_use" })] }), "2026-03-20"),
    ).not.toContain("engagement.support_not_taken_up");
    const delivered = facts({
      resources: [resource()],
      checkins: [
        {
          id: "c1",
          scheduledOn: "2026-03-09",
          status: "held",
          heldOn: "2026-03-09",
          employeePart: true,
        },
      ],
      checkinResources: [{ checkinId: "c1", resourceId: "r1", delivered: true }],
    });
    expect(codes(delivered, "2026-03-20")).not.toContain("engagement.support_not_taken_up");
  });

  it("does not count a lowered demand, which asks nothing of the employee", () => {
    expect(
      codes(facts({ resources: [resource({ kind: "reduced_demand" })] }), "2026-03-20"),
    ).not.toContain("engagement.support_not_taken_up");
  });

  const thread = (over: Partial<EngagementFacts["threads"][number]> = {}) => ({
    id: "t1",
    kind: "support" as const,
    status: "answered" as const,
    createdById: EMPLOYEE,
    createdAt: "2026-03-03T09:00:00Z",
    accepted: false,
    messages: [
      { authorId: EMPLOYEE, createdAt: "2026-03-03T09:00:00Z" },
      { authorId: MANAGER, createdAt: "2026-03-04T09:00:00Z" },
    ],
    ...over,
  });

  it("is on for a support request answered 10 working days ago with no reply since", () => {
    expect(codes(facts({ threads: [thread()] }), "2026-03-17")).not.toContain(
      "engagement.support_not_taken_up",
    );
    const signal = engagementSignals(facts({ threads: [thread()] }), at("2026-03-18")).find(
      (s) => s.code === "engagement.support_not_taken_up",
    );
    expect(signal!.detail).toBe(
      "1 support request answered 10 or more working days ago has had no reply since.",
    );
  });

  it("is off for an answered clarification, an accepted request, or one the employee replied to", () => {
    for (const t of [
      thread({ kind: "clarification" }),
      thread({ accepted: true }),
      thread({ status: "open" }),
      thread({ status: "closed" }),
    ])
      expect(codes(facts({ threads: [t] }), "2026-04-01")).not.toContain(
        "engagement.support_not_taken_up",
      );
  });
});

describe("signals and the plan's status", () => {
  it("a paused or closed plan has none", () => {
    const f = unacknowledged("2026-03-02");
    expect(codes({ ...f, status: "paused" }, "2026-04-01")).toEqual([]);
    expect(codes({ ...f, status: "closed" }, "2026-04-01")).toEqual([]);
    expect(codes({ ...f, status: "issued" }, "2026-04-01")).toContain(
      "engagement.not_acknowledged",
    );
  });

  it("notes the latest conversation that addressed a signal on or after it began", () => {
    const f = {
      ...unacknowledged("2026-03-02"),
      talks: [
        { heldOn: "2026-03-05", signals: ["engagement.not_acknowledged"] },
        { heldOn: "2026-03-10", signals: ["engagement.not_acknowledged"] },
        { heldOn: "2026-03-11", signals: ["engagement.missed_checkins"] },
      ],
    };
    const [signal] = engagementSignals(f, at("2026-03-12"));
    expect(signal!.talkedOn).toBe("2026-03-10");
  });
});

describe("the ledgers", () => {
  const f = facts({
    issuedVersion: 2,
    versions: [
      { number: 1, createdAt: "2026-03-02T09:00:00Z", acknowledgedAt: "2026-03-03T09:00:00Z" },
      { number: 2, createdAt: "2026-03-16T09:00:00Z", acknowledgedAt: null },
    ],
    checkins: [
      {
        id: "c1",
        scheduledOn: "2026-03-09",
        status: "held",
        heldOn: "2026-03-10",
        employeePart: true,
      },
      { id: "c2", scheduledOn: "2026-03-16", status: "missed", heldOn: null, employeePart: false },
      {
        id: "c3",
        scheduledOn: "2026-03-23",
        status: "scheduled",
        heldOn: null,
        employeePart: false,
      },
    ],
    checkinResources: [
      { checkinId: "c1", resourceId: "r1", delivered: true },
      { checkinId: "c1", resourceId: "r2", delivered: false },
    ],
    actionItems: [
      { createdAt: "2026-03-04T09:00:00Z", done: true },
      { createdAt: "2026-03-05T09:00:00Z", done: false },
    ],
    evidence: [{ answered: true }, { answered: false }],
    responses: [
      { authorId: EMPLOYEE, createdAt: "2026-03-04T09:00:00Z" },
      { authorId: MANAGER, createdAt: "2026-03-04T10:00:00Z" },
    ],
    achievements: 1,
    threads: [
      {
        id: "t1",
        kind: "clarification",
        status: "answered",
        createdById: EMPLOYEE,
        createdAt: "2026-03-04T09:00:00Z",
        accepted: false,
        messages: [
          { authorId: EMPLOYEE, createdAt: "2026-03-04T09:00:00Z" },
          { authorId: MANAGER, createdAt: "2026-03-04T12:00:00Z" },
        ],
      },
      {
        id: "t2",
        kind: "support",
        status: "open",
        createdById: EMPLOYEE,
        createdAt: "2026-03-05T09:00:00Z",
        accepted: false,
        messages: [{ authorId: EMPLOYEE, createdAt: "2026-03-05T09:00:00Z" }],
      },
    ],
    resources: [
      {
        id: "r2",
        goalId: "g2",
        goalNumber: 2,
        kind: "mentor",
        description: "Pairing with a senior engineer",
        mentorName: "Sam",
        status: "not_delivered",
        requestedByEmployee: true,
        offeredAt: "2026-03-06T09:00:00Z",
      },
      {
        id: "r1",
        goalId: "g1",
        goalNumber: 1,
        kind: "training",
        description: "Course",
        mentorName: null,
        status: "delivered",
        requestedByEmployee: false,
        offeredAt: "2026-03-02T09:00:00Z",
      },
    ],
    talks: [{ heldOn: "2026-03-18", signals: [] }],
  });

  it("the support ledger lists each resource with its status and check-in records, goal by goal", () => {
    const ledger = supportLedger(f);
    expect(ledger.resources.map((r) => [r.id, r.statusLabel, r.offeredOn])).toEqual([
      ["r1", "Delivered", "2026-03-02"],
      ["r2", "Not delivered", "2026-03-06"],
    ]);
    expect(ledger.resources[0]!.checkins).toEqual([{ on: "2026-03-10", delivered: true }]);
    expect(ledger.totals).toMatchObject({
      total: 2,
      offered: 0,
      delivered: 1,
      not_delivered: 1,
      deliveredAtCheckins: 1,
    });
    expect(ledger.requests).toEqual({
      clarifications: { asked: 1, answered: 1 },
      support: { asked: 1, answered: 0, accepted: 0 },
    });
    expect(ledger.talks).toBe(1);
  });

  it("the engagement ledger counts acknowledgements, check-ins, items, answers and threads", () => {
    expect(engagementLedger(f, at("2026-03-20"))).toEqual({
      acknowledgements: [
        { version: 1, issuedOn: "2026-03-02", acknowledgedOn: "2026-03-03", workingDays: 1 },
        { version: 2, issuedOn: "2026-03-16", acknowledgedOn: null, workingDays: 4 },
      ],
      checkins: { due: 2, held: 1, missed: 1, upcoming: 1, employeePart: 1 },
      actionItems: { total: 2, done: 1 },
      evidence: { total: 2, answered: 1 },
      responses: 1,
      threadsStarted: { clarification: 1, support: 1 },
      achievements: 1,
    });
  });

  it("a talk's signals keep known codes only, once each", () => {
    expect(
      talkSignals(["engagement.missed_checkins", "nonsense", "engagement.missed_checkins"]),
    ).toEqual(["engagement.missed_checkins"]);
  });
});
