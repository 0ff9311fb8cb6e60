import { createRoute } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import {
  ApplyToPlanBody,
  DiagnosisDetail,
  DiagnosisList,
  DiagnosisSaveBody,
  DiagnosisSuggestions,
  GuideSchema,
  IdParam,
  NewDiagnosisBody,
  PersonParam,
} from "./diagnosis.schemas.js";
import {
  applyToPlan,
  completeDiagnosis,
  getDiagnosis,
  getGuide,
  getSuggestions,
  listDiagnoses,
  saveDiagnosis,
  startDiagnosis,
  withdrawConsent,
} from "./diagnosis.service.js";

const tags = ["Diagnostic guide"];

export function registerDiagnosisRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/diagnostic-guide",
      tags,
      summary:
        "The manager's diagnostic guide: how to open, and for each cause the questions, signs, resources and demand changes",
      responses: { 200: jsonResponse(GuideSchema), ...errorResponses },
    }),
    async (c) => {
      requireActor(c);
      return c.json(getGuide(), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/people/{id}/diagnoses",
      tags,
      summary:
        "Diagnostic conversations with a person (the person sees the completed ones), and their draft plans a new one may inform",
      request: { params: PersonParam },
      responses: { 200: jsonResponse(DiagnosisList), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await listDiagnoses(deps, { actor: requireActor(c), personId: c.req.valid("param").id }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/people/{id}/diagnoses",
      tags,
      summary:
        "Start a diagnostic conversation (the direct manager or HR in scope), optionally for one of the person's draft plans",
      request: { params: PersonParam, ...jsonBody(NewDiagnosisBody) },
      responses: { 201: jsonResponse(DiagnosisDetail, "Started"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await startDiagnosis(deps, {
          actor: requireActor(c),
          personId: c.req.valid("param").id,
          planId: c.req.valid("json").planId,
        }),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/diagnoses/{id}",
      tags,
      summary: "One diagnostic conversation: the causes, what was heard, the employee's answers",
      request: { params: IdParam },
      responses: { 200: jsonResponse(DiagnosisDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await getDiagnosis(deps, { actor: requireActor(c), id: c.req.valid("param").id }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/diagnoses/{id}",
      tags,
      summary:
        "Save the conversation (fields left out stay); the employee's answers only with their consent, and withdrawing it erases them",
      request: { params: IdParam, ...jsonBody(DiagnosisSaveBody) },
      responses: { 200: jsonResponse(DiagnosisDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await saveDiagnosis(deps, {
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
      path: "/api/v1/diagnoses/{id}/complete",
      tags,
      summary:
        "Complete the conversation (at least one cause); the employee can then read it and is told",
      request: { params: IdParam },
      responses: { 200: jsonResponse(DiagnosisDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await completeDiagnosis(deps, { actor: requireActor(c), id: c.req.valid("param").id }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/diagnoses/{id}/withdraw-consent",
      tags,
      summary:
        "The employee withdraws their consent (also after completion): their recorded answers are erased",
      request: { params: IdParam },
      responses: { 200: jsonResponse(DiagnosisDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await withdrawConsent(deps, { actor: requireActor(c), id: c.req.valid("param").id }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/diagnoses/{id}/suggestions",
      tags,
      summary:
        "For the causes chosen and skills named: catalogue resources, mentors outside the person's chain, demand changes",
      request: { params: IdParam },
      responses: { 200: jsonResponse(DiagnosisSuggestions), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await getSuggestions(deps, { actor: requireActor(c), id: c.req.valid("param").id }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/diagnoses/{id}/apply-to-plan",
      tags,
      summary:
        "Write the causes chosen into the linked draft plan (existing causes keep their notes); the plan's version moves",
      request: { params: IdParam, ...jsonBody(ApplyToPlanBody) },
      responses: { 200: jsonResponse(DiagnosisDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await applyToPlan(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          planVersion: c.req.valid("json").planVersion,
        }),
        200,
      ),
  );
}
