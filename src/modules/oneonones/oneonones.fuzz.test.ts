import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  makeSeries,
  type OneOnOneRole,
  oneOnOnePeople,
} from "../../../test/factories-oneonones.js";
import { createTestDeps, testApp } from "../../../test/helpers.js";

// No client input to a 1:1 endpoint yields a 5xx: every refusal is a 4xx with an error body.

const deps = await createTestDeps();
const app = testApp(deps);
deps.setNow(new Date("2026-03-02T09:00:00.000Z"));
const fx = await oneOnOnePeople(deps, app);
const s = await makeSeries(fx);
const base = `/api/v1/one-on-ones/${s.series.id}`;
const m1 = s.upcoming[0].id;
const note = await (
  await fx.as("manager", `${base}/meetings/${m1}/notes`, {
    body: { visibility: "shared", body: "A note" },
  })
).json();
const commitment = await (
  await fx.as("manager", `${base}/commitments`, {
    body: { ownerId: fx.report.id, body: "Do it", dueOn: "2026-03-20" },
  })
).json();

type Target = { method: string; path: string; keys: string[]; as: OneOnOneRole };
const targets: Target[] = [
  {
    method: "POST",
    path: "/api/v1/one-on-ones",
    keys: [
      "reportId",
      "cadence",
      "weekday",
      "startTime",
      "durationMinutes",
      "timeZone",
      "startsOn",
    ],
    as: "manager",
  },
  {
    method: "PATCH",
    path: base,
    keys: ["version", "cadence", "weekday", "startTime", "durationMinutes", "timeZone", "status"],
    as: "manager",
  },
  { method: "POST", path: `${base}/meetings/${m1}/cancel`, keys: ["reason"], as: "report" },
  {
    method: "POST",
    path: `${base}/meetings/${m1}/reschedule`,
    keys: ["scheduledAt", "durationMinutes"],
    as: "report",
  },
  {
    method: "POST",
    path: `${base}/meetings/${m1}/agenda`,
    keys: ["body", "deckQuestionId"],
    as: "report",
  },
  {
    method: "POST",
    path: `${base}/meetings/${m1}/notes`,
    keys: ["visibility", "body"],
    as: "manager",
  },
  { method: "PATCH", path: `${base}/notes/${note.id}`, keys: ["body"], as: "manager" },
  {
    method: "POST",
    path: `${base}/commitments`,
    keys: ["ownerId", "body", "dueOn", "meetingId"],
    as: "report",
  },
  {
    method: "POST",
    path: `${base}/commitments/${commitment.id}/status`,
    keys: ["status"],
    as: "report",
  },
];

const nastyString = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.constantFrom(
    "\u0000",
    "\uD800",
    "0000-01-01",
    "2024-02-30",
    "9999-12-31T23:59:59Z",
    "2026-03-10T25:00:00Z",
    "24:00",
    "Etc/GMT+14",
    "America/Argentina/ComodRivadavia",
    "../../etc/passwd",
    "9999999999999999999999",
    "-1",
    "x".repeat(5000),
    "00000000-0000-0000-0000-000000000000",
  ),
);
const nastyValue = fc.oneof(
  { arbitrary: nastyString, weight: 3 },
  { arbitrary: fc.jsonValue({ maxDepth: 3, stringUnit: "binary" }), weight: 1 },
  {
    arbitrary: fc.constantFrom(1e300, -0, 2 ** 53, 2 ** 31, 1.5, 0, 8, true, null),
    weight: 1,
  },
);
const bodyFor = (t: Target) =>
  fc.oneof(
    fc.string({ unit: "binary", maxLength: 200 }),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc
      .dictionary(fc.constantFrom(...t.keys, "extra"), nastyValue, { maxKeys: t.keys.length + 1 })
      .map((v) => JSON.stringify(v)),
  );

describe("no input to a 1:1 endpoint yields a 5xx", () => {
  it.each(targets)(
    "$method $path answers every malformed body with a 4xx error body",
    async (t) => {
      await fc.assert(
        fc.asyncProperty(bodyFor(t), async (body) => {
          const res = await fx.as(t.as, t.path, { method: t.method, body });
          expect(res.status, body).toBeLessThan(500);
          if (res.status >= 400) {
            const json = await res.json();
            expect(json.error.code, body).toEqual(expect.any(String));
            expect(json.error.message, body).toEqual(expect.any(String));
          }
        }),
        { numRuns: Number(process.env.HEADWAY_FUZZ_RUNS ?? 60) },
      );
    },
  );

  it.each([
    "/api/v1/one-on-ones/%00",
    "/api/v1/one-on-ones/not-an-id",
    `${base}/meetings/%00`,
    `${base}/meetings/${"9".repeat(90)}/suggestions`,
    `${base}/meetings/%E0%A4%A`,
  ])("GET %s answers without a 5xx", async (path) => {
    const res = await fx.as("manager", path);
    expect(res.status, await res.clone().text()).toBeLessThan(500);
    // A NUL is refused as invalid (400); anything else is no such thing (404).
    expect([400, 404]).toContain(res.status);
  });
});
