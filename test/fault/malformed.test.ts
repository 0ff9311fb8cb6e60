import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { settleBackgroundTasks } from "../../src/db/transaction.js";
import { makeUser, signInCookie } from "../factories.js";
import { weeklyBerlin } from "../factories-oneonones.js";
import { createTestDeps, send, testApp } from "../helpers.js";
import { planWithPeople, scheduleFor } from "../participation.js";

// Fault test 2, malformed input: at least 1,000 generated bad payloads across every write
// endpoint of the API (read from its own OpenAPI document), sent as an employee, a manager, HR,
// an admin and nobody, with path ids taken from a seeded organisation. Whatever comes in, the
// answer is never a 5xx, and a request that is refused leaves no audit event behind — except a
// failed sign-in, which is recorded on purpose (it is what rate limits count).
//
// Payloads: text that is not JSON, the wrong content type, JSON of the wrong shape, missing
// fields, one field of an otherwise well-formed body replaced by something wrong (wrong type,
// null, a huge string, numbers out of range, dates and ids that do not exist, NUL and broken
// Unicode), prototype-pollution keys, deep nesting, bodies over the size limit, and garbage in
// path parameters. Seeded, so a failure is reproducible; HEADWAY_FUZZ_SEED explores others.

const SEED = Number(process.env.HEADWAY_FUZZ_SEED ?? 20_260_302);
const MIN_TOTAL = 1_000;
/** Bad payloads in all, shared out evenly over the write endpoints; raise it to search harder. */
const TOTAL = Number(process.env.HEADWAY_FUZZ_TOTAL ?? 1_100);
/** Fuzzed requests come from their own address, so sign-in rate limits never stop the roles. */
const FUZZ_IP = "203.0.113.66";

const deps = await createTestDeps();
const app = testApp(deps);
const pool = deps.database.pool;

// ---------- a small organisation with something behind every kind of id ----------

const fx = await planWithPeople(deps, app, "active");
await scheduleFor(deps, fx.plan);
const admin = await makeUser(deps, { name: "Ada Admin", department: "IT", roles: ["admin"] });
const users = {
  employee: fx.people.employee,
  manager: fx.people.manager,
  hr: fx.hr,
  admin,
} as const;
type Role = keyof typeof users | "nobody";
const roles: Role[] = ["employee", "manager", "hr", "admin", "nobody"];

const cookies = new Map<Role, string>();
async function signIn(role: Exclude<Role, "nobody">) {
  const cookie = await signInCookie(app, users[role].email, users[role].password);
  cookies.set(role, cookie);
  return cookie;
}
for (const role of ["employee", "manager", "hr", "admin"] as const) await signIn(role);

/** A setup call that must work. */
async function seed(role: Exclude<Role, "nobody">, path: string, body?: unknown, method?: string) {
  const res = await send(app, path, { cookie: cookies.get(role), body, method });
  if (res.status >= 300) throw new Error(`seeding ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

const planBase = `/api/v1/plans/${fx.plan.id}`;
await seed("employee", `${planBase}/threads`, {
  kind: "support",
  goalId: fx.goal.id,
  subject: "A mentor",
  body: "Could someone from payments pair with me?",
});
await seed("employee", `${planBase}/action-items`, { goalId: fx.goal.id, title: "Read the guide" });
await seed("employee", `${planBase}/achievements`, {
  body: "Shipped it",
  occurredOn: "2026-03-01",
});
const series = await seed("manager", "/api/v1/one-on-ones", {
  reportId: users.employee.id,
  ...weeklyBerlin,
});
const meetingPath = `/api/v1/one-on-ones/${series.series.id}/meetings/${series.upcoming[0].id}`;
await seed("employee", `${meetingPath}/agenda`, { body: "The on-call rota" });
await seed("manager", `${meetingPath}/notes`, { visibility: "shared", body: "Agreed next steps." });
await seed("manager", `/api/v1/one-on-ones/${series.series.id}/commitments`, {
  ownerId: users.employee.id,
  title: "Write the handover checklist",
}).catch(() => {});
await seed("manager", "/api/v1/feedback", {
  recipientId: users.employee.id,
  kind: "recognition",
  visibility: "shared",
  situation: "In the release review",
  behaviour: "You walked everyone through the rollback plan.",
  impact: "We shipped on time.",
});
await seed("employee", `/api/v1/people/${users.employee.id}/growth-goals`, {
  title: "Lead a design review",
});
await seed("employee", "/api/v1/me/tokens", { name: "laptop" });
await seed("employee", "/api/v1/concerns", {
  subject: "About my plan",
  body: "I would like to talk about how my plan was started.",
}).catch(() => {});

/** Ids of real rows, by the path segment that names them (`plans/{id}` → plans). */
const tablesBySegment: Record<string, string> = {
  plans: "plans",
  evidence: "plan_evidence",
  causes: "plan_causes",
  goals: "plan_goals",
  resources: "plan_resources",
  threads: "plan_threads",
  "action-items": "plan_action_items",
  checkins: "plan_checkins",
  "prior-notice": "plan_prior_notice",
  people: "people",
  "one-on-ones": "one_on_one_series",
  meetings: "one_on_one_meetings",
  agenda: "one_on_one_talking_points",
  notes: "one_on_one_notes",
  commitments: "commitments",
  feedback: "feedback",
  requests: "feedback_requests",
  "growth-goals": "growth_goals",
  discussions: "documented_discussions",
  "onboarding-templates": "onboarding_templates",
  "onboarding-plans": "onboarding_plans",
  stages: "onboarding_stages",
  tokens: "api_tokens",
  concerns: "concerns",
  sessions: "sessions",
  "legal-holds": "legal_holds",
};
const idsBySegment = new Map<string, string[]>();
for (const [segment, table] of Object.entries(tablesBySegment)) {
  try {
    const { rows } = await pool.query<{ id: string }>(`SELECT id::text FROM ${table} LIMIT 5`);
    idsBySegment.set(
      segment,
      rows.map((r) => r.id),
    );
  } catch {
    idsBySegment.set(segment, []);
  }
}

// ---------- the write endpoints, from the API's own description ----------

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
};
type Operation = {
  parameters?: { name: string; in: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
};
type Endpoint = {
  method: string;
  template: string;
  params: { name: string; schema?: JsonSchema }[];
  body: JsonSchema | null;
};

const doc = (await (await app.request("/api/openapi.json")).json()) as {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
};

function resolve(schema: JsonSchema | undefined): JsonSchema {
  let s = schema ?? {};
  for (let i = 0; s.$ref && i < 20; i++)
    s = doc.components?.schemas?.[s.$ref.split("/").pop()!] ?? {};
  return s;
}

const endpoints: Endpoint[] = Object.entries(doc.paths).flatMap(([template, operations]) =>
  Object.entries(operations)
    .filter(([method]) => ["post", "put", "patch", "delete"].includes(method))
    .map(([method, op]) => ({
      method: method.toUpperCase(),
      template,
      params: (op.parameters ?? [])
        .filter((p) => p.in === "path")
        .map((p) => ({ name: p.name, schema: p.schema })),
      body: op.requestBody?.content?.["application/json"]?.schema
        ? resolve(op.requestBody.content["application/json"].schema)
        : null,
    })),
);

// ---------- generators ----------

const typesOf = (s: JsonSchema): string[] =>
  Array.isArray(s.type) ? s.type : s.type ? [s.type] : s.enum ? ["enum"] : [];

/** A value that fits the schema, mostly: the well-formed part of a bad payload. */
function fitting(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => fitting(a, depth)));
  if (s.allOf?.length) return fitting(s.allOf[0], depth);
  const types = typesOf(s).filter((t) => t !== "null");
  const type = types[0];
  if (!type) return depth > 2 ? fc.constant("x") : fc.jsonValue({ maxDepth: 1 });
  switch (type) {
    case "string":
      return fittingString(s);
    case "integer": {
      const min = Math.ceil(s.minimum ?? (s.exclusiveMinimum ?? -1) + 1);
      const max = Math.floor(s.maximum ?? (s.exclusiveMaximum ?? 101) - 1);
      return fc.integer({ min: Math.max(min, -1000), max: Math.max(Math.min(max, 1000), min) });
    }
    case "number": {
      const min = s.minimum ?? s.exclusiveMinimum ?? -1000;
      const max = s.maximum ?? s.exclusiveMaximum ?? 1000;
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(fitting(s.items, depth + 1), {
        minLength: s.minItems ?? 0,
        maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 2, 2)),
      });
    case "object": {
      if (depth > 4) return fc.constant({});
      const props = s.properties ?? {};
      if (!Object.keys(props).length && typeof s.additionalProperties === "object")
        return fc.dictionary(
          fc.string({ minLength: 1, maxLength: 8 }),
          fitting(s.additionalProperties, depth + 1),
          { maxKeys: 2 },
        );
      return fc.record(
        Object.fromEntries(Object.entries(props).map(([k, v]) => [k, fitting(v, depth + 1)])),
        { requiredKeys: (s.required ?? []).filter((k) => k in props) },
      );
    }
    default:
      return fc.constant(null);
  }
}

function fittingString(s: JsonSchema): fc.Arbitrary<string> {
  switch (s.format) {
    case "uuid":
      return fc.oneof(fc.uuid({ version: 4 }), fc.constantFrom(...allIds()));
    case "date":
      return fc.constantFrom("2026-03-10", "2026-04-20", "2026-02-01");
    case "date-time":
      return fc.constantFrom("2026-03-10T09:00:00.000Z", "2026-04-20T12:30:00Z");
    case "email":
      return fc.constantFrom("someone@example.com", users.employee.email);
    case "uri":
    case "url":
      return fc.constantFrom("https://example.com/course", "http://localhost/x");
    default: {
      const min = s.minLength ?? 0;
      const max = Math.max(min, Math.min(s.maxLength ?? 40, 40));
      return fc.string({ minLength: min, maxLength: max });
    }
  }
}

function allIds(): string[] {
  const ids = [...idsBySegment.values()].flat();
  return ids.length ? ids : ["00000000-0000-4000-8000-000000000000"];
}

const hugeString = (length: number) => "\u00e9".repeat(length);
/** Text PostgreSQL or a parser has tripped on before. */
const nastyText = fc.constantFrom(
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfff",
  "\u202eevil\u202c",
  "\u200b\u200c\u200d\ufeff",
  "\uffff\ufffe",
  "e\u0301\u0301\u0301",
  "👩‍👩‍👧‍👦".repeat(50),
  "'; DROP TABLE people; --",
  "$" + "{7*7}{{7*7}}<%= 7*7 %>",
  "<script>alert(1)</script>",
  "../../../../etc/passwd",
  "%00%0a%0d",
  "\r\n\r\nHTTP/1.1 200 OK",
);
const badDates = fc.constantFrom(
  "2024-02-30",
  "0000-01-01",
  "9999-12-31",
  "2026-13-01",
  "-000001-01-01",
  "2026-03-10T25:61:00Z",
  "20260310",
  "yesterday",
  "+275760-09-13",
);
const badIds = fc.constantFrom(
  "not-a-uuid",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "3f1d3a52-8a0c-4a57-9b0e-5d1c2a7e6f1",
  "3f1d3a52-8a0c-4a57-9b0e-5d1c2a7e6f10-",
  "{3f1d3a52-8a0c-4a57-9b0e-5d1c2a7e6f10}",
  "1",
  "-1",
);
const badNumbers = fc.constantFrom(
  1e308,
  -1e308,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  -0,
  1.5,
  0.1 + 0.2,
  5e-324,
);
const wrongKind = fc.constantFrom<unknown>(null, true, 0, "", "12", [], {}, [null], { a: 1 });

/** A value that breaks the schema (or stretches it to its edges). */
function breaking(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  const types = typesOf(s);
  const options: fc.Arbitrary<unknown>[] = [wrongKind, nastyText];
  if (types.includes("string") || types.includes("enum")) {
    options.push(
      fc.constant(hugeString((s.maxLength ?? 100_000) + 1)),
      fc.constant(" ".repeat(Math.max(1, s.minLength ?? 1))),
      badNumbers,
    );
    if (s.format === "uuid") options.push(badIds);
    if (s.format === "date" || s.format === "date-time") options.push(badDates);
    if (s.enum) options.push(fc.constantFrom("wizard", "ADMIN", "closed ", "__proto__"));
  }
  if (types.includes("integer") || types.includes("number"))
    options.push(badNumbers, fc.constantFrom("1", "1e400", "NaN", "Infinity", "0x10"));
  if (types.includes("array"))
    options.push(
      fc.constant(Array.from({ length: Math.max(1000, (s.maxItems ?? 0) + 1) }, () => "x")),
      fc.array(wrongKind, { minLength: 1, maxLength: 3 }),
    );
  if (types.includes("object")) options.push(fc.constant(nested(2_000)), fc.constant([1, 2, 3]));
  return fc.oneof(...options);
}

/** {"a":{"a":…}} `depth` deep. */
function nested(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

type Payload = {
  /** What the payload is, for a failure message. */
  kind: string;
  body?: string;
  contentType?: string | null;
  /** Replaces the path's ids with this garbage, when set. */
  pathGarbage?: string;
};

const json = (value: unknown) => JSON.stringify(value);

function payloads(endpoint: Endpoint): fc.Arbitrary<Payload> {
  const schema = endpoint.body;
  const wellFormed = fitting(schema ?? { type: "object", properties: {} });
  const choices: fc.WeightedArbitrary<Payload>[] = [
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          fc.constantFrom(
            "{",
            '{"a":',
            "[1,2",
            "nul",
            "{'a':1}",
            "",
            " ",
            "\u0000",
            '{"a":1}}',
            '{"a":"\\ud800"}',
          ),
          fc.string({ unit: "binary", maxLength: 100 }),
        )
        .map((body) => ({ kind: "not JSON", body })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          wellFormed,
          fc.constantFrom(
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/xml",
            "application/json; charset=utf-16",
            null,
          ),
        )
        .map(([value, contentType]) => ({
          kind: "wrong content type",
          body: json(value),
          contentType,
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom<unknown>([], [{}], "text", 42, null, true, -1)
        .map((value) => ({ kind: "wrong shape", body: json(value) })),
    },
    { weight: 1, arbitrary: fc.constant({ kind: "empty object", body: "{}" }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(wellFormed, fc.constantFrom("__proto__", "constructor", "prototype"))
        .map(([value, key]) => {
          const base =
            value && typeof value === "object" && !Array.isArray(value) ? json(value) : "{}";
          const pollution = `"${key}":{"admin":true,"roles":["admin"],"prototype":{"isAdmin":true}}`;
          return {
            kind: `pollution ${key}`,
            body: base === "{}" ? `{${pollution}}` : `{${pollution},${base.slice(1)}`,
          };
        }),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(10, 1_000, 100_000).map((depth) => ({
        kind: `nesting ${depth}`,
        body: `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constant({
        kind: "over the size limit",
        body: json({ text: "x".repeat(1024 * 1024 + 10) }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          wellFormed,
          fc.oneof(
            badIds,
            fc.constantFrom("%00", "..%2F..", "%E0%A4%A", "x".repeat(5000), "😀", "%0A%7B%7D"),
          ),
        )
        .map(([value, garbage]) => ({
          kind: "garbage in the path",
          body: json(value),
          pathGarbage: garbage,
        })),
    },
  ];
  const properties = Object.entries(resolve(schema ?? {}).properties ?? {});
  if (properties.length) {
    choices.push(
      {
        weight: 6,
        arbitrary: fc
          .tuple(wellFormed, fc.constantFrom(...properties))
          .chain(([value, [name, property]]) =>
            breaking(property).map((bad) => ({
              kind: `bad ${name}`,
              body: json({ ...(value as object), [name]: bad }),
            })),
          ),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(wellFormed, fc.constantFrom(...properties.map(([name]) => name)))
          .map(([value, name]) => {
            const copy = { ...(value as Record<string, unknown>) };
            delete copy[name];
            return { kind: `without ${name}`, body: json(copy) };
          }),
      },
    );
  }
  return fc.oneof(...choices);
}

function pathFor(endpoint: Endpoint, rng: () => number, garbage?: string): string {
  return endpoint.template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    if (garbage !== undefined)
      return garbage.startsWith("%") ? garbage : encodeURIComponent(garbage);
    const param = endpoint.params.find((p) => p.name === name);
    const choices = param?.schema?.enum as string[] | undefined;
    if (choices?.length) return choices[Math.floor(rng() * choices.length)]!;
    const before = endpoint.template.slice(0, endpoint.template.indexOf(`{${name}}`)).split("/");
    const segment = before[before.length - 2] ?? "";
    const ids = idsBySegment.get(segment) ?? [];
    if (ids.length && rng() < 0.85) return ids[Math.floor(rng() * ids.length)]!;
    return crypto.randomUUID();
  });
}

// ---------- sending, and what must hold ----------

/** Failed sign-ins are audit events by design: they are what the rate limits count. */
const RECORDED_REFUSAL = /^auth\.[a-z_]+_failed$/;

async function auditHead(): Promise<number> {
  const { rows } = await pool.query<{ seq: string | null }>(
    "SELECT max(seq) AS seq FROM audit_events",
  );
  return Number(rows[0]?.seq ?? 0);
}

async function auditActionsAfter(seq: number): Promise<string[]> {
  const { rows } = await pool.query<{ action: string }>(
    "SELECT action FROM audit_events WHERE seq > $1 ORDER BY seq",
    [seq],
  );
  return rows.map((r) => r.action);
}

/** A role signed out by a fuzzed request (sign-out, session revocation) signs in again. */
async function cookieFor(role: Role): Promise<string | undefined> {
  if (role === "nobody") return undefined;
  return cookies.get(role) ?? signIn(role);
}

const problems: string[] = [];
const statuses = new Map<number, number>();
const validationRefusals = new Set<string>();
let sent = 0;

async function sendBad(endpoint: Endpoint, role: Role, payload: Payload, rng: () => number) {
  const path = pathFor(endpoint, rng, payload.pathGarbage);
  const headers: Record<string, string> = {};
  if (payload.contentType !== undefined && payload.contentType !== null)
    headers["content-type"] = payload.contentType;
  // Signing a role in again is a write of its own: done before the audit head is read.
  const cookie = await cookieFor(role);
  await settleBackgroundTasks();
  const before = await auditHead();
  const init: RequestInit = {
    method: endpoint.method,
    headers: {
      ...(payload.contentType === undefined ? { "content-type": "application/json" } : headers),
      ...(cookie ? { cookie } : {}),
    },
    body: payload.body,
  };
  let res: Response;
  try {
    res = await app.request(path, init, {
      incoming: { socket: { remoteAddress: FUZZ_IP, remotePort: 40000, remoteFamily: "IPv4" } },
    });
  } catch (err) {
    problems.push(`${endpoint.method} ${path} as ${role} (${payload.kind}) threw: ${String(err)}`);
    return;
  }
  sent += 1;
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  const text = await res.text();
  await settleBackgroundTasks();
  const where = `${endpoint.method} ${endpoint.template} as ${role} (${payload.kind}, ${(payload.body ?? "").length} bytes)`;
  if (res.status >= 500) problems.push(`${where} → ${res.status} ${text.slice(0, 300)}`);
  if (res.status >= 300) {
    const after = await auditHead();
    if (after !== before) {
      const actions = await auditActionsAfter(before);
      const unexpected = actions.filter((a) => !RECORDED_REFUSAL.test(a));
      if (unexpected.length)
        problems.push(`${where} → ${res.status} but recorded ${unexpected.join(", ")}`);
    }
  }
  if (res.status === 400 && role !== "nobody")
    validationRefusals.add(`${endpoint.method} ${endpoint.template}`);
  if (res.status === 401 && role !== "nobody") cookies.delete(role);
}

afterAll(() => {
  if (problems.length) console.error(problems.join("\n"));
});

describe("malformed input across every write endpoint", () => {
  it("finds the write endpoints in the API's own description", () => {
    expect(endpoints.length).toBeGreaterThan(80);
    expect(endpoints.map((e) => `${e.method} ${e.template}`)).toEqual(
      expect.arrayContaining([
        "PUT /api/v1/plans/{id}",
        "POST /api/v1/feedback",
        "POST /api/v1/auth/sign-in",
        "PATCH /api/v1/people/{id}",
      ]),
    );
  });

  it.each(endpoints.map((e, i) => [`${e.method} ${e.template}`, e, i] as const))(
    "%s answers bad payloads without a 5xx and records nothing when it refuses",
    async (_name, endpoint, index) => {
      const before = problems.length;
      const cases = fc.sample(
        fc.tuple(
          fc.constantFrom(...roles),
          payloads(endpoint),
          fc.integer({ min: 1, max: 2 ** 30 }),
        ),
        { seed: SEED + index, numRuns: Math.ceil(Math.max(TOTAL, MIN_TOTAL) / endpoints.length) },
      );
      for (const [role, payload, salt] of cases) {
        let state = salt;
        // A small deterministic generator for choosing path ids.
        const rng = () => {
          state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
          return state / 2 ** 31;
        };
        await sendBad(endpoint, role, payload, rng);
      }
      expect(problems.slice(before)).toEqual([]);
    },
  );

  it("sent at least 1,000 bad payloads, most of them past sign-in to the validation they test", () => {
    expect(sent).toBeGreaterThanOrEqual(MIN_TOTAL);
    expect(problems).toEqual([]);
    // The test reaches the endpoints' own checks, not just the sign-in wall.
    expect(validationRefusals.size).toBeGreaterThan(endpoints.length * 0.6);
    expect([...statuses.keys()].every((status) => status < 500)).toBe(true);
  });
});
