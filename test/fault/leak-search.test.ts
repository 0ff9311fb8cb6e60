import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { makePlan, makeUser, signInCookie, type TestUser, walkPlanTo } from "../factories.js";
import { weeklyBerlin } from "../factories-oneonones.js";
import { createTestDeps, send, testApp } from "../helpers.js";
import { extractPdfText } from "../pdf.js";

// Fault test 1, the leak search. fast-check draws organisation charts (reporting trees, HR
// partners with different scopes — some inside the employee's own chain —, admins, L&D, the
// skip-level setting). In each, an employee raises a confidential concern about their manager
// and HR answers it; HR records a protected activity; the manager writes private notes on a 1:1
// and on a success plan. Then every person calls every read endpoint of the API (from the
// OpenAPI document, with every id we know in every path and query parameter), downloads every
// export and PDF, and reads their notifications; every email is read too. Each secret may appear
// only where the promise allows it.

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;

const departments = ["Engineering", "Sales"] as const;
type Department = (typeof departments)[number];

type Member = TestUser & { index: number; hr: "all" | Department | null; chain: string[] };

type Secrets = {
  /** The concern's subject and message, and HR's reply. */
  concern: string;
  reply: string;
  /** The note of a protected activity HR recorded. */
  activity: string;
  /** Private notes: on a 1:1 meeting, and on the success plan. */
  meetingNote: string;
  planNote: string;
};

const orgChart = fc.record({
  size: fc.integer({ min: 4, max: 7 }),
  parents: fc.array(fc.nat(), { minLength: 7, maxLength: 7 }),
  departments: fc.array(fc.constantFrom(...departments), { minLength: 7, maxLength: 7 }),
  hrScopes: fc.array(fc.constantFrom("all", "Engineering", "Sales", null, null), {
    minLength: 7,
    maxLength: 7,
  }),
  admin: fc.nat(),
  ld: fc.nat(),
  employee: fc.nat(),
  skipLevel: fc.boolean(),
});
type OrgChart = typeof orgChart extends fc.Arbitrary<infer T> ? T : never;

let run = 0;

/** Builds the drawn organisation: person 0 leads it; person i reports to someone before them. */
async function buildOrg(chart: OrgChart) {
  run += 1;
  await db.execute(
    sql`INSERT INTO org_settings (id, skip_level_visible) VALUES (1, ${chart.skipLevel})
        ON CONFLICT (id) DO UPDATE SET skip_level_visible = ${chart.skipLevel}`,
  );
  const members: Member[] = [];
  for (let i = 0; i < chart.size; i++) {
    const manager = i === 0 ? null : members[chart.parents[i]! % i]!;
    const hr = chart.hrScopes[i] ?? null;
    const roles = [
      ...(hr ? ["hr"] : []),
      ...(chart.admin % chart.size === i ? ["admin"] : []),
      ...(chart.ld % chart.size === i ? ["ld"] : []),
    ];
    const user = await makeUser(deps, {
      name: `Run ${run} Person ${i}`,
      department: chart.departments[i]!,
      managerId: manager?.id ?? null,
      roles,
      hrScopeAll: hr === "all",
      hrScopeDepartments: hr && hr !== "all" ? [hr] : [],
    });
    members.push({
      ...user,
      index: i,
      hr,
      chain: manager ? [manager.id, ...manager.chain] : [],
    });
  }
  // HR for the whole organisation, outside every chain: someone can always read a concern.
  const hrAll = await makeUser(deps, {
    name: `Run ${run} HR Partner`,
    department: "People",
    roles: ["hr"],
    hrScopeAll: true,
  });
  members.push({ ...hrAll, index: chart.size, hr: "all", chain: [] });
  const employee = members[1 + (chart.employee % (chart.size - 1))]!;
  const manager = members.find((m) => m.id === employee.chain[0])!;
  return { members, employee, manager, hrAll: members.at(-1)! };
}

const covers = (m: Member, department: string) =>
  m.hr === "all" || (m.hr !== null && m.hr === department);

/** Who may read each secret, by the promise (written out here, not taken from can()). */
function entitled(
  viewer: Member,
  secret: keyof Secrets,
  { employee, manager }: { employee: Member; manager: Member },
): boolean {
  const hrForEmployee =
    viewer.id !== employee.id &&
    covers(viewer, employee.department) &&
    !employee.chain.includes(viewer.id);
  switch (secret) {
    case "concern":
    case "reply":
      return viewer.id === employee.id || (hrForEmployee && viewer.id !== manager.id);
    case "activity":
      return hrForEmployee;
    case "meetingNote":
    case "planNote":
      return viewer.id === manager.id;
  }
}

async function expectStatus(res: Response, status: number, what: string) {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** The confidential records of one run, written through the API as people would. */
async function writeSecrets(
  cookies: Map<string, string>,
  { employee, manager, hrAll }: { employee: Member; manager: Member; hrAll: Member },
): Promise<{ secrets: Secrets; ids: Record<string, string[]> }> {
  const tag = randomUUID().slice(0, 8);
  const secrets: Secrets = {
    concern: `CONCERN-${tag} my manager shouts in standups`,
    reply: `REPLY-${tag} we will talk to you on Thursday`,
    activity: `ACTIVITY-${tag} complaint filed with the works council`,
    meetingNote: `MEETINGNOTE-${tag} wondering whether a plan is needed`,
    planNote: `PLANNOTE-${tag} check with legal before week 3`,
  };
  const as = (m: Member, path: string, body?: unknown, method?: string) =>
    send(app, path, { cookie: cookies.get(m.id)!, body, method });

  // The plan first: one after the protected activity would wait for HR's override.
  const { plan } = await makePlan(deps, { employee, manager, hr: hrAll });
  await walkPlanTo(deps, plan.id, "active");
  const concern = await expectStatus(
    await as(employee, "/api/v1/concerns", {
      topic: "manager",
      subject: secrets.concern.slice(0, 40),
      message: secrets.concern,
      aboutPersonId: manager.id,
    }),
    201,
    "raising a concern",
  );
  const concernId: string = concern.id ?? concern.concern?.id;
  await expectStatus(
    await as(hrAll, `/api/v1/concerns/${concernId}/messages`, { body: secrets.reply }),
    201,
    "HR's reply",
  );
  await expectStatus(
    await as(hrAll, `/api/v1/people/${employee.id}/protected-activities`, {
      kind: "complaint",
      occurredOn: "2026-02-20",
      note: secrets.activity,
    }),
    201,
    "recording a protected activity",
  );
  const series = await expectStatus(
    await as(manager, "/api/v1/one-on-ones", { reportId: employee.id, ...weeklyBerlin }),
    201,
    "a 1:1 series",
  );
  const meetingIds: string[] = series.upcoming.map((m: { id: string }) => m.id).slice(0, 2);
  await expectStatus(
    await as(manager, `/api/v1/one-on-ones/${series.series.id}/meetings/${meetingIds[0]}/notes`, {
      visibility: "private",
      body: secrets.meetingNote,
    }),
    201,
    "a private 1:1 note",
  );
  await expectStatus(
    await as(manager, `/api/v1/plans/${plan.id}/private-notes`, { body: secrets.planNote }),
    201,
    "a private plan note",
  );
  return {
    secrets,
    ids: {
      concerns: [concernId],
      plans: [plan.id],
      "one-on-ones": [series.series.id],
      meetings: meetingIds,
    },
  };
}

type Spec = {
  paths: Record<
    string,
    { get?: { parameters?: { name: string; in: string; schema?: { type?: string } }[] } }
  >;
};

const spec = (await (await send(app, "/api/openapi.json")).json()) as Spec;
const readPaths = Object.entries(spec.paths)
  .filter(([p, ops]) => ops.get && p.startsWith("/api/v1/"))
  .map(([p, ops]) => ({ template: p, parameters: ops.get!.parameters ?? [] }));

/** Every concrete read URL: each path filled with the ids that fit it, each id-like query tried. */
function readUrls(ids: Record<string, string[]>, people: string[]): string[] {
  const everyId = [...new Set([...Object.values(ids).flat(), ...people])];
  const urls: string[] = [];
  for (const { template, parameters } of readPaths) {
    const segments = template.split("/");
    let filled = [template];
    for (const [i, segment] of segments.entries()) {
      const param = segment.match(/^\{(\w+)\}$/)?.[1];
      if (!param) continue;
      const before = segments[i - 1] ?? "";
      const pool =
        before === "people" ? people : param === "n" ? ["1", "2"] : (ids[before] ?? everyId);
      filled = filled.flatMap((url) => pool.map((id) => url.replace(segment, id)));
    }
    // A meeting belongs to its series: keep the pairs that exist.
    filled = filled.filter(
      (url) => !url.includes("/meetings/") || ids["one-on-ones"]!.some((s) => url.includes(s)),
    );
    const queries = parameters.filter(
      (p) => p.in === "query" && /(^about$|Id$|^person$|^subject)/.test(p.name),
    );
    for (const url of filled) {
      urls.push(url);
      for (const q of queries) for (const id of people) urls.push(`${url}?${q.name}=${id}`);
    }
  }
  return urls;
}

/** What a person would see in a response: JSON and text as they are, PDFs and zips opened. */
async function readable(res: Response): Promise<string> {
  const type = res.headers.get("content-type") ?? "";
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (type.includes("pdf")) return extractPdfText(bytes);
  if (type.includes("zip")) {
    const parts: string[] = [];
    for (const [name, data] of Object.entries(unzipSync(bytes)))
      parts.push(name.endsWith(".pdf") ? await extractPdfText(data) : Buffer.from(data).toString());
    return parts.join("\n");
  }
  return Buffer.from(bytes).toString();
}

const secretKeys: (keyof Secrets)[] = ["concern", "reply", "activity", "meetingNote", "planNote"];

describe("the leak search", () => {
  it("no confidential thread, private note or protected activity reaches anyone not entitled, by any read, export, notification or email", {
    timeout: 600_000,
  }, async () => {
    let requests = 0;
    const reached = new Set<keyof Secrets>();
    await fc.assert(
      fc.asyncProperty(orgChart, async (chart) => {
        const org = await buildOrg(chart);
        const cookies = new Map<string, string>();
        for (const m of org.members)
          cookies.set(m.id, await signInCookie(app, m.email, m.password));
        const { secrets, ids } = await writeSecrets(cookies, org);
        const urls = readUrls(
          ids,
          org.members.map((m) => m.id),
        );
        for (const viewer of org.members) {
          for (const url of urls) {
            const res = await send(app, url, { cookie: cookies.get(viewer.id)! });
            requests += 1;
            expect(res.status, url).toBeLessThan(500);
            const text = await readable(res);
            for (const key of secretKeys) {
              if (!text.includes(secrets[key].slice(0, 16))) continue;
              reached.add(key);
              expect(
                entitled(viewer, key, org),
                `${key} reached ${viewer.name} (${viewer.roles.join(",") || "employee"}) through GET ${url}`,
              ).toBe(true);
            }
          }
          // In-app notifications as stored, whoever they went to.
          const notes = await db.execute<{ text: string }>(
            sql`SELECT title || ' ' || body AS text FROM notifications WHERE person_id = ${viewer.id}`,
          );
          for (const n of notes.rows)
            for (const key of secretKeys)
              if (n.text.includes(secrets[key].slice(0, 16)))
                expect(entitled(viewer, key, org), `${key} in a notification`).toBe(true);
        }
        // Email leaves Headway: no confidential text goes into any message, to anyone.
        const mail = await db.execute<{ text: string }>(
          sql`SELECT row_to_json(m)::text AS text FROM mail_messages m`,
        );
        for (const m of mail.rows)
          for (const key of secretKeys)
            expect(m.text.includes(secrets[key].slice(0, 16)), `${key} in an email`).toBe(false);
      }),
      { numRuns: Number(process.env.HEADWAY_LEAK_RUNS ?? 4), seed: 20261123, endOnFailure: true },
    );
    // The search reached the secrets where they belong: it could have seen a leak.
    expect([...reached].sort()).toEqual([...secretKeys].sort());
    expect(requests).toBeGreaterThan(1000);
  });
});
