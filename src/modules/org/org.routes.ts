import { createRoute, z } from "@hono/zod-openapi";
import { grantedRoles } from "../../access/access.types.js";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { Email, errorResponses, IdParam, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import { isPlausibleDate } from "./org.rules.js";
import {
  commitImport,
  exportPeopleCsv,
  getMyTeam,
  getPersonPage,
  getPersonRecord,
  getSettings,
  listDepartments,
  listDirectory,
  previewImport,
  updateAccess,
  updateDemographics,
  updatePerson,
  updateSettings,
} from "./org.service.js";

const PersonCard = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    title: z.string(),
    department: z.string(),
    location: z.string(),
    managerId: z.string().nullable(),
    active: z.boolean(),
  })
  .openapi("PersonCard");

const ImportResult = z
  .object({
    summary: z.object({
      create: z.number(),
      update: z.number(),
      unchanged: z.number(),
      problems: z.number(),
    }),
    problems: z.array(z.object({ line: z.number(), field: z.string(), message: z.string() })),
    rows: z.array(
      z.object({
        line: z.number(),
        action: z.enum(["create", "update", "unchanged"]),
        name: z.string(),
        email: z.string(),
        employeeId: z.string().nullable(),
        title: z.string(),
        department: z.string(),
        changedFields: z.array(z.string()),
      }),
    ),
  })
  .openapi("ImportPreview");

const CsvBody = jsonBody(
  z.object({ csv: z.string().min(1, "Choose a CSV file with at least a header row.") }),
);
const date = z.iso
  .date("Use a date like 2024-03-31.")
  .refine(isPlausibleDate, "Use a date between 1900-01-01 and 2100-12-31.");

export function registerOrgRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/people",
      tags: ["People"],
      summary: "The directory: search by name, email, title, department, location or employee id",
      request: {
        query: z.object({
          q: z.string().max(200).optional(),
          department: z.string().max(200).optional(),
          managers: z
            .enum(["true", "false"], { error: "managers must be true or false." })
            .optional()
            .openapi({ description: "true: only people who manage someone active" }),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
      responses: {
        200: jsonResponse(z.object({ items: z.array(PersonCard), total: z.number() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      requireActor(c);
      const { managers, ...query } = c.req.valid("query");
      return c.json(
        await listDirectory(deps, { ...query, managersOnly: managers === "true" }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/departments",
      tags: ["People"],
      summary: "Departments with their head counts",
      responses: {
        200: jsonResponse(
          z.object({ items: z.array(z.object({ name: z.string(), people: z.number() })) }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      requireActor(c);
      return c.json({ items: await listDepartments(deps) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/people/{id}",
      tags: ["People"],
      summary: "A person's page: card, manager, reports, and the record where you may see it",
      request: { params: IdParam },
      responses: {
        200: jsonResponse(
          z.object({
            person: PersonCard,
            manager: PersonCard.nullable(),
            reports: z.array(PersonCard),
            record: z
              .object({
                employeeId: z.string().nullable(),
                hireDate: z.string().nullable(),
                roles: z.array(z.string()),
                hrScope: z.object({ all: z.boolean(), departments: z.array(z.string()) }),
                hasAccount: z.boolean(),
                version: z.number(),
              })
              .nullable(),
            demographics: z.record(z.string(), z.string()).nullable(),
            abilities: z.record(z.string(), z.boolean()),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(
        await getPersonPage(deps, { actor: requireActor(c), id: c.req.valid("param").id }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/people/{id}/record",
      tags: ["People"],
      summary: "A person's full record (self, their managers, HR in scope, admins; 404 otherwise)",
      request: { params: IdParam },
      responses: { 200: jsonResponse(z.record(z.string(), z.unknown())), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await getPersonRecord(deps, { actor: requireActor(c), id: c.req.valid("param").id }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/v1/people/{id}",
      tags: ["People"],
      summary:
        "Change a person (HR in scope, admins). `version` guards against overwriting someone else's edit",
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            version: z.number().int().min(1),
            name: z.string().trim().min(1, "Name cannot be empty.").max(200).optional(),
            email: Email.optional(),
            title: z.string().trim().max(200).optional(),
            department: z.string().trim().max(200).optional(),
            location: z.string().trim().max(200).optional(),
            employeeId: z.string().trim().min(1).max(100).nullable().optional(),
            hireDate: date.nullable().optional(),
            managerId: z.uuid("Choose a manager from the directory.").nullable().optional(),
            active: z.boolean().optional(),
          }),
        ),
      },
      responses: { 200: jsonResponse(PersonCard), ...errorResponses },
    }),
    async (c) => {
      const { version, ...patch } = c.req.valid("json");
      return c.json(
        await updatePerson(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          patch,
          version,
        }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/people/{id}/access",
      tags: ["People"],
      summary: "Grant roles and HR scope (admins)",
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            roles: z.array(z.enum(grantedRoles)).max(3),
            hrScopeAll: z.boolean(),
            hrScopeDepartments: z.array(z.string().trim().min(1).max(200)).max(200),
          }),
        ),
      },
      responses: { 200: jsonResponse(PersonCard), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await updateAccess(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          ...c.req.valid("json"),
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/people/{id}/demographics",
      tags: ["People"],
      summary: "Self-declared demographic fields (the person and HR in scope only)",
      request: {
        params: IdParam,
        ...jsonBody(z.object({ demographics: z.record(z.string().max(50), z.string().max(200)) })),
      },
      responses: {
        200: jsonResponse(z.object({ demographics: z.record(z.string(), z.string()) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const demographics = await updateDemographics(deps, {
        actor: requireActor(c),
        id: c.req.valid("param").id,
        ...c.req.valid("json"),
      });
      return c.json({ demographics }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/team",
      tags: ["People"],
      summary: "Your direct reports, and skip-level reports where the organisation allows",
      responses: {
        200: jsonResponse(
          z.object({
            direct: z.array(
              PersonCard.extend({
                depth: z.number(),
                reports: z.number(),
                hireDate: z.string().nullable(),
              }),
            ),
            skipLevel: z.array(
              PersonCard.extend({
                depth: z.number(),
                reports: z.number(),
                hireDate: z.string().nullable(),
              }),
            ),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await getMyTeam(deps, { actor: requireActor(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/imports/people/preview",
      tags: ["Import and export"],
      summary:
        "Check an organisation CSV: what it would create and update, and every problem by line. Writes nothing",
      request: CsvBody,
      responses: { 200: jsonResponse(ImportResult), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await previewImport(deps, { actor: requireActor(c), csv: c.req.valid("json").csv }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/imports/people/commit",
      tags: ["Import and export"],
      summary:
        "Apply an organisation CSV: all of it in one transaction, or nothing if any row has a problem",
      request: CsvBody,
      responses: {
        200: jsonResponse(
          z.object({
            create: z.number(),
            update: z.number(),
            unchanged: z.number(),
            problems: z.number(),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(
        await commitImport(deps, { actor: requireActor(c), csv: c.req.valid("json").csv }),
        200,
      ),
  );

  app.get("/api/v1/exports/people.csv", async (c) => {
    const csv = await exportPeopleCsv(deps, { actor: requireActor(c) });
    return c.body(csv, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="people.csv"',
    });
  });

  const Settings = z
    .object({ name: z.string(), skipLevelVisible: z.boolean() })
    .openapi("OrgSettings");
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/org/settings",
      tags: ["Organisation"],
      summary: "Organisation settings (admins and HR)",
      responses: { 200: jsonResponse(Settings), ...errorResponses },
    }),
    async (c) => c.json(await getSettings(deps, { actor: requireActor(c) }), 200),
  );
  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/v1/org/settings",
      tags: ["Organisation"],
      summary: "Change organisation settings (admins)",
      request: jsonBody(
        z.object({
          name: z.string().trim().min(1, "Name cannot be empty.").max(200).optional(),
          skipLevelVisible: z.boolean().optional(),
        }),
      ),
      responses: { 200: jsonResponse(Settings), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await updateSettings(deps, { actor: requireActor(c), patch: c.req.valid("json") }),
        200,
      ),
  );
}
