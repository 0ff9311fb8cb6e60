import { createRoute, z } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import {
  getMyMentorProfile,
  listMentors,
  saveMentorProfile,
  suggestionsFor,
} from "./mentoring.profiles.service.js";
import {
  DeclineBody,
  MentorDirectory,
  MentoringSummary,
  MentorProfileBody,
  MentorSuggestions,
  MentorshipDetail,
  MentorshipList,
  MentorshipRequestBody,
  MyMentorProfile,
  SessionBody,
  SuggestionQuery,
} from "./mentoring.schemas.js";
import {
  endMentorship,
  getMentoringSummary,
  getMentorship,
  listMyMentorships,
  logSession,
  requestMentorship,
  respondToMentorship,
} from "./mentoring.service.js";

const tags = ["Mentoring"];

const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: "id", in: "path" } }),
});

export function registerMentoringRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/mentors",
      tags,
      summary:
        "The mentor directory: active mentors with skills, places and availability (L&D and admins also see inactive ones)",
      request: {
        query: z.object({
          skill: z.string().max(200).optional(),
          q: z.string().max(200).optional(),
        }),
      },
      responses: { 200: jsonResponse(MentorDirectory), ...errorResponses },
    }),
    async (c) =>
      c.json(await listMentors(deps, { actor: requireActor(c), ...c.req.valid("query") }), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/me/mentor-profile",
      tags,
      summary: "Your own mentor profile, or null when you have not volunteered",
      responses: { 200: jsonResponse(MyMentorProfile), ...errorResponses },
    }),
    async (c) => c.json(await getMyMentorProfile(deps, { actor: requireActor(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/people/{id}/mentor-profile",
      tags,
      summary:
        "Volunteer as a mentor, or keep a mentor profile (your own; L&D and admins: anyone's). 0 places = not taking mentees now",
      request: { params: IdParam, ...jsonBody(MentorProfileBody) },
      responses: { 200: jsonResponse(MyMentorProfile), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await saveMentorProfile(deps, {
          actor: requireActor(c),
          personId: c.req.valid("param").id,
          input: c.req.valid("json"),
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/people/{id}/mentor-suggestions",
      tags,
      summary:
        "Mentors to suggest for a person: free places, never from their management chain; best skill match first (skill repeatable or comma-separated)",
      request: { params: IdParam, query: SuggestionQuery },
      responses: { 200: jsonResponse(MentorSuggestions), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await suggestionsFor(deps, {
          actor: requireActor(c),
          personId: c.req.valid("param").id,
          skills: c.req.valid("query").skill,
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/people/{id}/mentoring-summary",
      tags,
      summary:
        "Counts of a person's mentoring (running as mentee and as mentor, sessions in 90 days, pending requests): never a topic",
      request: { params: IdParam },
      responses: { 200: jsonResponse(MentoringSummary), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await getMentoringSummary(deps, {
          actor: requireActor(c),
          personId: c.req.valid("param").id,
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/mentorships",
      tags,
      summary: "Your mentorships: as mentor, as mentee, and those you asked for someone else",
      responses: { 200: jsonResponse(MentorshipList), ...errorResponses },
    }),
    async (c) => c.json(await listMyMentorships(deps, { actor: requireActor(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/mentorships",
      tags,
      summary:
        "Ask a mentor for someone (yourself, your report, or as HR in scope); refused when the mentor has no free place",
      request: jsonBody(MentorshipRequestBody),
      responses: { 201: jsonResponse(MentorshipDetail, "Asked"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await requestMentorship(deps, { actor: requireActor(c), input: c.req.valid("json") }),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/mentorships/{id}",
      tags,
      summary:
        "One mentorship; its session log is listed to the mentor and the mentee only (the asker sees counts)",
      request: { params: IdParam },
      responses: { 200: jsonResponse(MentorshipDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await getMentorship(deps, { actor: requireActor(c), id: c.req.valid("param").id }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/mentorships/{id}/accept",
      tags,
      summary: "The mentor accepts; a linked goal resource becomes in use",
      request: { params: IdParam },
      responses: { 200: jsonResponse(MentorshipDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await respondToMentorship(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          answer: "accept",
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/mentorships/{id}/decline",
      tags,
      summary:
        "The mentor declines, optionally saying why; the asker is told to choose another mentor",
      request: { params: IdParam, ...jsonBody(DeclineBody) },
      responses: { 200: jsonResponse(MentorshipDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await respondToMentorship(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          answer: "decline",
          reason: c.req.valid("json").reason,
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/mentorships/{id}/end",
      tags,
      summary:
        "End a running mentorship (mentor or mentee), or withdraw a request not yet answered (asker or mentee)",
      request: { params: IdParam },
      responses: { 200: jsonResponse(MentorshipDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await endMentorship(deps, { actor: requireActor(c), id: c.req.valid("param").id }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/mentorships/{id}/sessions",
      tags,
      summary:
        "Log a session briefly (the day, a short topic); mentor and mentee only. The topic is encrypted",
      request: { params: IdParam, ...jsonBody(SessionBody) },
      responses: { 201: jsonResponse(MentorshipDetail, "Logged"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await logSession(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          input: c.req.valid("json"),
        }),
        201,
      ),
  );
}
