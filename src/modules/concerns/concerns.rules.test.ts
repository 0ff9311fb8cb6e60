import { describe, expect, it } from "vitest";
import type { ConcernResource } from "../../access/access.types.js";
import { type HrCandidate, inboxOrder, readersOf, shouldLogView } from "./concerns.rules.js";

// Who reads a concern, when a read is logged, and the order of HR's inbox.

const hr = (id: string, scope: string[] | "all", roles = ["hr"]): HrCandidate => ({
  id,
  name: id,
  roles,
  hrScopeAll: scope === "all",
  hrScopeDepartments: scope === "all" ? [] : scope,
});

const concern = (over: Partial<ConcernResource> = {}): ConcernResource => ({
  type: "concern",
  employeeId: "eve",
  aboutPersonId: null,
  employeeDepartment: "Engineering",
  employeeManagerChain: ["mia", "dora"],
  ...over,
});

describe("readersOf: who in HR reads a concern", () => {
  const cases: {
    why: string;
    candidates: HrCandidate[];
    resource: ConcernResource;
    readers: string[];
  }[] = [
    {
      why: "HR covering the department reads it",
      candidates: [hr("hana", ["Engineering"])],
      resource: concern(),
      readers: ["hana"],
    },
    {
      why: "HR covering another department does not",
      candidates: [hr("otto", ["Sales"])],
      resource: concern(),
      readers: [],
    },
    {
      why: "organisation-wide HR reads it",
      candidates: [hr("olga", "all")],
      resource: concern(),
      readers: ["olga"],
    },
    {
      why: "the HR partner it is about never does",
      candidates: [hr("hana", ["Engineering"]), hr("hugo", ["Engineering"])],
      resource: concern({ aboutPersonId: "hugo" }),
      readers: ["hana"],
    },
    {
      why: "HR in the employee's management chain never does, even for the whole organisation",
      candidates: [hr("dora", "all"), hr("mia", ["Engineering"])],
      resource: concern(),
      readers: [],
    },
    {
      why: "the employee is not their own reader, even as HR",
      candidates: [hr("eve", ["Engineering"])],
      resource: concern(),
      readers: [],
    },
    {
      why: "a scope without the HR role reads nothing",
      candidates: [hr("sam", "all", [])],
      resource: concern(),
      readers: [],
    },
  ];
  it.each(cases)("$why", ({ candidates, resource, readers }) => {
    expect(readersOf(candidates, resource).map((p) => p.id)).toEqual(readers);
  });
});

describe("shouldLogView: at most once per reader per thread per hour", () => {
  const now = new Date("2026-03-02T10:00:00Z");
  it.each([
    { why: "never logged", lastLogged: null, log: true },
    { why: "logged a minute ago", lastLogged: new Date("2026-03-02T09:59:00Z"), log: false },
    { why: "logged 59 minutes ago", lastLogged: new Date("2026-03-02T09:01:00Z"), log: false },
    { why: "logged an hour ago", lastLogged: new Date("2026-03-02T09:00:00Z"), log: true },
    { why: "logged yesterday", lastLogged: new Date("2026-03-01T10:00:00Z"), log: true },
  ])("$why: $log", ({ lastLogged, log }) => {
    expect(shouldLogView({ lastLogged, now })).toBe(log);
  });
});

describe("inboxOrder", () => {
  it("puts open concerns first, then the latest conversation first", () => {
    const at = (iso: string) => new Date(`2026-03-0${iso}T09:00:00Z`);
    const rows = [
      { id: "a", status: "closed" as const, lastMessageAt: at("5") },
      { id: "b", status: "open" as const, lastMessageAt: at("1") },
      { id: "c", status: "open" as const, lastMessageAt: at("3") },
      { id: "d", status: "closed" as const, lastMessageAt: at("2") },
    ];
    expect([...rows].sort(inboxOrder).map((r) => r.id)).toEqual(["c", "b", "a", "d"]);
  });
});
