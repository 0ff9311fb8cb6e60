import { createRoute, z } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import {
  CatalogueCsvBody,
  CatalogueIdParam,
  CatalogueImportPreview,
  CatalogueImportResult,
  CatalogueItemBody,
  CatalogueItemDetail,
  CatalogueItemUpdateBody,
  CatalogueItemView,
  CatalogueList,
  CatalogueQuery,
  CatalogueSessionBody,
  CatalogueSessionView,
  CatalogueUsageList,
  tagsOf,
} from "./catalogue.schemas.js";
import {
  addCatalogueSession,
  cancelCatalogueSession,
  commitCatalogueImport,
  createCatalogueItem,
  exportCatalogueCsv,
  getCatalogueItem,
  getCatalogueUsage,
  previewCatalogueImport,
  searchCatalogue,
  setCatalogueItemActive,
  updateCatalogueItemFields,
} from "./catalogue.service.js";

const tags = ["Resource catalogue"];

export function registerCatalogueRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/catalogue/items",
      tags,
      summary:
        "Search L&D's catalogue by text, skill and root cause; best matches first, with upcoming workshop dates and seats",
      request: { query: CatalogueQuery },
      responses: { 200: jsonResponse(CatalogueList), ...errorResponses },
    }),
    async (c) => {
      const query = c.req.valid("query");
      return c.json(
        await searchCatalogue(deps, {
          actor: requireActor(c),
          q: query.q,
          skills: tagsOf(query.skill),
          causes: tagsOf(query.cause),
          kind: query.kind,
          includeArchived: query.archived === "true",
        }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/catalogue/items",
      tags,
      summary: "Add a course, workshop, tool or internal guide (L&D and admins)",
      request: jsonBody(CatalogueItemBody),
      responses: { 201: jsonResponse(CatalogueItemView, "Added"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await createCatalogueItem(deps, { actor: requireActor(c), input: c.req.valid("json") }),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/catalogue/items/{id}",
      tags,
      summary:
        "One catalogue item with its workshop dates, and its usage figures for L&D, HR and admins (counts only)",
      request: { params: CatalogueIdParam },
      responses: { 200: jsonResponse(CatalogueItemDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await getCatalogueItem(deps, { actor: requireActor(c), id: c.req.valid("param").id }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/catalogue/items/{id}",
      tags,
      summary: "Edit a catalogue item; refused with catalogue.conflict when it changed meanwhile",
      request: { params: CatalogueIdParam, ...jsonBody(CatalogueItemUpdateBody) },
      responses: { 200: jsonResponse(CatalogueItemView), ...errorResponses },
    }),
    async (c) => {
      const { version, ...input } = c.req.valid("json");
      return c.json(
        await updateCatalogueItemFields(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          version,
          input,
        }),
        200,
      );
    },
  );

  for (const [path, active, summary] of [
    ["archive", false, "Archive an item: no longer offered, still shown on the goals that used it"],
    ["restore", true, "Offer an archived item again"],
  ] as const) {
    app.openapi(
      createRoute({
        method: "post",
        path: `/api/v1/catalogue/items/{id}/${path}`,
        tags,
        summary,
        request: { params: CatalogueIdParam },
        responses: { 200: jsonResponse(CatalogueItemView), ...errorResponses },
      }),
      async (c) =>
        c.json(
          await setCatalogueItemActive(deps, {
            actor: requireActor(c),
            id: c.req.valid("param").id,
            active,
          }),
          200,
        ),
    );
  }

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/catalogue/items/{id}/sessions",
      tags,
      summary: "Add a date with seats to a workshop",
      request: { params: CatalogueIdParam, ...jsonBody(CatalogueSessionBody) },
      responses: { 201: jsonResponse(CatalogueSessionView, "Added"), ...errorResponses },
    }),
    async (c) => {
      const body = c.req.valid("json");
      return c.json(
        await addCatalogueSession(deps, {
          actor: requireActor(c),
          itemId: c.req.valid("param").id,
          input: {
            startsAt: new Date(body.startsAt),
            endsAt: body.endsAt ? new Date(body.endsAt) : null,
            location: body.location,
            seats: body.seats,
          },
        }),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/catalogue/sessions/{id}/cancel",
      tags,
      summary: "Cancel a workshop date (goals that named it keep it on their record)",
      request: { params: CatalogueIdParam },
      responses: { 200: jsonResponse(CatalogueSessionView), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await cancelCatalogueSession(deps, {
          actor: requireActor(c),
          sessionId: c.req.valid("param").id,
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/catalogue/usage",
      tags,
      summary:
        "Per item: how often goals used it, delivered vs not, and how the plans that used it ended. Counts only, never a name",
      responses: { 200: jsonResponse(CatalogueUsageList), ...errorResponses },
    }),
    async (c) => c.json(await getCatalogueUsage(deps, { actor: requireActor(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/catalogue/export.csv",
      tags,
      summary:
        "The catalogue as CSV (the import's columns; cells that could run as spreadsheet formulas are neutralised)",
      responses: {
        200: { description: "CSV", content: { "text/csv": { schema: z.string() } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const csv = await exportCatalogueCsv(deps, { actor: requireActor(c) });
      return c.body(csv, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": 'attachment; filename="catalogue.csv"',
      });
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/imports/catalogue/preview",
      tags: [...tags, "Import and export"],
      summary:
        "Check a catalogue CSV: what it would add and change, and every problem by line. Writes nothing",
      request: jsonBody(CatalogueCsvBody),
      responses: { 200: jsonResponse(CatalogueImportPreview), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await previewCatalogueImport(deps, {
          actor: requireActor(c),
          csv: c.req.valid("json").csv,
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/imports/catalogue/commit",
      tags: [...tags, "Import and export"],
      summary:
        "Apply a catalogue CSV: all of it in one transaction, or nothing if any row has a problem",
      request: jsonBody(CatalogueCsvBody),
      responses: { 200: jsonResponse(CatalogueImportResult), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await commitCatalogueImport(deps, {
          actor: requireActor(c),
          csv: c.req.valid("json").csv,
        }),
        200,
      ),
  );
}
