import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { can } from "./access.policy.js";
import type { Action, Actor, GrantedRole, HrScope, Resource } from "./access.types.js";

// ---------- a generated org chart (pure) ----------

type OrgPerson = { id: string; department: string; managerId: string | null };
type OrgChart = Map<string, OrgPerson>;

/**
 * CEO → one head per department → managers → individual contributors.
 * Ids read as positions: "eng-head", "eng-m1", "eng-m1-ic2", …
 */
function buildOrgChart({
  departments,
  managersPerDepartment,
  icsPerManager,
}: {
  departments: { key: string; name: string }[];
  managersPerDepartment: number;
  icsPerManager: number;
}): OrgChart {
  const chart: OrgChart = new Map();
  const add = (p: OrgPerson) => chart.set(p.id, p);
  add({ id: "ceo", department: "Leadership", managerId: null });
  for (const { key, name } of departments) {
    add({ id: `${key}-head`, department: name, managerId: "ceo" });
    for (let m = 1; m <= managersPerDepartment; m++) {
      add({ id: `${key}-m${m}`, department: name, managerId: `${key}-head` });
      for (let i = 1; i <= icsPerManager; i++)
        add({ id: `${key}-m${m}-ic${i}`, department: name, managerId: `${key}-m${m}` });
    }
  }
  return chart;
}

function managerChain(chart: OrgChart, id: string): string[] {
  const chain: string[] = [];
  let next = chart.get(id)?.managerId ?? null;
  while (next && !chain.includes(next)) {
    chain.push(next);
    next = chart.get(next)?.managerId ?? null;
  }
  return chain;
}

const chart = buildOrgChart({
  departments: [
    { key: "eng", name: "Engineering" },
    { key: "sales", name: "Sales" },
    { key: "people", name: "People" },
  ],
  managersPerDepartment: 2,
  icsPerManager: 3,
});

function actorFor(
  id: string,
  {
    roles = [],
    hrScope = { all: false, departments: [] },
    skipLevelVisible = true,
  }: { roles?: GrantedRole[]; hrScope?: HrScope; skipLevelVisible?: boolean } = {},
): Actor {
  const hasReports = [...chart.values()].some((p) => p.managerId === id);
  return {
    kind: "person",
    personId: id,
    name: id,
    roles: ["employee", ...roles, ...(hasReports ? (["manager"] as const) : [])],
    hrScope,
    policy: { skipLevelVisible },
  };
}

/** The resource an action is about, for a target person. */
function resourceFor(action: Action, targetId: string): Resource {
  if (action.startsWith("person.")) {
    const person = chart.get(targetId)!;
    return {
      type: "person",
      id: person.id,
      department: person.department,
      managerChain: managerChain(chart, person.id),
      grantedRoles: grantedRolesOf.get(person.id) ?? [],
    };
  }
  if (action.startsWith("api_token.")) return { type: "api_token", ownerId: targetId };
  if (action.startsWith("audit.")) return { type: "audit" };
  return { type: "org" };
}

// ---------- the table ----------

const checkedActions = [
  "person.view_card",
  "person.view_record",
  "person.view_demographics",
  "person.update",
  "person.manage_access",
  "org.import",
  "org.export",
  "org.manage_access",
  "org.invite",
  "audit.view",
  "audit.view_all",
  "mail.view_outbox",
  "api_token.revoke",
] as const satisfies readonly Action[];

type Scenario = {
  who: string;
  actor: Actor;
  target: string;
  allowed: readonly (typeof checkedActions)[number][];
};

/** Roles held in the chart, as the database would give them. */
const grantedRolesOf = new Map<string, GrantedRole[]>([
  ["people-m1-ic1", ["hr"]],
  ["people-m1-ic2", ["hr"]],
  ["people-m2-ic1", ["admin"]],
  ["people-m2-ic2", ["ld"]],
]);

const hrAll = actorFor("people-m1-ic1", { roles: ["hr"], hrScope: { all: true, departments: [] } });
const hrEngineering = actorFor("people-m1-ic2", {
  roles: ["hr"],
  hrScope: { all: false, departments: ["Engineering"] },
});
const admin = actorFor("people-m2-ic1", { roles: ["admin"] });
const everything = checkedActions;

const scenarios: Scenario[] = [
  {
    who: "an employee on themselves",
    actor: actorFor("eng-m1-ic1"),
    target: "eng-m1-ic1",
    allowed: [
      "person.view_card",
      "person.view_record",
      "person.view_demographics",
      "api_token.revoke",
    ],
  },
  {
    who: "an employee on a peer",
    actor: actorFor("eng-m1-ic1"),
    target: "eng-m1-ic2",
    allowed: ["person.view_card"],
  },
  {
    who: "an employee on someone in another department",
    actor: actorFor("eng-m1-ic1"),
    target: "sales-m2-ic3",
    allowed: ["person.view_card"],
  },
  {
    who: "a manager on a direct report",
    actor: actorFor("eng-m1"),
    target: "eng-m1-ic1",
    allowed: ["person.view_card", "person.view_record"],
  },
  {
    who: "a manager on a direct report when skip-level is off",
    actor: actorFor("eng-m1", { skipLevelVisible: false }),
    target: "eng-m1-ic1",
    allowed: ["person.view_card", "person.view_record"],
  },
  {
    who: "a manager on another manager's report",
    actor: actorFor("eng-m1"),
    target: "eng-m2-ic1",
    allowed: ["person.view_card"],
  },
  {
    who: "a skip-level manager when skip-level is allowed",
    actor: actorFor("eng-head", { skipLevelVisible: true }),
    target: "eng-m1-ic1",
    allowed: ["person.view_card", "person.view_record"],
  },
  {
    who: "the CEO three levels up when skip-level is allowed",
    actor: actorFor("ceo", { skipLevelVisible: true }),
    target: "sales-m2-ic3",
    allowed: ["person.view_card", "person.view_record"],
  },
  {
    who: "a skip-level manager when skip-level is not allowed",
    actor: actorFor("eng-head", { skipLevelVisible: false }),
    target: "eng-m1-ic1",
    allowed: ["person.view_card"],
  },
  {
    who: "a report on their manager",
    actor: actorFor("eng-m1-ic1"),
    target: "eng-m1",
    allowed: ["person.view_card"],
  },
  {
    who: "a department head on another department's report",
    actor: actorFor("eng-head"),
    target: "sales-m1-ic1",
    allowed: ["person.view_card"],
  },
  {
    who: "organisation-wide HR on anyone",
    actor: hrAll,
    target: "sales-m1-ic1",
    allowed: [
      "person.view_card",
      "person.view_record",
      "person.view_demographics",
      "person.update",
      "org.import",
      "org.export",
      "audit.view",
      "audit.view_all",
    ],
  },
  {
    who: "department-scoped HR on someone in their department",
    actor: hrEngineering,
    target: "eng-m2-ic3",
    allowed: [
      "person.view_card",
      "person.view_record",
      "person.view_demographics",
      "person.update",
      "audit.view",
    ],
  },
  {
    who: "department-scoped HR on someone outside their department",
    actor: hrEngineering,
    target: "sales-m2-ic3",
    allowed: ["person.view_card", "audit.view"],
  },
  {
    who: "someone with an HR scope but without the HR role",
    actor: actorFor("people-m1-ic3", { hrScope: { all: true, departments: [] } }),
    target: "sales-m2-ic3",
    allowed: ["person.view_card"],
  },
  {
    who: "an admin on someone else",
    actor: admin,
    target: "eng-m1-ic1",
    allowed: [
      "person.view_card",
      "person.view_record",
      "person.update",
      "person.manage_access",
      "org.import",
      "org.export",
      "org.manage_access",
      "org.invite",
      "audit.view",
      "audit.view_all",
      "mail.view_outbox",
      "api_token.revoke",
    ],
  },
  {
    who: "an admin on themselves (cannot change their own access)",
    actor: admin,
    target: "people-m2-ic1",
    allowed: [
      "person.view_card",
      "person.view_record",
      "person.view_demographics",
      "person.update",
      "org.import",
      "org.export",
      "org.manage_access",
      "org.invite",
      "audit.view",
      "audit.view_all",
      "mail.view_outbox",
      "api_token.revoke",
    ],
  },
  {
    who: "organisation-wide HR on an admin (may see, may not edit: no account takeover)",
    actor: hrAll,
    target: "people-m2-ic1",
    allowed: [
      "person.view_card",
      "person.view_record",
      "person.view_demographics",
      "org.import",
      "org.export",
      "audit.view",
      "audit.view_all",
    ],
  },
  {
    who: "L&D on anyone",
    actor: actorFor("people-m2-ic2", { roles: ["ld"] }),
    target: "eng-m1-ic1",
    allowed: ["person.view_card"],
  },
  {
    who: "the system (CLI, setup)",
    actor: { kind: "system", label: "cli" },
    target: "eng-m1-ic1",
    allowed: everything,
  },
];

const cases = scenarios.flatMap((s) =>
  checkedActions.map((action) => ({
    who: s.who,
    action,
    actor: s.actor,
    target: s.target,
    expected: s.allowed.includes(action),
  })),
);

describe("can(): who may do what, over a generated org chart", () => {
  it("builds a chart of a CEO, three department heads, their managers and ICs", () => {
    expect(chart.size).toBe(1 + 3 * (1 + 2 * (1 + 3)));
    expect(managerChain(chart, "eng-m1-ic1")).toEqual(["eng-m1", "eng-head", "ceo"]);
  });

  it.each(cases)("$who: $action is $expected", ({ actor, action, target, expected }) => {
    expect(can(actor, action, resourceFor(action, target))).toBe(expected);
  });
});

// ---------- properties over random org charts ----------

/** A random forest: person i reports to someone before them, or to no one. */
const randomOrg = fc
  .array(fc.record({ manager: fc.nat(), department: fc.constantFrom("A", "B", "C") }), {
    minLength: 1,
    maxLength: 40,
  })
  .map((rows) =>
    rows.map((r, i) => ({
      id: `p${i}`,
      department: r.department,
      // roughly one in five is a root (no manager)
      managerId: i === 0 || r.manager % 5 === 0 ? null : `p${r.manager % i}`,
    })),
  );

function chainIn(people: OrgPerson[], id: string): string[] {
  const byId = new Map(people.map((p) => [p.id, p]));
  const chain: string[] = [];
  let next = byId.get(id)?.managerId ?? null;
  while (next) {
    chain.push(next);
    next = byId.get(next)?.managerId ?? null;
  }
  return chain;
}

function personActor(
  id: string,
  roles: GrantedRole[],
  hrScope: HrScope,
  skipLevelVisible: boolean,
): Actor {
  return {
    kind: "person",
    personId: id,
    name: id,
    roles: ["employee", ...roles],
    hrScope,
    policy: { skipLevelVisible },
  };
}

describe("can(): properties over random org charts", () => {
  it("a manager sees the record of everyone below them when skip-level is allowed, and of no one outside their subtree", () => {
    fc.assert(
      fc.property(
        randomOrg,
        fc.nat(),
        fc.subarray(["ld"] as GrantedRole[]),
        (people, pick, roles) => {
          const actorId = people[pick % people.length]!.id;
          const actor = personActor(actorId, roles, { all: false, departments: [] }, true);
          for (const p of people) {
            const chain = chainIn(people, p.id);
            const resource = {
              type: "person",
              id: p.id,
              department: p.department,
              managerChain: chain,
            } as const;
            const below = chain.includes(actorId);
            expect(can(actor, "person.view_record", resource)).toBe(below || p.id === actorId);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("without skip-level a manager sees only their direct reports' records (and their own)", () => {
    fc.assert(
      fc.property(randomOrg, fc.nat(), (people, pick) => {
        const actorId = people[pick % people.length]!.id;
        const actor = personActor(actorId, [], { all: false, departments: [] }, false);
        for (const p of people) {
          const chain = chainIn(people, p.id);
          const resource = {
            type: "person",
            id: p.id,
            department: p.department,
            managerChain: chain,
          } as const;
          expect(can(actor, "person.view_record", resource)).toBe(
            p.id === actorId || p.managerId === actorId,
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it("HR sees exactly the records in their scope and admins see every record, wherever they sit in the chart", () => {
    fc.assert(
      fc.property(
        randomOrg,
        fc.nat(),
        fc.subarray(["A", "B", "C"]),
        fc.boolean(),
        (people, pick, departments, skipLevelVisible) => {
          const actorId = people[pick % people.length]!.id;
          const hr = personActor(actorId, ["hr"], { all: false, departments }, skipLevelVisible);
          const adminActor = personActor(
            actorId,
            ["admin"],
            { all: false, departments: [] },
            skipLevelVisible,
          );
          for (const p of people) {
            const chain = chainIn(people, p.id);
            const resource = {
              type: "person",
              id: p.id,
              department: p.department,
              managerChain: chain,
            } as const;
            const ownLine =
              p.id === actorId ||
              chain[0] === actorId ||
              (skipLevelVisible && chain.includes(actorId));
            expect(can(hr, "person.view_record", resource)).toBe(
              ownLine || departments.includes(p.department),
            );
            expect(can(adminActor, "person.view_record", resource)).toBe(true);
            // Demographics are for HR in scope and the person alone: never an admin's or a manager's.
            expect(can(adminActor, "person.view_demographics", resource)).toBe(p.id === actorId);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ---------- success plans ----------

describe("can(): success plans, by status and role", () => {
  const planStatuses = [
    "draft",
    "in_review",
    "changes_requested",
    "approved",
    "issued",
    "acknowledged",
    "active",
    "paused",
    "extended",
    "closed",
  ] as const;
  const planActionsChecked = [
    "plan.view",
    "plan.edit",
    "plan.submit",
    "plan.review",
    "plan.issue",
    "plan.acknowledge",
    "plan.manage",
    "plan.private_note",
    "plan.view_review",
    "plan.override_finding",
  ] as const satisfies readonly Action[];
  const seen = ["issued", "acknowledged", "active", "paused", "extended", "closed"];
  const planFor = (status: string): Resource => ({
    type: "plan",
    employeeId: "eng-m1-ic1",
    managerId: "eng-m1",
    hrPartnerId: "people-m1-ic2",
    employeeDepartment: "Engineering",
    employeeManagerChain: managerChain(chart, "eng-m1-ic1"),
    status,
    everIssued: seen.includes(status),
  });
  const open = (s: string) => s !== "closed";
  type Expect = (status: string) => (typeof planActionsChecked)[number][];
  const roles: [string, Actor, Expect][] = [
    [
      "the employee",
      actorFor("eng-m1-ic1"),
      (s) => [
        ...(seen.includes(s) ? (["plan.view"] as const) : []),
        ...(seen.includes(s) && open(s) ? (["plan.acknowledge"] as const) : []),
      ],
    ],
    [
      "the manager",
      actorFor("eng-m1"),
      (s) => [
        "plan.view",
        ...(open(s) ? (["plan.edit", "plan.submit", "plan.manage"] as const) : []),
        ...(s === "approved" ? (["plan.issue"] as const) : []),
        "plan.private_note",
        "plan.view_review",
      ],
    ],
    [
      "the skip-level manager",
      actorFor("eng-head"),
      () => ["plan.view", "plan.private_note", "plan.view_review"],
    ],
    [
      "the skip-level manager where the organisation hides skip-level",
      actorFor("eng-head", { skipLevelVisible: false }),
      () => [],
    ],
    [
      "HR in scope",
      hrEngineering,
      (s) => [
        "plan.view",
        ...(s === "in_review" ? (["plan.review"] as const) : []),
        ...(s === "approved" ? (["plan.issue"] as const) : []),
        ...(open(s) ? (["plan.manage"] as const) : []),
        "plan.private_note",
        "plan.view_review",
        ...(["in_review", "changes_requested", "approved"].includes(s)
          ? (["plan.override_finding"] as const)
          : []),
      ],
    ],
    [
      "HR out of scope",
      actorFor("people-m1-ic1", { roles: ["hr"], hrScope: { all: false, departments: ["Sales"] } }),
      () => [],
    ],
    ["a peer", actorFor("eng-m1-ic2"), () => []],
    ["an admin", actorFor("people-m2-ic1", { roles: ["admin"] }), () => []],
  ];
  const planCases = planStatuses.flatMap((status) =>
    roles.flatMap(([who, actor, allowed]) =>
      planActionsChecked.map((action) => ({
        who,
        status,
        action,
        actor,
        expected: allowed(status).includes(action),
      })),
    ),
  );

  it.each(planCases)(
    "$who, on a plan that is $status: $action is $expected",
    ({ actor, action, status, expected }) => {
      expect(can(actor, action, planFor(status))).toBe(expected);
    },
  );

  it("a manager may draft plans for their own reports, HR for people in scope, nobody for themselves", () => {
    const subject = (id: string): Resource => ({
      type: "plan_subject",
      person: resourceFor("person.view_record", id) as Extract<Resource, { type: "person" }>,
    });
    expect(can(actorFor("eng-m1"), "plan.create", subject("eng-m1-ic1"))).toBe(true);
    expect(can(actorFor("eng-head"), "plan.create", subject("eng-m1-ic1"))).toBe(false);
    expect(can(actorFor("eng-m1-ic2"), "plan.create", subject("eng-m1-ic1"))).toBe(false);
    expect(can(hrEngineering, "plan.create", subject("eng-m1-ic1"))).toBe(true);
    expect(can(hrEngineering, "plan.create", subject("sales-m1-ic1"))).toBe(false);
    expect(can(actorFor("eng-m1"), "plan.create", subject("eng-m1"))).toBe(false);
  });

  it("a plan withdrawn before it was issued stays hidden from its employee, not from the others", () => {
    const withdrawn = { ...planFor("closed"), everIssued: false };
    expect(can(actorFor("eng-m1-ic1"), "plan.view", withdrawn)).toBe(false);
    expect(can(actorFor("eng-m1"), "plan.view", withdrawn)).toBe(true);
    expect(can(hrEngineering, "plan.view", withdrawn)).toBe(true);
  });

  it("protected activities are for HR in scope alone: not the person, not their managers, not admins", () => {
    const person = resourceFor("person.view_record", "eng-m1-ic1");
    for (const action of [
      "person.view_protected_activities",
      "person.record_protected_activity",
    ] as const) {
      expect(can(hrEngineering, action, person)).toBe(true);
      expect(can(actorFor("eng-m1-ic1"), action, person)).toBe(false);
      expect(can(actorFor("eng-m1"), action, person)).toBe(false);
      expect(can(actorFor("eng-head"), action, person)).toBe(false);
      expect(can(actorFor("people-m2-ic1", { roles: ["admin"] }), action, person)).toBe(false);
      // HR with the whole organisation in scope who also sits above the person.
      expect(
        can(
          actorFor("eng-head", { roles: ["hr"], hrScope: { all: true, departments: [] } }),
          action,
          person,
        ),
      ).toBe(false);
      expect(
        can(
          actorFor("people-m1-ic1", {
            roles: ["hr"],
            hrScope: { all: false, departments: ["Sales"] },
          }),
          action,
          person,
        ),
      ).toBe(false);
    }
  });

  it("the review policy is set by admins and by HR for the whole organisation", () => {
    expect(
      can(actorFor("people-m2-ic1", { roles: ["admin"] }), "org.update_review_policy", {
        type: "org",
      }),
    ).toBe(true);
    expect(can(hrEngineering, "org.update_review_policy", { type: "org" })).toBe(false);
    expect(
      can(
        actorFor("people-m1-ic1", { roles: ["hr"], hrScope: { all: true, departments: [] } }),
        "org.update_review_policy",
        { type: "org" },
      ),
    ).toBe(true);
    expect(can(actorFor("eng-m1"), "org.update_review_policy", { type: "org" })).toBe(false);
  });

  it("only HR sees the review queue", () => {
    expect(can(hrEngineering, "plan.view_queue", { type: "org" })).toBe(true);
    expect(can(actorFor("eng-m1"), "plan.view_queue", { type: "org" })).toBe(false);
  });
});

// ---------- confidential concerns ----------

describe("can(): a confidential concern, by role", () => {
  const concernActions = [
    "concern.view",
    "concern.reply",
    "concern.close",
    "concern.record_protected_activity",
  ] as const satisfies readonly Action[];
  // Raised by eng-m1-ic1 about their colleague eng-m1-ic2, who is also an HR partner.
  const concern: Resource = {
    type: "concern",
    employeeId: "eng-m1-ic1",
    aboutPersonId: "eng-m1-ic2",
    employeeDepartment: "Engineering",
    employeeManagerChain: managerChain(chart, "eng-m1-ic1"),
  };
  const hrIn = (id: string) =>
    actorFor(id, { roles: ["hr"], hrScope: { all: false, departments: ["Engineering"] } });
  const all = [...concernActions];
  const readsAndWrites = ["concern.view", "concern.reply", "concern.close"] as const;
  const rows: [string, Actor, readonly (typeof concernActions)[number][]][] = [
    ["the employee who raised it", actorFor("eng-m1-ic1"), readsAndWrites],
    ["HR in scope", hrEngineering, all],
    ["organisation-wide HR outside the chain", hrAll, all],
    [
      "HR out of scope",
      actorFor("people-m1-ic1", { roles: ["hr"], hrScope: { all: false, departments: ["Sales"] } }),
      [],
    ],
    ["the colleague it is about, although HR in scope", hrIn("eng-m1-ic2"), []],
    ["the direct manager", actorFor("eng-m1"), []],
    ["the direct manager, even as HR in scope", hrIn("eng-m1"), []],
    [
      "the HR director above the employee, with the whole organisation in scope",
      actorFor("eng-head", { roles: ["hr"], hrScope: { all: true, departments: [] } }),
      [],
    ],
    ["the CEO", actorFor("ceo"), []],
    ["a peer", actorFor("eng-m1-ic3"), []],
    ["an admin", admin, []],
    ["L&D", actorFor("people-m2-ic2", { roles: ["ld"] }), []],
  ];
  const concernCases = rows.flatMap(([who, actor, allowed]) =>
    concernActions.map((action) => ({ who, actor, action, expected: allowed.includes(action) })),
  );

  it.each(concernCases)("$who: $action is $expected", ({ actor, action, expected }) => {
    expect(can(actor, action, concern)).toBe(expected);
  });

  it("everyone raises concerns for themselves alone; only HR has an inbox", () => {
    const self = resourceFor("person.view_record", "eng-m1-ic1");
    expect(can(actorFor("eng-m1-ic1"), "concern.raise", self)).toBe(true);
    expect(can(actorFor("eng-m1"), "concern.raise", self)).toBe(false);
    expect(can(hrEngineering, "concern.raise", self)).toBe(false);
    expect(can(hrEngineering, "concern.view_inbox", { type: "org" })).toBe(true);
    expect(can(actorFor("eng-m1"), "concern.view_inbox", { type: "org" })).toBe(false);
    expect(can(admin, "concern.view_inbox", { type: "org" })).toBe(false);
  });
});

// ---------- enablement: sealed plans ----------

describe("can(): a plan sealed after it closed with its goals met", () => {
  const ldActor = actorFor("people-m2-ic2", { roles: ["ld"] });
  /** Sofia's plan, run by eng-m1, closed goals met; `chain` is her chain today. */
  const sealedPlan = (
    managerAccess: boolean,
    chain = managerChain(chart, "eng-m1-ic1"),
  ): Resource => ({
    type: "plan",
    employeeId: "eng-m1-ic1",
    managerId: "eng-m1",
    hrPartnerId: "people-m1-ic2",
    employeeDepartment: "Engineering",
    employeeManagerChain: chain,
    status: "closed",
    everIssued: true,
    sealed: true,
    sealedManagerAccess: managerAccess,
  });
  // After a reorganisation she reports to eng-m2; eng-m1 keeps nothing but the period.
  const movedChain = ["eng-m2", "eng-head", "ceo"];
  const reads = ["plan.view", "plan.view_engagement", "plan.private_note", "plan.view_review"];
  const rows: [string, Actor, Resource, readonly string[]][] = [
    [
      "the employee",
      actorFor("eng-m1-ic1"),
      sealedPlan(false),
      ["plan.view", "plan.view_engagement"],
    ],
    [
      "the employee, after moving to another manager",
      actorFor("eng-m1-ic1"),
      sealedPlan(false, movedChain),
      ["plan.view", "plan.view_engagement"],
    ],
    ["HR in scope", hrEngineering, sealedPlan(false), reads],
    ["organisation-wide HR", hrAll, sealedPlan(false), reads],
    [
      "HR out of scope",
      actorFor("people-m1-ic1", { roles: ["hr"], hrScope: { all: false, departments: ["Sales"] } }),
      sealedPlan(true),
      [],
    ],
    [
      "the manager who ran it, while their access lasts",
      actorFor("eng-m1"),
      sealedPlan(true),
      reads,
    ],
    [
      "the manager who ran it, while their access lasts, after the employee moved",
      actorFor("eng-m1"),
      sealedPlan(true, movedChain),
      reads,
    ],
    ["the manager who ran it, once the period is over", actorFor("eng-m1"), sealedPlan(false), []],
    ["a later direct manager", actorFor("eng-m2"), sealedPlan(false, movedChain), []],
    [
      "a later direct manager, while the old manager's access lasts",
      actorFor("eng-m2"),
      sealedPlan(true, movedChain),
      [],
    ],
    ["the skip-level manager, with skip-level allowed", actorFor("eng-head"), sealedPlan(true), []],
    ["the CEO, with skip-level allowed", actorFor("ceo"), sealedPlan(true), []],
    ["a peer", actorFor("eng-m1-ic2"), sealedPlan(true), []],
    ["L&D", ldActor, sealedPlan(true), []],
    ["an admin", admin, sealedPlan(true), []],
  ];
  const actions = [
    "plan.view",
    "plan.view_engagement",
    "plan.private_note",
    "plan.view_review",
    "plan.edit",
    "plan.manage",
    "plan.respond",
    "plan.acknowledge",
    "plan.record_checkin",
    "plan.record_engagement_talk",
    "plan.override_finding",
  ] as const satisfies readonly Action[];
  const sealedCases = rows.flatMap(([who, actor, plan, allowed]) =>
    actions.map((action) => ({ who, actor, plan, action, expected: allowed.includes(action) })),
  );

  it.each(sealedCases)("$who: $action is $expected", ({ actor, plan, action, expected }) => {
    expect(can(actor, action, plan)).toBe(expected);
  });

  it("an unsealed closed plan stays with its manager and the chain above, as before", () => {
    const closed = { ...(sealedPlan(false) as Extract<Resource, { type: "plan" }>) };
    closed.sealed = false;
    closed.sealedManagerAccess = true;
    expect(can(actorFor("eng-m1"), "plan.view", closed)).toBe(true);
    expect(can(actorFor("eng-head"), "plan.view", closed)).toBe(true);
    expect(can(actorFor("eng-head", { skipLevelVisible: false }), "plan.view", closed)).toBe(false);
    // A plan loaded without the seal fields (older callers) reads as unsealed.
    const { sealed: _s, sealedManagerAccess: _a, ...plain } = closed;
    expect(can(actorFor("eng-m1"), "plan.view", plain)).toBe(true);
  });
});

// ---------- enablement: engagement on a running plan ----------

describe("can(): the engagement record of a plan", () => {
  const statuses = [
    "draft",
    "in_review",
    "approved",
    "issued",
    "acknowledged",
    "active",
    "paused",
    "extended",
    "closed",
  ] as const;
  const seenStatuses = ["issued", "acknowledged", "active", "paused", "extended", "closed"];
  const running = ["issued", "acknowledged", "active", "paused", "extended"];
  const planIn = (status: string): Resource => ({
    type: "plan",
    employeeId: "eng-m1-ic1",
    managerId: "eng-m1",
    hrPartnerId: "people-m1-ic2",
    employeeDepartment: "Engineering",
    employeeManagerChain: managerChain(chart, "eng-m1-ic1"),
    status,
    everIssued: seenStatuses.includes(status),
  });
  const people: [string, Actor, (s: string) => boolean][] = [
    ["the manager", actorFor("eng-m1"), (s) => running.includes(s)],
    ["HR in scope", hrEngineering, (s) => running.includes(s)],
    ["the employee", actorFor("eng-m1-ic1"), () => false],
    ["the skip-level manager", actorFor("eng-head"), () => false],
    ["a peer", actorFor("eng-m1-ic2"), () => false],
    ["L&D", actorFor("people-m2-ic2", { roles: ["ld"] }), () => false],
    ["an admin", admin, () => false],
  ];
  const engagementCases = statuses.flatMap((status) =>
    people.map(([who, actor, talks]) => ({ who, status, actor, talks: talks(status) })),
  );

  it.each(engagementCases)(
    "$who, on a plan that is $status: sees the engagement record as they see the plan, records a talk: $talks",
    ({ actor, status, talks }) => {
      const plan = planIn(status);
      expect(can(actor, "plan.view_engagement", plan)).toBe(can(actor, "plan.view", plan));
      expect(can(actor, "plan.record_engagement_talk", plan)).toBe(talks);
    },
  );
});

// ---------- enablement: mentoring ----------

describe("can(): a mentorship, by status and role", () => {
  const statuses = ["requested", "active", "declined", "ended", "withdrawn"] as const;
  // eng-m2-ic1 mentors eng-m1-ic1, asked for by her manager eng-m1.
  const mentorship = (status: (typeof statuses)[number]): Resource => ({
    type: "mentorship",
    mentorId: "eng-m2-ic1",
    menteeId: "eng-m1-ic1",
    requestedById: "eng-m1",
    status,
  });
  const mentorshipActions = [
    "mentorship.view",
    "mentorship.respond",
    "mentorship.log_session",
    "mentorship.end",
  ] as const satisfies readonly Action[];
  type Allowed = (s: string) => readonly (typeof mentorshipActions)[number][];
  const open = (s: string) => s === "requested" || s === "active";
  const rows: [string, Actor, Allowed][] = [
    [
      "the mentor",
      actorFor("eng-m2-ic1"),
      (s) => [
        "mentorship.view",
        ...(s === "requested" ? (["mentorship.respond"] as const) : []),
        ...(s === "active" ? (["mentorship.log_session"] as const) : []),
        ...(open(s) ? (["mentorship.end"] as const) : []),
      ],
    ],
    [
      "the mentee",
      actorFor("eng-m1-ic1"),
      (s) => [
        "mentorship.view",
        ...(s === "active" ? (["mentorship.log_session"] as const) : []),
        ...(open(s) ? (["mentorship.end"] as const) : []),
      ],
    ],
    [
      "the manager who asked for it",
      actorFor("eng-m1"),
      (s) => ["mentorship.view", ...(s === "requested" ? (["mentorship.end"] as const) : [])],
    ],
    ["the mentee's skip-level manager", actorFor("eng-head"), () => []],
    ["the mentor's manager", actorFor("eng-m2"), () => []],
    ["HR in scope of both", hrEngineering, () => []],
    ["L&D", actorFor("people-m2-ic2", { roles: ["ld"] }), () => []],
    ["an admin", admin, () => []],
    ["a peer", actorFor("eng-m1-ic2"), () => []],
  ];
  const mentorshipCases = statuses.flatMap((status) =>
    rows.flatMap(([who, actor, allowed]) =>
      mentorshipActions.map((action) => ({
        who,
        status,
        actor,
        action,
        expected: allowed(status).includes(action),
      })),
    ),
  );

  it.each(mentorshipCases)(
    "$who, on a mentorship that is $status: $action is $expected",
    ({ actor, status, action, expected }) => {
      expect(can(actor, action, mentorship(status))).toBe(expected);
    },
  );

  it("a mentee who asked for a mentor herself may withdraw her request or end it like any mentee", () => {
    const own = (status: (typeof statuses)[number]): Resource => ({
      ...(mentorship(status) as Extract<Resource, { type: "mentorship" }>),
      requestedById: "eng-m1-ic1",
    });
    const sofia = actorFor("eng-m1-ic1");
    expect(can(sofia, "mentorship.end", own("requested"))).toBe(true);
    expect(can(sofia, "mentorship.respond", own("requested"))).toBe(false);
    expect(can(sofia, "mentorship.end", own("declined"))).toBe(false);
    // Her manager, not the asker this time, sees nothing of it.
    expect(can(actorFor("eng-m1"), "mentorship.view", own("active"))).toBe(false);
  });
});

// ---------- enablement: diagnoses ----------

describe("can(): a root-cause diagnosis, by status and role", () => {
  const diagnosis = (
    status: "in_progress" | "completed",
    managerId = "eng-m1",
    chain = managerChain(chart, "eng-m1-ic1"),
  ): Resource => ({
    type: "diagnosis",
    employeeId: "eng-m1-ic1",
    managerId,
    employeeDepartment: "Engineering",
    employeeManagerChain: chain,
    status,
  });
  type Row = [string, Actor, Resource, boolean, boolean];
  const rows: Row[] = [
    // who, actor, diagnosis, view, edit
    [
      "the manager who runs it, in progress",
      actorFor("eng-m1"),
      diagnosis("in_progress"),
      true,
      true,
    ],
    ["the manager who ran it, completed", actorFor("eng-m1"), diagnosis("completed"), true, false],
    ["the employee, in progress", actorFor("eng-m1-ic1"), diagnosis("in_progress"), false, false],
    ["the employee, completed", actorFor("eng-m1-ic1"), diagnosis("completed"), true, false],
    ["HR in scope, in progress", hrEngineering, diagnosis("in_progress"), true, false],
    ["HR in scope, completed", hrEngineering, diagnosis("completed"), true, false],
    [
      "HR in scope who runs it",
      hrEngineering,
      diagnosis("in_progress", "people-m1-ic2"),
      true,
      true,
    ],
    [
      "HR out of scope",
      actorFor("people-m1-ic1", { roles: ["hr"], hrScope: { all: false, departments: ["Sales"] } }),
      diagnosis("completed"),
      false,
      false,
    ],
    ["the skip-level manager", actorFor("eng-head"), diagnosis("completed"), false, false],
    ["the CEO", actorFor("ceo"), diagnosis("completed"), false, false],
    [
      "a later direct manager",
      actorFor("eng-m2"),
      diagnosis("completed", "eng-m1", ["eng-m2", "eng-head", "ceo"]),
      false,
      false,
    ],
    ["a peer", actorFor("eng-m1-ic2"), diagnosis("completed"), false, false],
    ["L&D", actorFor("people-m2-ic2", { roles: ["ld"] }), diagnosis("completed"), false, false],
    ["an admin", admin, diagnosis("completed"), false, false],
  ];

  it.each(rows.map(([who, actor, d, view, edit]) => ({ who, actor, d, view, edit })))(
    "$who: views $view, edits $edit",
    ({ actor, d, view, edit }) => {
      expect(can(actor, "diagnosis.view", d)).toBe(view);
      expect(can(actor, "diagnosis.edit", d)).toBe(edit);
    },
  );

  it("nobody runs a diagnosis on themselves, even HR or a manager recorded as its runner", () => {
    const onSelf: Resource = {
      ...(diagnosis("in_progress") as object),
      managerId: "eng-m1-ic1",
    } as Resource;
    expect(can(actorFor("eng-m1-ic1"), "diagnosis.edit", onSelf)).toBe(false);
    expect(can(actorFor("eng-m1-ic1"), "diagnosis.view", onSelf)).toBe(false);
  });
});

// ---------- enablement: on a person, and on the organisation ----------

describe("can(): mentoring and diagnosis on a person", () => {
  const personActions = [
    "mentoring.suggest",
    "mentoring.request",
    "mentoring.volunteer",
    "diagnosis.create",
    "diagnosis.list",
  ] as const satisfies readonly Action[];
  const person = (id: string) =>
    resourceFor("person.view_record", id) as Extract<Resource, { type: "person" }>;
  const rows: [string, Actor, string, readonly (typeof personActions)[number][]][] = [
    [
      "an employee on themselves",
      actorFor("eng-m1-ic1"),
      "eng-m1-ic1",
      ["mentoring.suggest", "mentoring.request", "mentoring.volunteer", "diagnosis.list"],
    ],
    ["an employee on a peer", actorFor("eng-m1-ic1"), "eng-m1-ic2", []],
    [
      "a direct manager",
      actorFor("eng-m1"),
      "eng-m1-ic1",
      ["mentoring.suggest", "mentoring.request", "diagnosis.create", "diagnosis.list"],
    ],
    ["a skip-level manager", actorFor("eng-head"), "eng-m1-ic1", []],
    ["a manager on another manager's report", actorFor("eng-m2"), "eng-m1-ic1", []],
    [
      "HR in scope",
      hrEngineering,
      "eng-m1-ic1",
      ["mentoring.suggest", "mentoring.request", "diagnosis.create", "diagnosis.list"],
    ],
    [
      "HR in scope on themselves",
      actorFor("eng-m1-ic1", {
        roles: ["hr"],
        hrScope: { all: false, departments: ["Engineering"] },
      }),
      "eng-m1-ic1",
      ["mentoring.suggest", "mentoring.request", "mentoring.volunteer", "diagnosis.list"],
    ],
    ["HR out of scope", hrEngineering, "sales-m1-ic1", []],
    [
      "L&D on anyone (a mentor's profile, nothing about the person)",
      actorFor("people-m2-ic2", { roles: ["ld"] }),
      "eng-m1-ic1",
      ["mentoring.volunteer"],
    ],
    ["an admin on anyone", admin, "eng-m1-ic1", ["mentoring.volunteer"]],
  ];
  const personCases = rows.flatMap(([who, actor, target, allowed]) =>
    personActions.map((action) => ({
      who,
      actor,
      target,
      action,
      expected: allowed.includes(action),
    })),
  );

  it.each(personCases)("$who: $action is $expected", ({ actor, target, action, expected }) => {
    expect(can(actor, action, person(target))).toBe(expected);
  });
});

describe("can(): the catalogue, mentors, guidance counts and sealing on the organisation", () => {
  const orgActions = [
    "catalogue.view",
    "catalogue.manage",
    "mentor.manage",
    "catalogue.view_stats",
    "guidance.view_stats",
    "org.manage_sealing",
  ] as const satisfies readonly Action[];
  const rows: [string, Actor, readonly (typeof orgActions)[number][]][] = [
    ["an employee", actorFor("eng-m1-ic1"), ["catalogue.view"]],
    ["a manager", actorFor("eng-m1"), ["catalogue.view"]],
    [
      "L&D",
      actorFor("people-m2-ic2", { roles: ["ld"] }),
      [
        "catalogue.view",
        "catalogue.manage",
        "mentor.manage",
        "catalogue.view_stats",
        "guidance.view_stats",
      ],
    ],
    [
      "department-scoped HR",
      hrEngineering,
      ["catalogue.view", "catalogue.view_stats", "guidance.view_stats"],
    ],
    [
      "organisation-wide HR",
      hrAll,
      ["catalogue.view", "catalogue.view_stats", "guidance.view_stats", "org.manage_sealing"],
    ],
    ["an admin", admin, orgActions],
  ];
  const orgCases = rows.flatMap(([who, actor, allowed]) =>
    orgActions.map((action) => ({ who, actor, action, expected: allowed.includes(action) })),
  );

  it.each(orgCases)("$who: $action is $expected", ({ actor, action, expected }) => {
    expect(can(actor, action, { type: "org" })).toBe(expected);
  });
});
