import { afterEach, describe, expect, it } from "vitest";
import { makePerson, makeUser, signInCookie } from "../../../test/factories.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { orgSettings } from "./org.table.js";

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;

// Maya manages Lee (who manages Ravi and Ana) and Zoe. Ina left, with Tom still under her.
// Olga has people of her own, out of Maya's sight.
const maya = await makeUser(deps, { name: "Maya Manager" });
const lee = await makePerson(deps, { name: "Lee Lead", managerId: maya.id });
const zoe = await makePerson(deps, { name: "Zoe Zhang", managerId: maya.id });
const ravi = await makePerson(deps, { name: "Ravi Rao", managerId: lee.id });
await makePerson(deps, { name: "Ana Alves", managerId: lee.id });
await makePerson(deps, { name: "Gone Gil", managerId: lee.id, active: false });
const ina = await makePerson(deps, { name: "Ina Inactive", managerId: zoe.id, active: false });
const tom = await makePerson(deps, { name: "Tom Under", managerId: ina.id });
const olga = await makeUser(deps, { name: "Olga Other" });
await makePerson(deps, { name: "Otto Outside", managerId: olga.id });
const cookie = await signInCookie(app, maya.email, maya.password);

type TeamBody = {
  direct: { id: string; name: string; depth: number; reports: number }[];
  skipLevel: { id: string; name: string; depth: number; reports: number }[];
};

async function team(as = cookie): Promise<TeamBody> {
  const res = await send(app, "/api/v1/team", { cookie: as });
  expect(res.status).toBe(200);
  return (await res.json()) as TeamBody;
}

async function setSkipLevel(visible: boolean) {
  await db
    .insert(orgSettings)
    .values({ id: 1, skipLevelVisible: visible })
    .onConflictDoUpdate({ target: orgSettings.id, set: { skipLevelVisible: visible } });
}

afterEach(() => setSkipLevel(true));

describe("the manager's team page", () => {
  it("lists direct reports by name with how many active people each manages", async () => {
    await setSkipLevel(true);
    const { direct } = await team();
    expect(direct.map((p) => [p.name, p.depth, p.reports])).toEqual([
      ["Lee Lead", 1, 2],
      ["Zoe Zhang", 1, 0],
    ]);
  });

  it("lists skip-level reports with their depth, counting through someone who has left, and leaves inactive people out", async () => {
    await setSkipLevel(true);
    const { skipLevel } = await team();
    expect(skipLevel.map((p) => [p.name, p.depth])).toEqual([
      ["Ana Alves", 2],
      ["Ravi Rao", 2],
      ["Tom Under", 3],
    ]);
    expect(skipLevel.map((p) => p.id)).toContain(tom.id);
    expect(skipLevel.map((p) => p.id)).toContain(ravi.id);
  });

  it("shows direct reports only where the organisation does not let managers see past them", async () => {
    await setSkipLevel(false);
    const body = await team();
    expect(body.direct.map((p) => p.name)).toEqual(["Lee Lead", "Zoe Zhang"]);
    expect(body.skipLevel).toEqual([]);
  });

  it("shows nobody from another manager's team", async () => {
    const other = await team(await signInCookie(app, olga.email, olga.password));
    expect(other.direct.map((p) => p.name)).toEqual(["Otto Outside"]);
    const mine = await team();
    const everyone = [...mine.direct, ...mine.skipLevel].map((p) => p.name);
    expect(everyone).not.toContain("Otto Outside");
  });
});

describe("a person's page", () => {
  it("lists their active direct reports by name and their manager", async () => {
    const res = await send(app, `/api/v1/people/${lee.id}`, { cookie });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      manager: { id: string } | null;
      reports: { name: string }[];
    };
    expect(body.manager?.id).toBe(maya.id);
    expect(body.reports.map((r) => r.name)).toEqual(["Ana Alves", "Ravi Rao"]);
  });

  it("still counts someone as a manager while only people who have left report to them", async () => {
    const admin = await makeUser(deps, { name: "Ada Admin", roles: ["admin"] });
    const adminCookie = await signInCookie(app, admin.email, admin.password);
    const res = await send(app, `/api/v1/people/${zoe.id}`, { cookie: adminCookie });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { reports: unknown[]; record: { roles: string[] } | null };
    expect(body.reports).toEqual([]);
    expect(body.record?.roles).toContain("manager");
  });
});

describe("the directory, for choosing a manager", () => {
  async function directory(query: string) {
    const res = await send(app, `/api/v1/people?${query}`, { cookie });
    return { status: res.status, body: (await res.json()) as { items: { name: string }[] } };
  }

  it("lists only people who manage someone active when asked, by name", async () => {
    const { status, body } = await directory("managers=true");
    expect(status).toBe(200);
    // Zoe's only report has left, so she manages no one now.
    expect(body.items.map((p) => p.name)).toEqual(["Lee Lead", "Maya Manager", "Olga Other"]);
  });

  it("combines the managers filter with a search", async () => {
    const { body } = await directory("managers=true&q=lee");
    expect(body.items.map((p) => p.name)).toEqual(["Lee Lead"]);
  });

  it("lists everyone active without it", async () => {
    const { body } = await directory("managers=false&q=zoe");
    expect(body.items.map((p) => p.name)).toEqual(["Zoe Zhang"]);
  });

  it("refuses a managers value that is not true or false", async () => {
    const { status } = await directory("managers=yes");
    expect(status).toBe(400);
  });
});
