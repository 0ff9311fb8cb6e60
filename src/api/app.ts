import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import type { Deps } from "../deps.js";
import { registerAuthRoutes, resolveActorMiddleware } from "../modules/auth/auth.routes.js";
import { registerSsoRoutes } from "../modules/auth/auth.sso.routes.js";
import { registerTotpRoutes } from "../modules/auth/auth.totp.routes.js";
import { registerCalendarRoutes } from "../modules/calendar/calendar.routes.js";
import { registerCatalogueAttachRoutes } from "../modules/catalogue/catalogue.attach.routes.js";
import { registerCatalogueRoutes } from "../modules/catalogue/catalogue.routes.js";
import { registerCoachingRoutes } from "../modules/coaching/coaching.routes.js";
import { registerConcernRoutes } from "../modules/concerns/concerns.routes.js";
import { registerDiagnosisRoutes } from "../modules/diagnosis/diagnosis.routes.js";
import { registerFeedbackRoutes } from "../modules/feedback/feedback.routes.js";
import { registerGrowthRoutes } from "../modules/growth/growth.routes.js";
import { registerGuidanceRoutes } from "../modules/guidance/guidance.routes.js";
import { registerInsightCoachingRoutes } from "../modules/insight/insight.coaching.routes.js";
import { registerInsightPlanRoutes } from "../modules/insight/insight.plans.routes.js";
import { registerMailRoutes } from "../modules/mail/mail.routes.js";
import { registerMentoringRoutes } from "../modules/mentoring/mentoring.routes.js";
import { registerNotifyRoutes } from "../modules/notify/notify.routes.js";
import { registerOneOnOneRoutes } from "../modules/oneonones/oneonones.routes.js";
import { registerOrgRoutes } from "../modules/org/org.routes.js";
import { registerPlanCheckinRoutes } from "../modules/plans/plans.checkins.routes.js";
import { registerPlanEngagementRoutes } from "../modules/plans/plans.engagement.routes.js";
import { registerPlanParticipationRoutes } from "../modules/plans/plans.participation.routes.js";
import { registerPlanPdfRoutes } from "../modules/plans/plans.pdf.routes.js";
import { registerPlanRoutes } from "../modules/plans/plans.routes.js";
import { registerPlanSealingRoutes } from "../modules/plans/plans.sealing.routes.js";
import { registerRecordExportRoutes } from "../modules/record/record.export.routes.js";
import { registerRecordRoutes } from "../modules/record/record.routes.js";
import { registerRetentionRoutes } from "../modules/retention/retention.routes.js";
import { registerReviewRoutes } from "../modules/review/review.routes.js";
import { registerScimRoutes } from "../modules/scim/scim.routes.js";
import { AppError, errorBody, statusOf } from "./errors.js";
import { createRouter } from "./hono.js";
import { apiDocsPage, csrfProtection, securityHeaders } from "./security.js";

export const MAX_BODY_BYTES = 1024 * 1024;

/** A body over the limit: said of any request (a long note), and of an import file in its words. */
const tooLarge = (
  message = `The request is too large (at most ${MAX_BODY_BYTES / 1024 / 1024} MB). Shorten the text and try again; nothing was saved.`,
) => new AppError("request.too_large", message);
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export function createApp(deps: Deps & { webDir?: string | null }) {
  const app = createRouter();
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: "headway_http_requests_total",
    help: "HTTP requests by method, route and status",
    labelNames: ["method", "route", "status"],
    registers: [registry],
  });
  const duration = new Histogram({
    name: "headway_http_request_duration_seconds",
    help: "HTTP request duration",
    labelNames: ["method", "route"],
    registers: [registry],
  });

  app.onError((err, c) => {
    let error: AppError;
    if (err instanceof AppError) error = err;
    else if (err instanceof HTTPException && err.status === 400)
      error = new AppError("request.invalid_json", "The request body is not valid JSON.");
    else if (err instanceof HTTPException && err.status === 413) error = tooLarge();
    else if (err instanceof HTTPException && err.status === 415)
      error = new AppError(
        "request.unsupported_media_type",
        "Send the request body as JSON, with the header Content-Type: application/json.",
      );
    else if (err instanceof HTTPException && err.status < 500)
      // Any other refusal by the framework keeps its status, in the one error body.
      return c.json(
        errorBody(new AppError("request.invalid", err.message || "The request was refused.")),
        err.status,
      );
    else {
      deps.logger.error({ err, path: c.req.path }, "unexpected error");
      error = new AppError(
        "internal.error",
        "Something went wrong on our side. It has been logged.",
      );
      return c.json(errorBody(error), 500);
    }
    const status = statusOf(error.code);
    if (status >= 500) deps.logger.error({ err }, "server error");
    return c.json(errorBody(error), status as 400);
  });
  app.notFound((c) =>
    c.json(
      errorBody(
        new AppError("route.not_found", `There is nothing at ${c.req.method} ${c.req.path}.`),
      ),
      404,
    ),
  );

  app.use("*", async (c, next) => {
    const end = duration.startTimer();
    await next();
    const route = c.req.routePath || "unmatched";
    requests.inc({ method: c.req.method, route, status: String(c.res.status) });
    end({ method: c.req.method, route });
  });
  app.use("*", securityHeaders(deps.config));
  app.use("*", csrfProtection(deps.config));

  app.use(
    "/api/v1/imports/*",
    bodyLimit({
      maxSize: MAX_IMPORT_BYTES,
      onError: () => {
        throw tooLarge(
          "The upload is too large. Split the file, or remove unused columns, and try again.",
        );
      },
    }),
  );
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw tooLarge();
    },
  });
  app.use("/api/*", async (c, next) => {
    // A GET or HEAD has no body; asking for one would build a whole Request object for nothing.
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    if (c.req.path.startsWith("/api/v1/imports/")) return next();
    return limitBody(c, next);
  });
  app.use("/api/*", resolveActorMiddleware(deps));

  app.get("/healthz", async (c) => {
    await deps.database.pool.query("SELECT 1");
    return c.json({ status: "ok", database: deps.database.kind });
  });
  app.get("/metrics", async (c) =>
    c.text(await registry.metrics(), 200, { "content-type": registry.contentType }),
  );

  registerAuthRoutes(app, deps);
  registerSsoRoutes(app, deps);
  registerTotpRoutes(app, deps);
  registerScimRoutes(app, deps);
  registerOrgRoutes(app, deps);
  registerRecordRoutes(app, deps);
  registerMailRoutes(app, deps);
  registerPlanPdfRoutes(app, deps);
  registerReviewRoutes(app, deps);
  registerOneOnOneRoutes(app, deps);
  registerFeedbackRoutes(app, deps);
  registerGrowthRoutes(app, deps);
  registerCalendarRoutes(app, deps);
  registerCoachingRoutes(app, deps);
  registerPlanRoutes(app, deps);
  registerPlanParticipationRoutes(app, deps);
  registerPlanCheckinRoutes(app, deps);
  registerNotifyRoutes(app, deps);
  registerConcernRoutes(app, deps);
  registerRecordExportRoutes(app, deps);
  registerRetentionRoutes(app, deps);
  registerCatalogueRoutes(app, deps);
  registerCatalogueAttachRoutes(app, deps);
  registerMentoringRoutes(app, deps);
  registerDiagnosisRoutes(app, deps);
  registerGuidanceRoutes(app, deps);
  registerPlanEngagementRoutes(app, deps);
  registerPlanSealingRoutes(app, deps);
  registerInsightPlanRoutes(app, deps);
  registerInsightCoachingRoutes(app, deps);

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "headway_session",
  });
  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Headway API",
      version: "1",
      description:
        "Everything the Headway web app does, over HTTP. Authenticate with a session cookie or a personal API token (`Authorization: Bearer hw_…`).",
    },
    security: [{ bearer: [] }, { session: [] }],
  });
  app.get(
    "/api/docs",
    apiDocsPage(deps.config, { url: "/api/openapi.json", pageTitle: "Headway API" }),
  );
  app.all("/api/*", (c) =>
    c.json(
      errorBody(
        new AppError("route.not_found", `There is nothing at ${c.req.method} ${c.req.path}.`),
      ),
      404,
    ),
  );

  const webDir = deps.webDir;
  if (webDir) {
    const indexFile = path.join(webDir, "index.html");
    app.use("/assets/*", serveStatic({ root: path.relative(process.cwd(), webDir) }));
    app.get("*", serveStatic({ root: path.relative(process.cwd(), webDir) }));
    // Read per request (it is small): a rebuilt web app is served without a restart.
    app.get("*", (c) =>
      existsSync(indexFile)
        ? c.html(readFileSync(indexFile, "utf8"))
        : c.text(
            "The web app is not built yet. Run `npm start`, which builds it, or `npm run build:web`.",
            503,
          ),
    );
  }
  return app;
}

export type App = ReturnType<typeof createApp>;
