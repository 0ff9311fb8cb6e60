import type { GrantedRole } from "../../src/access/access.types.js";
import type { Ids } from "./ids.js";
import type { Streams } from "./random.js";
import { addDays, type Clock } from "./time.js";
import {
  ageBands,
  type Department,
  DOMAIN,
  departments,
  firstNames,
  genders,
  lastNames,
  locations,
} from "./words.js";

// The reporting tree: a CEO, department heads, then managers with five to ten reports each, down
// to teams of individual contributors, about eight levels deep for 100,000 people. Roles, scopes
// and demographics are handed out once the tree stands.

export type Person = {
  index: number;
  id: string;
  employeeId: string;
  name: string;
  email: string;
  title: string;
  department: string;
  city: string;
  timeZone: string;
  hireDate: string;
  /** -1 for the CEO. */
  manager: number;
  depth: number;
  reports: number[];
  roles: GrantedRole[];
  hrScopeAll: boolean;
  hrScopeDepartments: string[];
  demographics: Record<string, string>;
  /** False once they left (a plan that ended in separation). */
  active: boolean;
  /** The day they left, when they did. */
  leftOn: string | null;
  /** A manager's coaching habits, 0 (poor) to 1 (excellent); drives 1:1s, feedback, follow-through. */
  quality: number;
  /** A manager's share of 1:1s cancelled. */
  cancelRate: number;
};

export type Org = {
  people: Person[];
  byDepartment: Map<string, number[]>;
  /** HR partners covering each department (the whole-organisation HR lead covers all). */
  hrFor: Map<string, number[]>;
  hrLead: number;
  admins: number[];
  ld: number[];
  /** People who hold a role (HR, L&D, admin): never put on a plan by the generator. */
  staff: Set<number>;
};

const cityZone = new Map(locations.map((l) => [l.city, l.timeZone]));

export function buildOrg({
  employees,
  streams,
  ids,
  clock,
}: {
  employees: number;
  streams: Streams;
  ids: Ids;
  clock: Clock;
}): Org {
  if (employees < 50) throw new Error("--employees must be at least 50.");
  const r = streams("org");
  const people: Person[] = [];
  const usedEmails = new Set<string>();

  const add = (manager: number, department: Department, title: string, city: string): Person => {
    const index = people.length;
    const first = r.pick(firstNames);
    const last = r.pick(lastNames);
    const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.]+/g, "");
    let email = `${local}@${DOMAIN}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${local}${n}@${DOMAIN}`;
    usedEmails.add(email);
    const parent = manager >= 0 ? people[manager]! : null;
    const person: Person = {
      index,
      id: ids.next("people"),
      employeeId: `MG-${String(index + 1).padStart(6, "0")}`,
      name: `${first} ${last}`,
      email,
      title,
      department: department.name,
      city,
      timeZone: cityZone.get(city) ?? "UTC",
      hireDate: "",
      manager,
      depth: parent ? parent.depth + 1 : 0,
      reports: [],
      roles: [],
      hrScopeAll: false,
      hrScopeDepartments: [],
      demographics: {},
      active: true,
      leftOn: null,
      quality: 0.5,
      cancelRate: 0.12,
    };
    people.push(person);
    parent?.reports.push(index);
    return person;
  };

  const cityFor = (department: Department, manager: Person) =>
    r.chance(0.7) && department.cities.includes(manager.city)
      ? manager.city
      : r.pick(department.cities);

  const individualTitle = (department: Department) => r.pick(department.individuals);
  const managerTitle = (department: Department, subtree: number) =>
    department.managers[subtree >= 300 ? 0 : subtree >= 40 ? 1 : 2];

  /** Gives `budget` people below `node`: a team of 5–10, some of whom lead teams of their own. */
  const grow = (node: number, budget: number, department: Department) => {
    if (budget <= 0) return;
    const me = people[node]!;
    if (budget <= 10) {
      for (let i = 0; i < budget; i++)
        add(node, department, individualTitle(department), cityFor(department, me));
      return;
    }
    let span = Math.min(r.int(5, 10), budget);
    let rest = budget - span;
    // Managers below: about half the team, each needing at least five people of their own.
    let leads = Math.min(
      span,
      Math.floor(rest / 5),
      Math.max(1, Math.round(span * (0.4 + r.next() * 0.3))),
    );
    if (leads === 0) {
      span = Math.min(budget, 10);
      rest = budget - span;
      leads = rest > 0 ? 1 : 0;
    }
    const weights = Array.from({ length: leads }, () => 0.5 + r.next());
    const total = weights.reduce((a, b) => a + b, 0);
    const budgets = weights.map((w) => Math.floor((rest * w) / total));
    let left = rest - budgets.reduce((a, b) => a + b, 0);
    for (let i = 0; left > 0; i = (i + 1) % leads, left--) budgets[i]! += 1;
    for (let i = 0; i < span; i++) {
      const sub = i < leads ? budgets[i]! : 0;
      const title = sub > 0 ? managerTitle(department, sub) : individualTitle(department);
      const child = add(node, department, title, cityFor(department, me));
      if (sub > 0) grow(child.index, sub, department);
    }
  };

  const operations = departments.find((d) => d.name === "Operations")!;
  const ceo = add(-1, operations, "Chief Executive Officer", "London");
  const headsBudget = employees - 1 - departments.length;
  const weightSum = departments.reduce((a, d) => a + d.weight, 0);
  const budgets = departments.map((d) => Math.floor((headsBudget * d.weight) / weightSum));
  budgets[0]! += headsBudget - budgets.reduce((a, b) => a + b, 0);
  departments.forEach((d, i) => {
    const head = add(ceo.index, d, d.head, d.cities[0]!);
    grow(head.index, budgets[i]!, d);
  });

  // Hire dates: the CEO ten years ago, managers mostly a while back, a quarter of everyone within
  // the two years of history (their 1:1s start after they join).
  const today = clock.today;
  for (const p of people) {
    const tenure =
      p.index === 0
        ? 3650
        : p.reports.length > 0
          ? r.int(300, 12 * 365)
          : r.chance(0.25)
            ? r.int(20, clock.windowDays)
            : r.int(clock.windowDays + 1, 14 * 365);
    p.hireDate = addDays(today, -tenure);
    // A manager's habits: most are decent, some excellent, a few keep cancelling.
    if (p.reports.length > 0) {
      const poor = r.chance(0.05);
      p.quality = poor ? r.next() * 0.15 : 0.15 + r.next() * 0.85;
      p.cancelRate = poor ? 0.35 + r.next() * 0.25 : 0.03 + 0.2 * (1 - p.quality) ** 1.5;
    }
    // Self-declared, recorded by HR for about 70% of people.
    if (r.chance(0.7)) {
      if (r.chance(0.95)) p.demographics.gender = r.weighted(genders);
      if (r.chance(0.95)) p.demographics.age_band = r.weighted(ageBands);
    }
  }

  const byDepartment = new Map<string, number[]>();
  for (const p of people) {
    const list = byDepartment.get(p.department) ?? [];
    list.push(p.index);
    byDepartment.set(p.department, list);
  }
  const individualsIn = (name: string) =>
    (byDepartment.get(name) ?? []).filter((i) => people[i]!.reports.length === 0);

  // Roles. The head of People leads HR for the whole organisation; HR business partners each
  // cover one or more departments; a few L&D partners; a few administrators in Operations (IT).
  const staff = new Set<number>();
  const peopleDept = departments.find((d) => d.name === "People")!;
  const hrLead = people.find((p) => p.title === peopleDept.head)!;
  hrLead.roles = ["hr"];
  hrLead.hrScopeAll = true;
  staff.add(hrLead.index);
  const pool = individualsIn("People");
  const ldCount = Math.min(3, Math.max(1, Math.floor(pool.length / 6)));
  const ld = pool.slice(0, ldCount);
  for (const i of ld) {
    Object.assign(people[i]!, { roles: ["ld"], title: "Learning & Development Partner" });
    staff.add(i);
  }
  const wanted = Math.max(departments.length, Math.ceil(employees / 6000));
  const partners = pool.slice(
    ldCount,
    ldCount + Math.max(1, Math.min(wanted, pool.length - ldCount)),
  );
  const hrFor = new Map<string, number[]>(departments.map((d) => [d.name, [hrLead.index]]));
  departments.forEach((d, i) => {
    const partner = partners[i % partners.length]!;
    hrFor.get(d.name)!.unshift(partner);
  });
  for (let i = departments.length; i < partners.length; i++) {
    // Extra partners for the largest departments, by weight.
    const d = departments[i % 3]!;
    hrFor.get(d.name)!.unshift(partners[i]!);
  }
  for (const [name, list] of hrFor)
    for (const i of list) {
      if (i === hrLead.index) continue;
      const p = people[i]!;
      p.roles = ["hr"];
      p.title = "HR Business Partner";
      if (!p.hrScopeDepartments.includes(name)) p.hrScopeDepartments.push(name);
      staff.add(i);
    }
  const admins = individualsIn("Operations").slice(0, 3);
  for (const i of admins) {
    Object.assign(people[i]!, { roles: ["admin"], title: "IT Systems Administrator" });
    staff.add(i);
  }
  return { people, byDepartment, hrFor, hrLead: hrLead.index, admins, ld, staff };
}

/** The CEO is the one root; everyone else reaches it through their managers. */
export function depthOf(org: Org): number {
  return org.people.reduce((max, p) => Math.max(max, p.depth), 0);
}
