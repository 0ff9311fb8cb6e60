import { createRoute, z } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, IdParam, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import {
  addCommitment,
  addNote,
  addTalkingPoint,
  cancelMeeting,
  closeCommitment,
  deleteNote,
  getDeck,
  getMeeting,
  getSuggestions,
  holdMeeting,
  markDiscussed,
  removeTalkingPoint,
  rescheduleMeeting,
  updateNote,
} from "./oneonones.meetings.service.js";
import {
  CancelBody,
  Commitment,
  CommitmentBody,
  CommitmentStatusBody,
  CreateSeriesBody,
  MeetingDetail,
  Note,
  NoteBody,
  NoteEditBody,
  Question,
  Removed,
  RescheduleBody,
  SeriesDetail,
  SeriesList,
  Suggestions,
  TalkingPoint,
  TalkingPointBody,
  UpdateSeriesBody,
} from "./oneonones.schemas.js";
import { createSeries, getSeries, listSeries, updateSeries } from "./oneonones.service.js";

const tags = ["1:1s"];

const pathParam = (name: string) =>
  z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name, in: "path" } });
const MeetingParams = IdParam.extend({ meetingId: pathParam("meetingId") });
const PointParams = IdParam.extend({ pointId: pathParam("pointId") });
const MeetingPointParams = MeetingParams.extend({ pointId: pathParam("pointId") });
const NoteParams = IdParam.extend({ noteId: pathParam("noteId") });
const CommitmentParams = IdParam.extend({ commitmentId: pathParam("commitmentId") });

const base = "/api/v1/one-on-ones";
const meetingPath = `${base}/{id}/meetings/{meetingId}`;

export function registerOneOnOneRoutes(app: Router, deps: Deps) {
  // Before `/{id}`, which would otherwise take "deck" for an id.
  app.openapi(
    createRoute({
      method: "get",
      path: `${base}/deck`,
      tags,
      summary: "The question deck: every question with its coaching stage and theme",
      responses: {
        200: jsonResponse(z.object({ questions: z.array(Question) })),
        ...errorResponses,
      },
    }),
    (c) => {
      requireActor(c);
      return c.json(getDeck(), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: base,
      tags,
      summary:
        "Your 1:1 series: those you run as a manager and those you attend as a report, with the next meeting, the last held and open commitments",
      responses: { 200: jsonResponse(SeriesList), ...errorResponses },
    }),
    async (c) => c.json(await listSeries(deps, { actor: requireActor(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: base,
      tags,
      summary:
        "A manager sets up a 1:1 series with a direct report (one per pair); the next meetings are scheduled in the series' time zone",
      request: { ...jsonBody(CreateSeriesBody) },
      responses: {
        201: jsonResponse(SeriesDetail, "Set up"),
        403: errorResponses[404],
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(await createSeries(deps, { actor: requireActor(c), input: c.req.valid("json") }), 201),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: `${base}/{id}`,
      tags,
      summary:
        "A 1:1 series with its upcoming and past meetings, open agenda, commitments and both people's follow-through",
      request: { params: IdParam },
      responses: { 200: jsonResponse(SeriesDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(await getSeries(deps, { actor: requireActor(c), id: c.req.valid("param").id }), 200),
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: `${base}/{id}`,
      tags,
      summary:
        "The manager changes the cadence, day, time, length or time zone, or pauses or resumes the series (send the version you read)",
      request: { params: IdParam, ...jsonBody(UpdateSeriesBody) },
      responses: { 200: jsonResponse(SeriesDetail), ...errorResponses },
    }),
    async (c) => {
      const { version, ...patch } = c.req.valid("json");
      return c.json(
        await updateSeries(deps, {
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
      method: "get",
      path: meetingPath,
      tags,
      summary:
        "One meeting: its agenda (with points carried over), the notes you may read, and the commitments carried forward",
      request: { params: MeetingParams },
      responses: { 200: jsonResponse(MeetingDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(await getMeeting(deps, { actor: requireActor(c), ...c.req.valid("param") }), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: `${meetingPath}/hold`,
      tags,
      summary: "Mark a meeting held (either side; from 30 minutes before its start)",
      request: { params: MeetingParams },
      responses: { 200: jsonResponse(MeetingDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(await holdMeeting(deps, { actor: requireActor(c), ...c.req.valid("param") }), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: `${meetingPath}/cancel`,
      tags,
      summary: "Cancel a meeting with a reason (either side); kept and counted",
      request: { params: MeetingParams, ...jsonBody(CancelBody) },
      responses: { 200: jsonResponse(MeetingDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await cancelMeeting(deps, {
          actor: requireActor(c),
          ...c.req.valid("param"),
          reason: c.req.valid("json").reason,
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: `${meetingPath}/reschedule`,
      tags,
      summary:
        "Move a meeting to a new time (either side): answers the new meeting; the old one stays as rescheduled, pointing at it",
      request: { params: MeetingParams, ...jsonBody(RescheduleBody) },
      responses: { 200: jsonResponse(MeetingDetail), ...errorResponses },
    }),
    async (c) => {
      const body = c.req.valid("json");
      return c.json(
        await rescheduleMeeting(deps, {
          actor: requireActor(c),
          ...c.req.valid("param"),
          scheduledAt: new Date(body.scheduledAt),
          durationMinutes: body.durationMinutes,
        }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: `${meetingPath}/suggestions`,
      tags,
      summary:
        "A few deck questions for this meeting, fitting the relationship's stage and not asked recently",
      request: { params: MeetingParams },
      responses: { 200: jsonResponse(Suggestions), ...errorResponses },
    }),
    async (c) =>
      c.json(await getSuggestions(deps, { actor: requireActor(c), ...c.req.valid("param") }), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: `${meetingPath}/agenda`,
      tags,
      summary:
        "Add a talking point to a meeting's agenda: your words, or a question pulled from the deck (deckQuestionId)",
      request: { params: MeetingParams, ...jsonBody(TalkingPointBody) },
      responses: { 201: jsonResponse(TalkingPoint, "Added"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await addTalkingPoint(deps, {
          actor: requireActor(c),
          ...c.req.valid("param"),
          ...c.req.valid("json"),
        }),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: `${meetingPath}/agenda/{pointId}/discussed`,
      tags,
      summary: "Mark a talking point discussed in this meeting",
      request: { params: MeetingPointParams },
      responses: { 200: jsonResponse(TalkingPoint), ...errorResponses },
    }),
    async (c) =>
      c.json(await markDiscussed(deps, { actor: requireActor(c), ...c.req.valid("param") }), 200),
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: `${base}/{id}/agenda/{pointId}`,
      tags,
      summary: "Remove your own talking point, while it has not been discussed",
      request: { params: PointParams },
      responses: { 200: jsonResponse(Removed), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await removeTalkingPoint(deps, { actor: requireActor(c), ...c.req.valid("param") }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: `${meetingPath}/notes`,
      tags,
      summary:
        "Write a note on a meeting: shared (both of you read it) or private (you alone, ever); at most 20,000 characters",
      request: { params: MeetingParams, ...jsonBody(NoteBody) },
      responses: { 201: jsonResponse(Note, "Written"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await addNote(deps, {
          actor: requireActor(c),
          ...c.req.valid("param"),
          ...c.req.valid("json"),
        }),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: `${base}/{id}/notes/{noteId}`,
      tags,
      summary: "Edit your own note",
      request: { params: NoteParams, ...jsonBody(NoteEditBody) },
      responses: { 200: jsonResponse(Note), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await updateNote(deps, {
          actor: requireActor(c),
          ...c.req.valid("param"),
          body: c.req.valid("json").body,
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: `${base}/{id}/notes/{noteId}`,
      tags,
      summary: "Delete your own note",
      request: { params: NoteParams },
      responses: { 200: jsonResponse(Removed), ...errorResponses },
    }),
    async (c) =>
      c.json(await deleteNote(deps, { actor: requireActor(c), ...c.req.valid("param") }), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: `${base}/{id}/commitments`,
      tags,
      summary:
        "Write down a commitment (owner: either of you; due today or later), optionally made in a meeting",
      request: { params: IdParam, ...jsonBody(CommitmentBody) },
      responses: { 201: jsonResponse(Commitment, "Added"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await addCommitment(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          input: c.req.valid("json"),
        }),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: `${base}/{id}/commitments/{commitmentId}/status`,
      tags,
      summary: "Mark an open commitment done or dropped (its owner or the other side)",
      request: { params: CommitmentParams, ...jsonBody(CommitmentStatusBody) },
      responses: { 200: jsonResponse(Commitment), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await closeCommitment(deps, {
          actor: requireActor(c),
          ...c.req.valid("param"),
          status: c.req.valid("json").status,
        }),
        200,
      ),
  );
}
