import { createRoute } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import {
  createOnboardingPlan,
  createTemplate,
  getOnboardingPlan,
  getTemplate,
  listOnboardingPlans,
  listTemplates,
  recordEmployeeCheckin,
  recordManagerCheckin,
  updateStage,
  updateTemplate,
} from "./growth.onboarding.service.js";
import {
  EmployeeCheckinBody,
  IdParam,
  ManagerCheckinBody,
  OnboardingPlan,
  OnboardingPlanBody,
  OnboardingPlanList,
  OnboardingTemplate,
  OnboardingTemplateList,
  StageParams,
  StagePatchBody,
  TemplateBody,
  TemplatePatchBody,
} from "./growth.schemas.js";

const tags = ["Onboarding"];

export function registerOnboardingRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/onboarding-templates",
      tags,
      summary:
        "Onboarding templates (a default 30/60/90-day one is created on first use); admins and HR may write them",
      responses: { 200: jsonResponse(OnboardingTemplateList), ...errorResponses },
    }),
    async (c) => c.json(await listTemplates(deps, { actor: requireActor(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/onboarding-templates",
      tags,
      summary:
        "Write a new onboarding template (admins and HR): up to 10 stages on increasing days 1–365",
      request: { ...jsonBody(TemplateBody) },
      responses: { 201: jsonResponse(OnboardingTemplate, "Created"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await createTemplate(deps, { actor: requireActor(c), input: c.req.valid("json") }),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/onboarding-templates/{id}",
      tags,
      summary: "One onboarding template",
      request: { params: IdParam },
      responses: { 200: jsonResponse(OnboardingTemplate), ...errorResponses },
    }),
    async (c) =>
      c.json(await getTemplate(deps, { actor: requireActor(c), id: c.req.valid("param").id }), 200),
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/v1/onboarding-templates/{id}",
      tags,
      summary:
        "Change an onboarding template (admins and HR); plans already started keep their stages",
      request: { params: IdParam, ...jsonBody(TemplatePatchBody) },
      responses: { 200: jsonResponse(OnboardingTemplate), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await updateTemplate(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          input: c.req.valid("json"),
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/people/{id}/onboarding-plans",
      tags,
      summary: "A person's onboarding plans, newest first",
      request: { params: IdParam },
      responses: { 200: jsonResponse(OnboardingPlanList), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await listOnboardingPlans(deps, {
          actor: requireActor(c),
          personId: c.req.valid("param").id,
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/people/{id}/onboarding-plans",
      tags,
      summary:
        "Start a new hire's onboarding plan from a template (the direct manager or HR in scope); one running plan per person",
      request: { params: IdParam, ...jsonBody(OnboardingPlanBody) },
      responses: { 201: jsonResponse(OnboardingPlan, "Created"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await createOnboardingPlan(deps, {
          actor: requireActor(c),
          personId: c.req.valid("param").id,
          input: c.req.valid("json"),
        }),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/onboarding-plans/{id}",
      tags,
      summary: "An onboarding plan: its stages, what success looks like, and the check-ins",
      request: { params: IdParam },
      responses: { 200: jsonResponse(OnboardingPlan), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await getOnboardingPlan(deps, { actor: requireActor(c), id: c.req.valid("param").id }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/v1/onboarding-plans/{id}/stages/{stageId}",
      tags,
      summary: "Change a stage's title or what success looks like, for this plan only",
      request: { params: StageParams, ...jsonBody(StagePatchBody) },
      responses: { 200: jsonResponse(OnboardingPlan), ...errorResponses },
    }),
    async (c) => {
      const { id, stageId } = c.req.valid("param");
      return c.json(
        await updateStage(deps, {
          actor: requireActor(c),
          planId: id,
          stageId,
          input: c.req.valid("json"),
        }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/onboarding-plans/{id}/stages/{stageId}/manager",
      tags,
      summary:
        "The manager's side of a stage's check-in (notes, 1–5 rating); it checks the stage in",
      request: { params: StageParams, ...jsonBody(ManagerCheckinBody) },
      responses: { 200: jsonResponse(OnboardingPlan), ...errorResponses },
    }),
    async (c) => {
      const { id, stageId } = c.req.valid("param");
      return c.json(
        await recordManagerCheckin(deps, {
          actor: requireActor(c),
          planId: id,
          stageId,
          input: c.req.valid("json"),
        }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/onboarding-plans/{id}/stages/{stageId}/employee",
      tags,
      summary: "The new hire's own notes on a stage",
      request: { params: StageParams, ...jsonBody(EmployeeCheckinBody) },
      responses: { 200: jsonResponse(OnboardingPlan), ...errorResponses },
    }),
    async (c) => {
      const { id, stageId } = c.req.valid("param");
      return c.json(
        await recordEmployeeCheckin(deps, {
          actor: requireActor(c),
          planId: id,
          stageId,
          input: c.req.valid("json"),
        }),
        200,
      );
    },
  );
}
