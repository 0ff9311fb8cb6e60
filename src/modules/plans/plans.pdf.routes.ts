import { createRoute, z } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, IdParam } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import { findEngagementSummary } from "./plans.engagement.service.js";
import { planPdfFileName, renderPlanPdf, toPlanDocument } from "./plans.pdf.js";
import { getPlanDetail } from "./plans.service.js";

export function registerPlanPdfRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/plans/{id}/pdf",
      tags: ["Success plans"],
      summary:
        "The plan as a PDF both sides keep: everything the signed-in person may see of it, never a private note",
      request: { params: IdParam },
      responses: {
        200: {
          description: "The PDF, as an attachment named success-plan-<name>-v<version>.pdf",
          content: {
            "application/pdf": { schema: z.string().openapi({ format: "binary" }) },
          },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      // The core decides what this person may see (404 for anyone who may not see the plan).
      const detail = await getPlanDetail(deps, { actor, id: c.req.valid("param").id, via: "pdf" });
      // A closed plan carries its support and engagement, frozen at close (plans.engagement).
      const engagement = await findEngagementSummary(deps.database.db, detail.plan.id);
      const doc = toPlanDocument(detail, { now: deps.clock(), engagement });
      const pdf = await renderPlanPdf(doc);
      return c.body(new Uint8Array(pdf), 200, {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${planPdfFileName(doc)}"`,
        "cache-control": "private, no-store",
      });
    },
  );
}
