import { createRoute, z } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, IdParam, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import { mentorshipStatuses } from "../mentoring/mentoring.types.js";
import { CarryOnGoals } from "./plans.sealing.routes.js";
import {
  addPrivateNote,
  createPlan,
  getPlanDetail,
  getPlanVersion,
  getVersionChanges,
  listPlans,
  saveEmployeeReflection,
  savePlan,
  transitionPlan,
} from "./plans.service.js";
import {
  causeKinds,
  MAX_GOALS,
  outcomes,
  planActions,
  planStatuses,
  resourceKinds,
  resourceStatuses,
} from "./plans.types.js";

const tags = ["Success plans"];

const isoDate = z.iso.date("Use a date like 2026-03-31.");
const text = (max: number) => z.string().max(max, `Keep it under ${max} characters.`);
const num = (what: string) =>
  z
    .number({ error: `Enter ${what} as a number.` })
    .refine(Number.isFinite, `Enter ${what} as a finite number.`);
const id = z.uuid("Use an id this plan gave you, or leave it out for a new item.").optional();

const PersonRef = z.object({ id: z.string(), name: z.string() });
const Problem = z.object({ path: z.string(), message: z.string() });

const PlanSummary = z
  .object({
    id: z.string(),
    employee: z.object({
      id: z.string(),
      name: z.string(),
      title: z.string(),
      department: z.string(),
    }),
    manager: PersonRef,
    hrPartner: PersonRef.nullable(),
    status: z.enum(planStatuses),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    outcome: z.enum(outcomes).nullable(),
    issuedVersion: z.number(),
    pendingAcknowledgement: z.boolean(),
    updatedAt: z.string(),
  })
  .openapi("PlanSummary");

const Series = z.array(z.object({ date: isoDate, value: num("the value") })).max(1000);

const Evidence = z.object({
  id: z.string(),
  kind: z.enum(["metric", "incident"]),
  title: z.string(),
  description: z.string(),
  impact: z.string(),
  occurredOn: z.string().nullable(),
  unit: z.string(),
  source: z.string(),
  series: z.array(z.object({ date: z.string(), value: z.number() })),
  answer: z.enum(["same", "different"]).nullable(),
  employeeSide: z.string(),
  employeeLinks: z.array(z.string()),
  answeredAt: z.string().nullable(),
});

const Goal = z.object({
  id: z.string(),
  description: z.string(),
  metric: z.string(),
  unit: z.string(),
  direction: z.enum(["up", "down"]),
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  measurement: z.string(),
  dueDate: z.string().nullable(),
  resources: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(resourceKinds),
      description: z.string(),
      link: z.string(),
      mentorId: z.string().nullable(),
      mentor: PersonRef.nullable(),
      hoursPerWeek: z.number().nullable(),
      status: z.enum(resourceStatuses),
      requestedByEmployee: z.boolean(),
      /** Picked from L&D's catalogue, and for a workshop the date it takes a seat on. */
      catalogueItemId: z.string().nullable(),
      catalogueSessionId: z.string().nullable(),
      sessionStartsAt: z.string().nullable(),
      /** For a mentor: the answer to the request made from this resource, if any. */
      mentorshipStatus: z.enum(mentorshipStatuses).nullable(),
    }),
  ),
  milestones: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      dueDate: z.string(),
      target: z.number().nullable(),
      earlyWin: z.boolean(),
      doneAt: z.string().nullable(),
    }),
  ),
});

const PlanDetail = z
  .object({
    plan: z.object({
      id: z.string(),
      status: z.enum(planStatuses),
      statusLabel: z.string(),
      employee: z.object({
        id: z.string(),
        name: z.string(),
        title: z.string(),
        department: z.string(),
      }),
      manager: PersonRef,
      hrPartner: PersonRef.nullable(),
      standard: z.string(),
      startDate: z.string().nullable(),
      endDate: z.string().nullable(),
      cadenceDays: z.number(),
      goodFaith: z.enum(["yes", "no", "unsure"]).nullable(),
      goodFaithNote: z.string(),
      outcome: z.enum(outcomes).nullable(),
      outcomeLabel: z.string().nullable(),
      managerReflection: z.string(),
      employeeReflection: z.string(),
      pausedFrom: z.enum(planStatuses).nullable(),
      issuedVersion: z.number(),
      pendingAcknowledgement: z.boolean(),
      version: z.number(),
      createdAt: z.string(),
      updatedAt: z.string(),
      submittedAt: z.string().nullable(),
      issuedAt: z.string().nullable(),
      closedAt: z.string().nullable(),
      sealed: z.boolean(),
      sealedAt: z.string().nullable(),
      sealedManagerUntil: z.string().nullable(),
    }),
    evidence: z.array(Evidence),
    causes: z.array(
      z.object({
        id: z.string(),
        cause: z.enum(causeKinds),
        label: z.string(),
        notes: z.string(),
        employeeView: z.string(),
      }),
    ),
    goals: z.array(Goal),
    reviews: z.array(
      z.object({
        id: z.string(),
        decision: z.enum(["approved", "changes_requested", "comment"]),
        comment: z.string(),
        author: PersonRef,
        createdAt: z.string(),
      }),
    ),
    versions: z.array(
      z.object({
        number: z.number(),
        createdAt: z.string(),
        changeSummary: z.string(),
        acknowledgedAt: z.string().nullable(),
      }),
    ),
    threads: z.array(z.unknown()),
    actionItems: z.array(z.unknown()),
    achievements: z.array(z.unknown()),
    responses: z.array(z.unknown()),
    checkins: z.array(z.unknown()),
    goalProgress: z.array(z.unknown()),
    confidenceTrend: z.array(z.unknown()),
    privateNotes: z.array(z.object({ id: z.string(), body: z.string(), createdAt: z.string() })),
    abilities: z.record(z.string(), z.boolean()),
    allowedActions: z.array(z.enum(planActions)),
    problems: z.array(Problem),
  })
  .passthrough()
  .openapi("PlanDetail");

const PlanDocument = z
  .object({
    version: z.number().int().min(1),
    standard: text(5000).default(""),
    startDate: isoDate.nullable().default(null),
    endDate: isoDate.nullable().default(null),
    cadenceDays: z.union([z.literal(7), z.literal(14)], {
      error: "Check in weekly (7) or every two weeks (14): never more than 14 days apart.",
    }),
    goodFaith: z.enum(["yes", "no", "unsure"]).nullable().default(null),
    goodFaithNote: text(5000).default(""),
    hrPartnerId: z.uuid("Choose an HR partner from the directory.").nullable().default(null),
    evidence: z
      .array(
        z.object({
          id,
          kind: z.enum(["metric", "incident"]),
          title: z.string().trim().min(1, "Give the evidence a title.").max(200),
          description: text(5000).default(""),
          impact: text(5000).default(""),
          occurredOn: isoDate.nullable().default(null),
          unit: text(50).default(""),
          source: text(500).default(""),
          series: Series.default([]),
        }),
      )
      .max(50, "Keep to at most 50 pieces of evidence.")
      .default([]),
    causes: z
      .array(z.object({ cause: z.enum(causeKinds), notes: text(5000).default("") }))
      .max(causeKinds.length)
      .default([]),
    goals: z
      .array(
        z.object({
          id,
          description: text(2000).default(""),
          metric: text(200).default(""),
          unit: text(50).default(""),
          direction: z.enum(["up", "down"]).default("up"),
          baseline: num("the baseline").nullable().default(null),
          target: num("the target").nullable().default(null),
          measurement: text(2000).default(""),
          dueDate: isoDate.nullable().default(null),
          resources: z
            .array(
              z.object({
                id,
                kind: z.enum(resourceKinds),
                description: z.string().trim().min(1, "Describe the resource.").max(2000),
                // A link is followed by the employee: web addresses only (no javascript:, data:).
                link: text(2000)
                  .trim()
                  .refine(
                    (v) => v === "" || (/^https?:\/\//i.test(v) && URL.canParse(v)),
                    "Use a web link starting with http:// or https://, or leave it empty.",
                  )
                  .default(""),
                mentorId: z.uuid("Choose the mentor from the directory.").nullable().default(null),
                hoursPerWeek: num("the hours per week").min(0).max(60).nullable().default(null),
                status: z.enum(resourceStatuses).default("offered"),
              }),
            )
            .max(20, "Keep to at most 20 resources per goal.")
            .default([]),
          milestones: z
            .array(
              z.object({
                id,
                title: z.string().trim().min(1, "Name the milestone.").max(500),
                dueDate: isoDate,
                target: num("the milestone target").nullable().default(null),
                earlyWin: z.boolean().default(false),
              }),
            )
            .max(20, "Keep to at most 20 milestones per goal.")
            .default([]),
        }),
      )
      .max(MAX_GOALS, `Keep to at most ${MAX_GOALS} goals: focus is part of a fair plan.`)
      .default([]),
  })
  .openapi("PlanDocument");

const Transition = z
  .object({
    action: z.enum(planActions),
    version: z.number().int().min(1),
    comment: text(5000).optional(),
    outcome: z.enum(outcomes).optional(),
    managerReflection: text(10000).optional(),
    newEndDate: isoDate.optional(),
    reason: text(2000).optional(),
    growthGoals: CarryOnGoals.optional().openapi({
      description:
        "With close and outcome goals_met: the growth plan that carries on (0–5 goals). Left out, goals are drafted from the plan (see GET /plans/{id}/carry-on).",
    }),
  })
  .openapi("PlanTransition");

const VersionParam = IdParam.extend({
  n: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: "n", in: "path" } }),
});

const Snapshot = z.record(z.string(), z.unknown());

export function registerPlanRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/plans",
      tags,
      summary:
        "Success plans you may see: mine (about you), team (you manage), review (HR queue), all",
      request: {
        query: z.object({
          scope: z.enum(["mine", "team", "review", "all"]).default("all"),
          status: z
            .string()
            .max(500)
            .optional()
            .transform((v) => (v ? v.split(",").map((s) => s.trim()) : undefined))
            .pipe(z.array(z.enum(planStatuses)).optional()),
          q: z.string().max(200).optional(),
        }),
      },
      responses: {
        200: jsonResponse(z.object({ items: z.array(PlanSummary) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { scope, status, q } = c.req.valid("query");
      return c.json(await listPlans(deps, { actor: requireActor(c), scope, status, q }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/plans",
      tags,
      summary: "Start a draft success plan for one of your reports (or, for HR, someone in scope)",
      request: jsonBody(z.object({ employeeId: z.uuid("Choose the person from the directory.") })),
      responses: { 201: jsonResponse(PlanDetail, "Created"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await createPlan(deps, {
          actor: requireActor(c),
          employeeId: c.req.valid("json").employeeId,
        }),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/plans/{id}",
      tags,
      summary: "A plan as you may see it, with what you may do next",
      request: { params: IdParam },
      responses: { 200: jsonResponse(PlanDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await getPlanDetail(deps, { actor: requireActor(c), id: c.req.valid("param").id }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/plans/{id}",
      tags,
      summary:
        "Save the whole plan (the manager). After issue a change makes a new version the employee acknowledges again",
      request: { params: IdParam, ...jsonBody(PlanDocument) },
      responses: { 200: jsonResponse(PlanDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await savePlan(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          input: c.req.valid("json"),
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/plans/{id}/transitions",
      tags,
      summary:
        "Move the plan along its lifecycle: submit, request_changes, approve, reopen, issue, acknowledge, start, pause, resume, extend, close",
      request: { params: IdParam, ...jsonBody(Transition) },
      responses: {
        200: jsonResponse(
          z.object({
            message: z.string(),
            // null only when closing sealed the plan away from the closer (a 0-day period).
            plan: PlanDetail.nullable(),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(
        await transitionPlan(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          input: c.req.valid("json"),
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/plans/{id}/reflection",
      tags,
      summary: "The employee's own closing reflection, once the plan is closed",
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            employeeReflection: z
              .string()
              .trim()
              .min(1, "Write your reflection.")
              .max(10000, "Keep it under 10000 characters."),
          }),
        ),
      },
      responses: { 200: jsonResponse(PlanDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await saveEmployeeReflection(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          employeeReflection: c.req.valid("json").employeeReflection,
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/plans/{id}/versions/{n}",
      tags,
      summary: "A version of the plan exactly as the employee was shown it",
      request: { params: VersionParam },
      responses: {
        200: jsonResponse(
          z.object({
            number: z.number(),
            createdAt: z.string(),
            changeSummary: z.string(),
            acknowledgedAt: z.string().nullable(),
            snapshot: Snapshot,
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id, n } = c.req.valid("param");
      return c.json(await getPlanVersion(deps, { actor: requireActor(c), id, number: n }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/plans/{id}/versions/{n}/changes",
      tags,
      summary: "What changed in version n compared with the version before, as sentences",
      request: { params: VersionParam },
      responses: {
        200: jsonResponse(
          z.object({
            number: z.number(),
            previous: z.number().nullable(),
            changes: z.array(z.string()),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id, n } = c.req.valid("param");
      return c.json(await getVersionChanges(deps, { actor: requireActor(c), id, number: n }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/plans/{id}/private-notes",
      tags,
      summary: "A private note on the plan: only you will ever see it (never the employee)",
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            body: z
              .string()
              .trim()
              .min(1, "Write the note.")
              .max(10000, "Keep it under 10000 characters."),
          }),
        ),
      },
      responses: {
        201: jsonResponse(
          z.object({ id: z.string(), body: z.string(), createdAt: z.string() }),
          "Created",
        ),
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(
        await addPrivateNote(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          body: c.req.valid("json").body,
        }),
        201,
      ),
  );
}
