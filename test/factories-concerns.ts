import type { Deps } from "../src/deps.js";
import { makeUser, signInCookie } from "./factories.js";

type App = Parameters<typeof signInCookie>[0];

let counter = 0;

/**
 * Everyone around one employee who may raise a concern, each signed in:
 * - `hrDirector`: HR for the whole organisation, and the manager's own manager (in the chain);
 * - `manager`, and `peer` (a report of the same manager);
 * - `hrIn`: an HR partner covering the department — the one who reads concerns;
 * - `hrAbout`: a second HR partner covering the department, whom a concern can be about;
 * - `hrOut`: an HR partner covering another department; `admin`.
 */
export async function makeConcernTeam(deps: Deps, app: App, department = "Engineering") {
  counter += 1;
  const n = counter;
  const hrDirector = await makeUser(deps, {
    name: `Dora Director ${n}`,
    title: "HR Director",
    department: "People",
    roles: ["hr"],
    hrScopeAll: true,
  });
  const manager = await makeUser(deps, {
    name: `Mia Manager ${n}`,
    title: "Engineering Manager",
    department,
    managerId: hrDirector.id,
  });
  const employee = await makeUser(deps, {
    name: `Eve Employee ${n}`,
    department,
    managerId: manager.id,
  });
  const peer = await makeUser(deps, { name: `Pat Peer ${n}`, department, managerId: manager.id });
  const hrIn = await makeUser(deps, {
    name: `Hana HR ${n}`,
    title: "HR Partner",
    department: "People",
    roles: ["hr"],
    hrScopeDepartments: [department],
  });
  const hrAbout = await makeUser(deps, {
    name: `Hugo HR ${n}`,
    title: "HR Partner",
    department: "People",
    roles: ["hr"],
    hrScopeDepartments: [department],
  });
  const hrOut = await makeUser(deps, {
    name: `Otto HR ${n}`,
    title: "HR Partner",
    department: "People",
    roles: ["hr"],
    hrScopeDepartments: [`Not ${department}`],
  });
  const admin = await makeUser(deps, {
    name: `Ada Admin ${n}`,
    title: "IT Administrator",
    department: "IT",
    roles: ["admin"],
  });
  const people = { employee, manager, peer, hrIn, hrAbout, hrOut, hrDirector, admin };
  const cookies = Object.fromEntries(
    await Promise.all(
      Object.entries(people).map(async ([role, u]) => [
        role,
        await signInCookie(app, u.email, u.password),
      ]),
    ),
  ) as Record<keyof typeof people, string>;
  return { ...people, cookies };
}

export type ConcernTeam = Awaited<ReturnType<typeof makeConcernTeam>>;
