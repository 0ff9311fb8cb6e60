import { and, eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { actorFor, makePlan, walkPlanTo } from "../../../test/factories.js";
import { makeCommitment, makeMeeting, makeSeries } from "../../../test/factories-calendar.js";
import { makeCoachingTeam, makeFeedback } from "../../../test/factories-feedback.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { extractPdfText, flatText } from "../../../test/pdf.js";
import { write } from "../../db/transaction.js";
import { concernMessages, concerns } from "../concerns/concerns.table.js";
import {
  applyToPlan,
  completeDiagnosis,
  saveDiagnosis,
  startDiagnosis,
} from "../diagnosis/diagnosis.service.js";
import { growthGoalResources, growthGoals } from "../growth/growth.table.js";
import { keyringFor } from "../keys/keys.service.js";
import { saveMentorProfile } from "../mentoring/mentoring.profiles.service.js";
import {
  logSession,
  requestMentorshipIn,
  respondToMentorship,
} from "../mentoring/mentoring.service.js";
import { addNote } from "../oneonones/oneonones.meetings.service.js";
import { recordEngagementTalk } from "../plans/plans.engagement.service.js";
import { addPrivateNote, transitionPlan } from "../plans/plans.service.js";
import { planGoals, planResources } from "../plans/plans.table.js";
import { type RecordSignature, verifyRecordCopy } from "./record.export.js";
import { canonicalJson } from "./record.rules.js";
import { sha256Hex, signingKeyOf } from "./record.signing.js";
import { auditEvents } from "./record.table.js";

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;
const team = await makeCoachingTeam(deps, app);
const { employee, manager, peer, hrIn, cookies } = team;

// Words that may reach the employee, and words that must never.
const SHARED_NOTE = "Shared: agreed to pair on the billing migration every Tuesday";
const OWN_PRIVATE_NOTE = "My own reminder: ask about the conference budget";
const MANAGER_PRIVATE_NOTE = "Private: I doubt this will work out";
const PLAN_PRIVATE_NOTE = "Plan note only for me: talked to legal";
const PROTECTED_NOTE = "Raised a grievance about workload in the February 1:1";
const CONCERN_SUBJECT = "My manager keeps cancelling our 1:1s";
const CONCERN_BODY = "Three cancellations in a row, and then the plan appeared.";
const CONCERN_REPLY = "Thank you for telling us. I will look into it this week.";
const PEERS_CONCERN = "Concern about a colleague's comments in stand-up";
const DRAFT_FEEDBACK = "draft words the manager has not shared yet";
// Enablement: a diagnosis, mentoring, engagement talks, a growth goal's resource.
const DIAGNOSIS_NOTE = "quokka-note: new to the reporting database, unsure about joins";
const DIAGNOSIS_ANSWER = "quokka-answer: pairing on the weekly report would help me";
const IN_PROGRESS_NOTE = "quokka-draft: still thinking about overload";
const MENTORING_TOPIC = "Building sql skills";
const SESSION_TOPIC = "quokka-session: window functions on the sales data";
const TALK = "quokka-talk: we talked about the missed check-ins; Eve was moving house";
const SEALED_TALK = "quokka-sealed-talk: agreed a later check-in time";
const GROWTH_RESOURCE = "Advanced SQL for analysts (quokka course)";
const ENABLEMENT_SECRETS = [
  DIAGNOSIS_NOTE,
  DIAGNOSIS_ANSWER,
  SESSION_TOPIC,
  TALK,
  SEALED_TALK,
  GROWTH_RESOURCE,
];

let planId = "";
let ownConcernId = "";
let sealedPlanId = "";
let draftPlanId = "";
let diagnosisId = "";
let draftDiagnosisId = "";
let mentorshipId = "";
let planResourceId = "";

beforeAll(async () => {
  // A success plan issued and running, with the manager's private note on it.
  const { plan } = await makePlan(deps, { employee, manager, hr: hrIn });
  planId = plan.id;
  await walkPlanTo(deps, plan.id, "active");
  // An earlier plan, running too until it closes below (before HR records anything about them).
  const earlier = await makePlan(deps, { employee, manager, hr: hrIn });
  sealedPlanId = earlier.plan.id;
  const running = await walkPlanTo(deps, earlier.plan.id, "active");
  await addPrivateNote(deps, {
    actor: await actorFor(deps, manager.id),
    id: plan.id,
    body: PLAN_PRIVATE_NOTE,
  });

  // A held 1:1 with a shared note, the manager's private note and the employee's own.
  const series = await makeSeries(deps, { managerId: manager.id, reportId: employee.id });
  const meeting = await makeMeeting(deps, {
    seriesId: series.id,
    scheduledAt: new Date("2026-02-24T10:00:00Z"),
    status: "held",
    heldAt: new Date("2026-02-24T10:30:00Z"),
  });
  const note = async (who: typeof manager, visibility: "shared" | "private", body: string) =>
    addNote(deps, {
      actor: await actorFor(deps, who.id),
      id: series.id,
      meetingId: meeting.id,
      visibility,
      body,
    });
  await note(manager, "shared", SHARED_NOTE);
  await note(manager, "private", MANAGER_PRIVATE_NOTE);
  await note(employee, "private", OWN_PRIVATE_NOTE);
  await makeCommitment(deps, {
    seriesId: series.id,
    meetingId: meeting.id,
    ownerId: employee.id,
    createdById: manager.id,
    dueOn: "2026-03-10",
  });

  // Feedback: one shared with the employee, one still a draft.
  await makeFeedback(deps, { giver: manager, recipient: employee });
  await makeFeedback(deps, {
    giver: manager,
    recipient: employee,
    visibility: "draft",
    behaviour: DRAFT_FEEDBACK,
  });

  // HR records a protected activity: HR's confidential record, not the employee's.
  const recorded = await send(app, `/api/v1/people/${employee.id}/protected-activities`, {
    cookie: cookies.hrIn,
    body: { kind: "grievance", occurredOn: "2026-02-20", note: PROTECTED_NOTE },
  });
  expect(recorded.status, await recorded.clone().text()).toBe(201);

  // The employee's own confidential thread with HR, and a peer's concern about the employee.
  await write(deps, async (w) => {
    const keys = await keyringFor(deps, w.tx);
    const [mine] = await w.tx
      .insert(concerns)
      .values({
        employeeId: employee.id,
        aboutPersonId: manager.id,
        subject: keys.seal("concerns.subject", CONCERN_SUBJECT),
        topic: "manager",
        createdAt: w.now,
        lastMessageAt: w.now,
      })
      .returning();
    await w.tx.insert(concernMessages).values([
      {
        concernId: mine!.id,
        authorId: employee.id,
        body: keys.seal("concern_messages.body", CONCERN_BODY),
        createdAt: w.now,
      },
      {
        concernId: mine!.id,
        authorId: hrIn.id,
        body: keys.seal("concern_messages.body", CONCERN_REPLY),
        createdAt: new Date(w.now.getTime() + 1000),
      },
    ]);
    const [theirs] = await w.tx
      .insert(concerns)
      .values({
        employeeId: peer.id,
        aboutPersonId: employee.id,
        subject: keys.seal("concerns.subject", PEERS_CONCERN),
        topic: "colleague",
        createdAt: w.now,
        lastMessageAt: w.now,
      })
      .returning();
    // As the confidential channel records them: neutral HR records, no person, no text.
    for (const c of [mine!, theirs!])
      await w.audit({
        actor: { kind: "system", label: "Confidential channel" },
        action: "concern.raised",
        subjectType: "hr_record",
        subjectId: c.id,
      });
    ownConcernId = mine!.id;
  });

  // Enablement. A diagnostic conversation with the employee, completed, with their answers.
  const managerActor = await actorFor(deps, manager.id);
  const employeeActor = await actorFor(deps, employee.id);
  const peerActor = await actorFor(deps, peer.id);
  const started = await startDiagnosis(deps, { actor: managerActor, personId: employee.id });
  diagnosisId = started.id;
  await saveDiagnosis(deps, {
    actor: managerActor,
    id: started.id,
    input: {
      version: started.version,
      causes: ["skill"],
      notes: { skill: { "skill.q2": DIAGNOSIS_NOTE } },
      skills: ["sql"],
      employeeConsent: true,
      employeeAnswers: { "skill.q5": DIAGNOSIS_ANSWER },
    },
  });
  await completeDiagnosis(deps, { actor: managerActor, id: started.id });
  // One still in progress: the runner's working notes, not the employee's yet.
  const open = await startDiagnosis(deps, { actor: managerActor, personId: employee.id });
  await saveDiagnosis(deps, {
    actor: managerActor,
    id: open.id,
    input: {
      version: open.version,
      causes: ["overload"],
      notes: { overload: { "overload.q1": IN_PROGRESS_NOTE } },
    },
  });
  // One completed for a plan still in draft, then applied to it: the draft is not theirs yet.
  const draft = await makePlan(deps, { employee, manager, hr: hrIn });
  draftPlanId = draft.plan.id;
  const forDraft = await startDiagnosis(deps, {
    actor: managerActor,
    personId: employee.id,
    planId: draft.plan.id,
  });
  draftDiagnosisId = forDraft.id;
  await saveDiagnosis(deps, {
    actor: managerActor,
    id: forDraft.id,
    input: { version: forDraft.version, causes: ["process"] },
  });
  await completeDiagnosis(deps, { actor: managerActor, id: forDraft.id });
  await applyToPlan(deps, {
    actor: managerActor,
    id: forDraft.id,
    planVersion: draft.plan.version,
  });

  // The manager asks the peer (outside the employee's chain) to mentor them, from the plan's
  // goal; the mentor accepts and the employee logs a session.
  await saveMentorProfile(deps, {
    actor: peerActor,
    personId: peer.id,
    input: { skills: ["sql"], capacity: 2, availability: "Thursdays", bio: "", active: true },
  });
  const [resource] = await db
    .select({ id: planResources.id })
    .from(planResources)
    .innerJoin(planGoals, eq(planGoals.id, planResources.goalId))
    .where(eq(planGoals.planId, planId));
  planResourceId = resource!.id;
  const asked = await write(deps, (w) =>
    requestMentorshipIn(deps, w, {
      actor: managerActor,
      mentorId: peer.id,
      menteeId: employee.id,
      topic: MENTORING_TOPIC,
      skills: ["sql"],
      planResourceId,
    }),
  );
  mentorshipId = asked.id;
  await respondToMentorship(deps, { actor: peerActor, id: asked.id, answer: "accept" });
  await logSession(deps, {
    actor: employeeActor,
    id: asked.id,
    input: { heldOn: deps.clock().toISOString().slice(0, 10), topic: SESSION_TOPIC },
  });

  // A conversation about engagement on the running plan.
  const today = deps.clock().toISOString().slice(0, 10);
  await recordEngagementTalk(deps, {
    actor: managerActor,
    planId,
    heldOn: today,
    summary: TALK,
    signals: [],
  });
  // The earlier plan closes with its goals met: sealed, its engagement summary frozen.
  await recordEngagementTalk(deps, {
    actor: managerActor,
    planId: sealedPlanId,
    heldOn: today,
    summary: SEALED_TALK,
    signals: [],
  });
  await transitionPlan(deps, {
    actor: managerActor,
    id: sealedPlanId,
    input: {
      action: "close",
      version: running.version,
      outcome: "goals_met",
      managerReflection: "Every goal was met.",
    },
  });

  // A growth goal of the employee's with a resource on it.
  await write(deps, async (w) => {
    const [goal] = await w.tx
      .insert(growthGoals)
      .values({
        personId: employee.id,
        createdById: manager.id,
        title: "Write the monthly report alone",
        createdAt: w.now,
        updatedAt: w.now,
      })
      .returning();
    await w.tx.insert(growthGoalResources).values({
      goalId: goal!.id,
      kind: "training",
      description: GROWTH_RESOURCE,
      createdById: manager.id,
      createdAt: w.now,
      updatedAt: w.now,
    });
    await w.audit({
      actor: managerActor,
      action: "growth_goal.created",
      subjectType: "growth_goal",
      subjectId: goal!.id,
    });
  });
});

// biome-ignore lint/suspicious/noExplicitAny: the record is read back as JSON, as a recipient would.
type Copy = { record: Record<string, any>; signature: RecordSignature };

async function exportJson(cookie = cookies.employee): Promise<Copy> {
  const res = await send(app, "/api/v1/me/record", { cookie });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

let zipOnce: ReturnType<typeof downloadZip> | null = null;
/** One download, read by the tests below (rendering the PDF takes a moment). */
const exportZip = () => {
  zipOnce ??= downloadZip();
  return zipOnce;
};

async function downloadZip() {
  const res = await send(app, "/api/v1/me/record.zip", { cookie: cookies.employee });
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/zip");
  expect(res.headers.get("content-disposition")).toMatch(
    /^attachment; filename="headway-record-eve-employee-\d+-2026-03-02\.zip"$/,
  );
  const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
  expect(Object.keys(files).sort()).toEqual(["record.json", "record.pdf", "signature.json"]);
  return {
    recordText: strFromU8(files["record.json"]!),
    signature: JSON.parse(strFromU8(files["signature.json"]!)) as RecordSignature,
    pdf: files["record.pdf"]!,
  };
}

describe("the employee's own record", () => {
  it("holds what the employee sees: the plan with every version, 1:1 shared notes, feedback, their HR thread", async () => {
    const { record } = await exportJson();
    expect(record.person).toMatchObject({
      id: employee.id,
      name: employee.name,
      email: employee.email,
    });
    // The running plan and the earlier one, sealed; never the draft.
    expect(record.plans.map((p: { plan: { id: string } }) => p.plan.id).sort()).toEqual(
      [planId, sealedPlanId].sort(),
    );
    const plan = record.plans.find((p: { plan: { id: string } }) => p.plan.id === planId);
    expect(plan.plan.id).toBe(planId);
    expect(plan.shownVersions.map((v: { number: number }) => v.number)).toEqual([1]);
    expect(plan.shownVersions[0].snapshot.goals[0].description).toBe(
      "Answer code reviews within two working days",
    );
    expect(plan.versions[0].acknowledgedAt).not.toBeNull();
    const text = JSON.stringify(record);
    expect(text).toContain(SHARED_NOTE);
    expect(text).toContain(OWN_PRIVATE_NOTE);
    expect(record.oneOnOnes[0].commitments).toHaveLength(1);
    expect(record.feedback.received).toHaveLength(1);
    expect(record.concerns).toEqual([
      expect.objectContaining({
        subject: CONCERN_SUBJECT,
        messages: [
          expect.objectContaining({ body: CONCERN_BODY }),
          expect.objectContaining({
            body: CONCERN_REPLY,
            author: { id: hrIn.id, name: hrIn.name },
          }),
        ],
      }),
    ]);
  });

  it("never holds the manager's private notes, a draft, HR's protected activity or someone else's concern", async () => {
    const { record } = await exportJson();
    const text = JSON.stringify(record);
    for (const secret of [
      MANAGER_PRIVATE_NOTE,
      PLAN_PRIVATE_NOTE,
      PROTECTED_NOTE,
      PEERS_CONCERN,
      DRAFT_FEEDBACK,
    ])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/grievance/i);
    const actions = record.auditEvents.map((e: { action: string }) => e.action);
    expect(actions).not.toContain("plan.private_note_added");
    // Of the neutral HR records, only the steps of the employee's own thread: not the protected
    // activity HR recorded, not the peer's concern.
    const hrRecords = record.auditEvents.filter(
      (e: { subjectType: string }) => e.subjectType === "hr_record",
    );
    expect(
      hrRecords.map((e: { action: string; subjectId: string }) => [e.action, e.subjectId]),
    ).toEqual([["concern.raised", ownConcernId]]);
    // The 1:1 note events show the shared note and the employee's own, not the manager's private one.
    const notes = record.auditEvents.filter(
      (e: { action: string }) => e.action === "oneonone.note_added",
    );
    expect(
      notes.map((e: { actorId: string; data: { visibility: string } }) => [
        e.actorId,
        e.data.visibility,
      ]),
    ).toEqual([
      [manager.id, "shared"],
      [employee.id, "private"],
    ]);
    // Drafting and HR's review came before the employee saw the plan.
    expect(actions).not.toContain("plan.submit");
    expect(actions).toEqual(
      expect.arrayContaining(["plan.issue", "plan.acknowledge", "plan.start"]),
    );
  });

  it("is an audit event, and names that event as its audit head", async () => {
    const { record } = await exportJson();
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.seq, record.auditHead.sequence)));
    expect(event).toMatchObject({
      action: "record.exported",
      subjectType: "person",
      subjectId: employee.id,
      actorId: employee.id,
      data: { format: "json" },
      hash: record.auditHead.hash,
    });
    expect(record.auditEvents.at(-1)).toMatchObject({ seq: event!.seq, action: "record.exported" });
    const history = await send(app, "/api/v1/me/record/exports", { cookie: cookies.employee });
    expect((await history.json()).items[0]).toEqual({
      at: event!.at.toISOString(),
      format: "json",
    });
  });

  it("cannot be exported by anyone else: manager, peer, HR and admin get 404", async () => {
    for (const who of ["manager", "peer", "hrIn", "admin", "skip"] as const)
      for (const path of [
        `/api/v1/people/${employee.id}/record-export`,
        `/api/v1/people/${employee.id}/record-export.zip`,
      ]) {
        const res = await send(app, path, { cookie: cookies[who] });
        expect(res.status, `${who} ${path}`).toBe(404);
        expect((await res.json()).error.code).toBe("record.not_found");
      }
    expect(
      (await send(app, "/api/v1/people/not-a-person/record-export", { cookie: cookies.employee }))
        .status,
    ).toBe(404);
    const own = await send(app, `/api/v1/people/${employee.id}/record-export`, {
      cookie: cookies.employee,
    });
    expect(own.status).toBe(200);
    expect((await own.json()).record.person.id).toBe(employee.id);
    expect((await send(app, "/api/v1/me/record")).status).toBe(401);
    const refused = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "record.exported"), eq(auditEvents.subjectId, employee.id)),
      );
    expect(refused.every((e) => e.actorId === employee.id)).toBe(true);
  });
});

describe("enablement in the employee's record", () => {
  it("holds the completed diagnostic conversation, decrypted: causes, skills, the manager's notes and their own answers", async () => {
    const { record } = await exportJson();
    expect(record.diagnoses.map((d: { id: string }) => d.id)).toEqual([
      diagnosisId,
      draftDiagnosisId,
    ]);
    expect(record.diagnoses[0]).toMatchObject({
      status: "completed",
      employee: { id: employee.id },
      manager: { id: manager.id, name: manager.name },
      causes: ["skill"],
      skills: ["sql"],
      notes: { skill: { "skill.q2": DIAGNOSIS_NOTE } },
      employeeConsent: true,
      employeeAnswers: { "skill.q5": DIAGNOSIS_ANSWER },
    });
    expect(record.diagnoses[0]).not.toHaveProperty("abilities");
    const diagnosisEvents = record.auditEvents
      .filter((e: { subjectId: string }) => e.subjectId === diagnosisId)
      .map((e: { action: string }) => e.action);
    // From its completion: the drafting was the manager's.
    expect(diagnosisEvents[0]).toBe("diagnosis.completed");
    expect(diagnosisEvents).not.toContain("diagnosis.saved");
  });

  it("never holds a conversation still in progress, nor the draft plan a conversation informs", async () => {
    const { record } = await exportJson();
    const text = JSON.stringify(record);
    expect(text).not.toContain(IN_PROGRESS_NOTE);
    expect(text).not.toContain(draftPlanId);
    expect(record.diagnoses[1]).toMatchObject({ id: draftDiagnosisId, planId: null });
    const actions = record.auditEvents
      .filter((e: { subjectId: string }) => e.subjectId === draftDiagnosisId)
      .map((e: { action: string }) => e.action);
    expect(actions).toContain("diagnosis.completed");
    expect(actions).not.toContain("diagnosis.applied");
  });

  it("holds their mentoring as mentee with the session log, decrypted", async () => {
    const { record } = await exportJson();
    expect(record.mentoring.asMentor).toEqual([]);
    expect(record.mentoring.asMentee).toEqual([
      expect.objectContaining({
        id: mentorshipId,
        mentor: expect.objectContaining({ id: peer.id, name: peer.name }),
        requestedBy: expect.objectContaining({ id: manager.id }),
        topic: MENTORING_TOPIC,
        status: "active",
        respondedAt: expect.any(String),
        sessions: [expect.objectContaining({ topic: SESSION_TOPIC })],
      }),
    ]);
    const actions = record.auditEvents
      .filter((e: { subjectId: string }) => e.subjectId === mentorshipId)
      .map((e: { action: string }) => e.action);
    expect(actions).toEqual([
      "mentorship.requested",
      "mentorship.accepted",
      "mentorship.session_logged",
    ]);
  });

  it("holds the conversations about engagement on their plans, the summary frozen at close, and the growth goal's resources", async () => {
    const { record } = await exportJson();
    const byId = (id: string) =>
      record.plans.find((p: { plan: { id: string } }) => p.plan.id === id);
    const running = byId(planId);
    expect(running.engagement.talks).toEqual([
      expect.objectContaining({ summary: TALK, author: { id: manager.id, name: manager.name } }),
    ]);
    expect(running.engagement.summary).toBeNull();
    const sealed = byId(sealedPlanId);
    expect(sealed.plan).toMatchObject({ status: "closed", outcome: "goals_met", sealed: true });
    expect(sealed.engagement.summary.talks).toEqual([
      expect.objectContaining({ summary: SEALED_TALK }),
    ]);
    expect(sealed.engagement.summary.support).toBeDefined();
    const goal = record.growthGoals.find(
      (g: { title: string }) => g.title === "Write the monthly report alone",
    );
    expect(goal.resources).toEqual([
      expect.objectContaining({ description: GROWTH_RESOURCE, kind: "training" }),
    ]);
  });

  it("the mentor's own record holds the mentorship and its sessions, but not the plan goal it serves", async () => {
    const { record } = await exportJson(cookies.peer);
    expect(record.mentoring.asMentee).toEqual([]);
    expect(record.mentoring.asMentor).toEqual([
      expect.objectContaining({
        id: mentorshipId,
        mentee: expect.objectContaining({ id: employee.id }),
        topic: MENTORING_TOPIC,
        sessions: [expect.objectContaining({ topic: SESSION_TOPIC })],
      }),
    ]);
    const text = JSON.stringify(record);
    expect(text).not.toContain(planResourceId);
    expect(text).not.toContain(planId);
    expect(text).not.toMatch(/planResourceId|growthResourceId/);
    for (const secret of [DIAGNOSIS_NOTE, DIAGNOSIS_ANSWER, TALK, SEALED_TALK, GROWTH_RESOURCE])
      expect(text).not.toContain(secret);
    expect(
      record.auditEvents.filter((e: { subjectId: string }) => e.subjectId === mentorshipId),
    ).toHaveLength(3);
  });

  it("a third person's record holds none of it, nor does the record of the manager who ran it all", async () => {
    for (const who of ["outsider", "manager", "hrIn"] as const) {
      const { record } = await exportJson(cookies[who]);
      const text = JSON.stringify(record);
      for (const secret of [...ENABLEMENT_SECRETS, IN_PROGRESS_NOTE])
        expect(text, `${who}: ${secret}`).not.toContain(secret);
      for (const id of [diagnosisId, draftDiagnosisId, mentorshipId, sealedPlanId])
        expect(text, `${who}: ${id}`).not.toContain(id);
      expect(record.diagnoses).toEqual([]);
      expect(record.mentoring).toEqual({ asMentee: [], asMentor: [] });
    }
  });
});

describe("the download and its signature", () => {
  it("signs record.json, record.pdf and the audit head together, and the copy verifies", async () => {
    const { recordText, signature, pdf } = await exportZip();
    const record = JSON.parse(recordText);
    const key = signingKeyOf(deps.config.signingKeyPem);
    expect(signature).toMatchObject({
      keyId: key.keyId,
      publicKey: key.publicKeyPem,
      signed: {
        personId: employee.id,
        auditHead: record.auditHead,
        recordSha256: sha256Hex(canonicalJson(record)),
        pdfSha256: sha256Hex(pdf),
      },
    });
    expect(await verifyRecordCopy(deps, { record, signature, pdf })).toEqual({
      ok: true,
      message: expect.stringMatching(
        /^ok: record\.json and record\.pdf signed .* still holds its audit head/,
      ),
    });
  });

  it("fails when one byte of record.json or record.pdf changed", async () => {
    const { recordText, signature, pdf } = await exportZip();
    const at = recordText.indexOf(SHARED_NOTE) + 8;
    const edited =
      recordText.slice(0, at) + (recordText[at] === "X" ? "Y" : "X") + recordText.slice(at + 1);
    expect(await verifyRecordCopy(deps, { record: JSON.parse(edited), signature, pdf })).toEqual({
      ok: false,
      problems: ["record.json was changed after it was signed: its SHA-256 does not match"],
    });
    const pdfEdited = new Uint8Array(pdf);
    const at2 = pdfEdited.length - 20;
    pdfEdited[at2] = pdfEdited[at2]! ^ 1;
    expect(
      await verifyRecordCopy(deps, { record: JSON.parse(recordText), signature, pdf: pdfEdited }),
    ).toEqual({
      ok: false,
      problems: ["record.pdf was changed after it was signed: its SHA-256 does not match"],
    });
    const forged = {
      ...signature,
      signed: { ...signature.signed, recordSha256: sha256Hex(edited) },
    };
    expect(
      (await verifyRecordCopy(deps, { record: JSON.parse(edited), signature: forged })).ok,
    ).toBe(false);
  });

  it("the PDF shows the audit head and the key on its first page, the shared note, and no private note", async () => {
    const { recordText, signature, pdf } = await exportZip();
    const record = JSON.parse(recordText);
    const pages = (await extractPdfText(pdf)).split("\f");
    const first = flatText(pages[0]!);
    expect(first).toContain(`Headway record — ${employee.name}`);
    expect(first).toContain(`Event ${record.auditHead.sequence}, hash ${record.auditHead.hash}`);
    expect(first).toContain(signature.signed.recordSha256);
    expect(first).toContain(signature.keyId);
    const all = flatText(pages.join(" "));
    expect(all).toContain(SHARED_NOTE);
    expect(all).toContain("Answer code reviews within two working days");
    expect(all).toContain(CONCERN_SUBJECT);
    // Enablement: the diagnosis, the session log, both conversations, the growth goal's resource.
    for (const words of ENABLEMENT_SECRETS) expect(all).toContain(words);
    expect(all).toContain("Support and engagement");
    expect(all).toContain("Diagnostic conversations");
    expect(all).toContain("Mentoring");
    for (const secret of [
      MANAGER_PRIVATE_NOTE,
      PLAN_PRIVATE_NOTE,
      PROTECTED_NOTE,
      PEERS_CONCERN,
      IN_PROGRESS_NOTE,
    ])
      expect(all).not.toContain(secret);
  });

  it("is checked over the API for whoever receives a copy", async () => {
    const copy = await exportJson();
    const ok = await send(app, "/api/v1/record/verify-export", {
      cookie: cookies.hrIn,
      body: copy,
    });
    expect(await ok.json()).toMatchObject({ ok: true });
    const changed = {
      ...copy,
      record: { ...copy.record, generatedAt: "2020-01-01T00:00:00.000Z" },
    };
    const bad = await send(app, "/api/v1/record/verify-export", {
      cookie: cookies.hrIn,
      body: changed,
    });
    expect(bad.status).toBe(200);
    expect(await bad.json()).toEqual({
      ok: false,
      problems: ["record.json was changed after it was signed: its SHA-256 does not match"],
    });
    const garbage = await send(app, "/api/v1/record/verify-export", {
      cookie: cookies.hrIn,
      body: { record: {}, signature: { nope: true } },
    });
    expect(await garbage.json()).toEqual({
      ok: false,
      problems: ["signature.json is not a Headway record signature"],
    });
  });

  it("publishes the public key and its fingerprint to anyone", async () => {
    const res = await send(app, "/api/v1/record/signing-key");
    expect(res.status).toBe(200);
    const key = signingKeyOf(deps.config.signingKeyPem);
    expect(await res.json()).toEqual({
      algorithm: "Ed25519",
      publicKey: key.publicKeyPem,
      fingerprint: key.fingerprint,
      keyId: key.fingerprint.slice(0, 16),
    });
  });
});
