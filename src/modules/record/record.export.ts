import { and, asc, desc, eq, inArray, lte } from "drizzle-orm";
import { z } from "zod";
import { can } from "../../access/access.policy.js";
import { notFound } from "../../api/errors.js";
import type { DbOrTx } from "../../db/client.js";
import { write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { PersonActor } from "../auth/auth.service.js";
import { concernMessages, concerns } from "../concerns/concerns.table.js";
import { findDiagnosisById } from "../diagnosis/diagnosis.repository.js";
import { listDiagnoses, readDiagnosis } from "../diagnosis/diagnosis.service.js";
import {
  getFeedback,
  listFeedbackAbout,
  listFeedbackGiven,
  listRequests,
} from "../feedback/feedback.service.js";
import { listDiscussions } from "../growth/growth.discussions.service.js";
import { getGoal, listGoals } from "../growth/growth.goals.service.js";
import { listOnboardingPlans } from "../growth/growth.onboarding.service.js";
import { getCoachingProfile } from "../growth/growth.profile.service.js";
import { keyringFor } from "../keys/keys.service.js";
import { getMentorship, listMyMentorships } from "../mentoring/mentoring.service.js";
import { getMeeting } from "../oneonones/oneonones.meetings.service.js";
import { getSeries, listSeries, SERIES_SUBJECT } from "../oneonones/oneonones.service.js";
import { findPeopleByIds, findPersonById, isUuid } from "../org/org.repository.js";
import { getPersonPage, personResource } from "../org/org.service.js";
import { people } from "../org/org.table.js";
import { engagementCodes, talkSignals } from "../plans/plans.engagement.rules.js";
import {
  type EngagementSummary,
  findEngagementSummary,
} from "../plans/plans.engagement.service.js";
import {
  getPlanVersion,
  listPlans,
  type PlanDetail,
  readPlanDetail,
} from "../plans/plans.service.js";
import { planEngagementTalks } from "../plans/plans.table.js";
import { type CheckResult, checkLogExtends } from "./record.checkpoint.js";
import { renderRecordPdf } from "./record.export.pdf.js";
import { canonicalJson } from "./record.rules.js";
import { findLastEvent, verifyAuditTrail } from "./record.service.js";
import {
  publicKeyOf,
  sha256Hex,
  signingKeyOf,
  signPayload,
  verifyPayload,
} from "./record.signing.js";
import { auditEvents } from "./record.table.js";

// The employee's own record: everything Headway holds about them that they may see, gathered
// through the same services and presenters the app uses for them (so the copy shows exactly what
// the app shows), as JSON and a PDF, with the audit chain's head and an Ed25519 signature so the
// copy can later be checked against the system. What the services hide from the employee (the
// manager's private notes, HR's review, protected activities) has no way in.

export const RECORD_FORMAT = "headway.record/1";
export const SIGNATURE_FORMAT = "headway.record-signature/1";

/** Fields that drive buttons in the app, not facts about the person: left out of the record. */
function withoutUi<T extends Record<string, unknown>>(value: T) {
  const { abilities: _a, allowedActions: _b, problems: _c, canRemove: _d, ...rest } = value;
  return rest as Omit<T, "abilities" | "allowedActions" | "problems" | "canRemove">;
}

// ---------- gathering ----------

/**
 * The conversations about engagement recorded on the person's plans: on the record both sides
 * see (plans.engagement), so theirs to keep.
 */
async function findEngagementTalks(db: DbOrTx, planId: string) {
  const rows = await db
    .select({ t: planEngagementTalks, authorName: people.name })
    .from(planEngagementTalks)
    .innerJoin(people, eq(people.id, planEngagementTalks.authorId))
    .where(eq(planEngagementTalks.planId, planId))
    .orderBy(asc(planEngagementTalks.heldOn), asc(planEngagementTalks.createdAt));
  return rows.map(({ t, authorName }) => ({
    id: t.id,
    heldOn: t.heldOn,
    summary: t.summary,
    signals: talkSignals(t.signals).map((code) => ({ code, title: engagementCodes[code].title })),
    author: { id: t.authorId, name: authorName },
    createdAt: t.createdAt.toISOString(),
  }));
}

/**
 * The plans issued to the person, each as the app shows it to them, with every version, the
 * conversations about engagement and, once closed, the summary frozen at close. A sealed plan is
 * still theirs: it stays in their record.
 */
async function gatherPlans(deps: Deps, actor: PersonActor) {
  const db = deps.database.db;
  const { items } = await listPlans(deps, { actor, scope: "mine" });
  const plans = [];
  const details: PlanDetail[] = [];
  for (const item of items) {
    const detail = await readPlanDetail(deps, { actor, id: item.id });
    const versions = [];
    for (const v of detail.versions)
      versions.push(await getPlanVersion(deps, { actor, id: item.id, number: v.number }));
    // HR's review, overrides and private notes are already empty for the employee; dropped so
    // the record does not even carry their names.
    const { reviews: _r, overrides: _o, privateNotes: _p, ...shown } = withoutUi(detail);
    const engagement = {
      talks: await findEngagementTalks(db, item.id),
      summary: (await findEngagementSummary(db, item.id)) as EngagementSummary | null,
    };
    plans.push({ ...shown, shownVersions: versions, engagement });
    details.push(detail);
  }
  return { plans, details };
}

async function gatherOneOnOnes(deps: Deps, actor: PersonActor) {
  const { asReport } = await listSeries(deps, { actor });
  const out = [];
  for (const s of asReport) {
    const detail = await getSeries(deps, { actor, id: s.id });
    const meetings = [];
    for (const m of [...detail.past].reverse().concat(detail.upcoming)) {
      const md = await getMeeting(deps, { actor, id: s.id, meetingId: m.id });
      meetings.push({
        meeting: md.meeting,
        agenda: md.agenda.map(withoutUi),
        // Shared notes, and the employee's own private ones: the manager's never reach them.
        notes: md.notes,
        commitments: md.commitments,
      });
    }
    out.push({
      series: detail.series,
      manager: detail.manager,
      report: detail.report,
      meetings,
      openAgenda: detail.agenda.map(withoutUi),
      commitments: detail.commitments,
      followThrough: detail.followThrough,
    });
  }
  return out;
}

async function gatherFeedback(deps: Deps, actor: PersonActor) {
  const about = await listFeedbackAbout(deps, { actor });
  const received = [];
  for (const item of about.items.filter(
    (f) => f.recipient.id === actor.personId && f.visibility === "shared",
  ))
    received.push(withoutUi(await getFeedback(deps, { actor, id: item.id })));
  const given = [];
  for (const item of (await listFeedbackGiven(deps, { actor })).items)
    given.push(withoutUi(await getFeedback(deps, { actor, id: item.id })));
  const requests = await listRequests(deps, { actor });
  return { received, given, requests };
}

async function gatherGrowth(deps: Deps, actor: PersonActor) {
  const personId = actor.personId;
  const profile = withoutUi(await getCoachingProfile(deps, { actor, personId }));
  const goals = [];
  for (const g of (await listGoals(deps, { actor, personId })).items)
    goals.push(withoutUi(await getGoal(deps, { actor, id: g.id })));
  const onboarding = (await listOnboardingPlans(deps, { actor, personId })).items.map(withoutUi);
  const discussions = (await listDiscussions(deps, { actor, personId })).items.map((d) => {
    const { hints: _h, ...rest } = withoutUi(d);
    return rest;
  });
  return { profile, goals, onboarding, discussions };
}

/** The employee's own confidential threads with HR, decrypted for them. */
async function gatherConcerns(deps: Deps, actor: PersonActor) {
  const db = deps.database.db;
  const rows = await db
    .select()
    .from(concerns)
    .where(eq(concerns.employeeId, actor.personId))
    .orderBy(asc(concerns.createdAt));
  if (!rows.length) return [];
  const messages = await db
    .select()
    .from(concernMessages)
    .where(
      inArray(
        concernMessages.concernId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(concernMessages.createdAt), asc(concernMessages.id));
  const keys = await keyringFor(deps);
  const names = new Map(
    (await findPeopleByIds(db, [...new Set(messages.map((m) => m.authorId))])).map((p) => [
      p.id,
      p.name,
    ]),
  );
  return rows.map((r) => ({
    id: r.id,
    subject: keys.open("concerns.subject", r.subject),
    topic: r.topic,
    planId: r.planId,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
    messages: messages
      .filter((m) => m.concernId === r.id)
      .map((m) => ({
        id: m.id,
        author: { id: m.authorId, name: names.get(m.authorId) ?? "Someone" },
        body: keys.open("concern_messages.body", m.body),
        createdAt: m.createdAt.toISOString(),
      })),
  }));
}

/**
 * The diagnostic conversations held with the person, once completed (when the app shows them to
 * them): causes, skills, what the manager recorded and their own answers, decrypted. A plan it
 * informs is named only when the person can see that plan: a draft is not theirs yet.
 */
async function gatherDiagnoses(
  deps: Deps,
  actor: PersonActor,
  visiblePlanIds: ReadonlySet<string>,
) {
  const { items } = await listDiagnoses(deps, { actor, personId: actor.personId });
  const shown = [];
  /** Diagnoses informing a plan the person does not see (yet). */
  const draftPlanOf = new Set<string>();
  for (const item of items) {
    if (item.status !== "completed" || item.employee.id !== actor.personId) continue;
    const {
      viewer: _v,
      plan: _p,
      ...detail
    } = withoutUi(await readDiagnosis(deps, { actor, id: item.id }));
    // The presented diagnosis never names a plan to the employee; the row says which it informs.
    const planId = (await findDiagnosisById(deps.database.db, item.id))?.planId ?? null;
    const planSeen = planId !== null && visiblePlanIds.has(planId);
    if (planId && !planSeen) draftPlanOf.add(detail.id);
    shown.push({ ...detail, planId: planSeen ? planId : null });
  }
  // Oldest first, like the rest of the record.
  shown.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { items: shown, draftPlanOf };
}

/**
 * Mentoring the person is in, as mentee and as mentor: the people, the topic, the status and
 * dates, and the session log (decrypted), which is the two's alone. Requests they made for
 * someone else are that person's.
 */
async function gatherMentoring(deps: Deps, actor: PersonActor) {
  const { asMentee, asMentor } = await listMyMentorships(deps, { actor });
  const detail = async (id: string) => withoutUi(await getMentorship(deps, { actor, id }));
  const mentee = [];
  for (const m of asMentee) mentee.push(await detail(m.id));
  const mentor = [];
  for (const m of asMentor) if (m.mentee.id !== actor.personId) mentor.push(await detail(m.id));
  return { asMentee: mentee, asMentor: mentor };
}

// ---------- the audit events about the person ----------

type AuditRow = typeof auditEvents.$inferSelect;

/**
 * A subject of the record and when the person could first see it: from the first of its events
 * that `opensWith` matches (a plan's issue, a discussion's sharing), else from `from`, else always.
 */
export type RecordSubject = {
  type: string;
  id: string;
  from: Date | null;
  opensWith?: (event: Pick<AuditRow, "action" | "data">) => boolean;
  /** Only these actions of the subject (a neutral HR record shared by several kinds of event). */
  actions?: RegExp;
  /**
   * Keys left out of these events' data: ids that would name something the person may not see
   * (the plan goal a mentorship serves, for the mentor; a draft plan a diagnosis informs).
   */
  hideData?: string[];
};

/** Actions never shown in a person's own record, whatever their subject. */
const neverShown = [
  // A protected activity or an override built on one: HR's record, not the employee's.
  /^hr\./,
  /protected_activit/,
  /legal_hold/,
  // The manager's private notes on a plan, and HR's review of a draft.
  /^plan\.private_note/,
  /^plan\.finding_overridden$/,
  /^plan\.review_/,
];

/**
 * The audit events about the person: about them, or about a record of theirs that they may see,
 * from the moment they could see it (a plan from its issue, shared feedback from its sharing).
 * Someone else's private 1:1 note leaves no trace, and a concern's steps show only on the
 * employee's own thread. Pure: the caller loads the rows, in sequence order.
 */
export function eventsForRecord(
  rows: AuditRow[],
  { personId, subjects }: { personId: string; subjects: RecordSubject[] },
) {
  const byKey = new Map<string, RecordSubject>();
  for (const s of subjects) byKey.set(`${s.type}:${s.id}`, s);
  byKey.set(`person:${personId}`, { type: "person", id: personId, from: null });
  // Where each subject opens: the sequence number of its opening event.
  const opensAt = new Map<string, number>();
  for (const e of rows) {
    const key = `${e.subjectType}:${e.subjectId}`;
    const s = byKey.get(key);
    if (s?.opensWith && !opensAt.has(key) && s.opensWith(e)) opensAt.set(key, e.seq);
  }
  const shown = rows.filter((e) => {
    const key = `${e.subjectType}:${e.subjectId}`;
    const s = byKey.get(key);
    if (!s) return false;
    const opening = opensAt.get(key);
    if (opening !== undefined) {
      if (e.seq < opening) return false;
    } else if (s.from && e.at.getTime() < s.from.getTime()) return false;
    if (neverShown.some((re) => re.test(e.action))) return false;
    if (s.actions && !s.actions.test(e.action)) return false;
    const byThem = e.actorId === personId;
    if (e.data?.visibility === "private" && !byThem) return false;
    // A concern about this person raised by someone else is that person's, not theirs.
    if (e.subjectType === "person" && e.action.startsWith("concern.") && !byThem) return false;
    return true;
  });
  return shown.map((e) => {
    const hide = byKey.get(`${e.subjectType}:${e.subjectId}`)?.hideData;
    if (!hide?.some((k) => k in e.data)) return e;
    const data = Object.fromEntries(Object.entries(e.data).filter(([k]) => !hide.includes(k)));
    return { ...e, data };
  });
}

async function gatherAuditEvents(
  db: DbOrTx,
  { personId, subjects, upTo }: { personId: string; subjects: RecordSubject[]; upTo: number },
) {
  const ids = [personId, ...new Set(subjects.map((s) => s.id))];
  const rows: AuditRow[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    rows.push(
      ...(await db
        .select()
        .from(auditEvents)
        .where(
          and(inArray(auditEvents.subjectId, ids.slice(i, i + 500)), lte(auditEvents.seq, upTo)),
        )
        .orderBy(asc(auditEvents.seq))),
    );
  }
  rows.sort((a, b) => a.seq - b.seq);
  return eventsForRecord(rows, { personId, subjects }).map((e) => ({
    seq: e.seq,
    at: e.at.toISOString(),
    actor: e.actorLabel,
    actorId: e.actorId,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    data: e.data,
    hash: e.hash,
  }));
}

// ---------- the record ----------

async function gatherSections(deps: Deps, actor: PersonActor) {
  const page = await getPersonPage(deps, { actor, id: actor.personId });
  const { plans, details: planDetails } = await gatherPlans(deps, actor);
  const oneOnOnes = await gatherOneOnOnes(deps, actor);
  const feedback = await gatherFeedback(deps, actor);
  const growth = await gatherGrowth(deps, actor);
  const concernThreads = await gatherConcerns(deps, actor);
  const diagnoses = await gatherDiagnoses(deps, actor, new Set(plans.map((p) => p.plan.id)));
  const mentoring = await gatherMentoring(deps, actor);
  const at = (iso: string | null | undefined) => (iso ? new Date(iso) : null);
  const subjects: RecordSubject[] = [
    ...plans.map((p) => ({
      type: "plan",
      id: p.plan.id,
      // Drafting and HR's review happen before the employee sees the plan.
      from: at(p.versions.find((v) => v.number === 1)?.createdAt ?? p.plan.issuedAt),
      opensWith: (e: { action: string }) => e.action === "plan.issue",
    })),
    ...oneOnOnes.flatMap((s) => [
      { type: SERIES_SUBJECT, id: s.series.id, from: null },
      ...s.commitments.map((c) => ({ type: "commitment", id: c.id, from: null })),
    ]),
    ...feedback.received.map((f) => ({
      type: "feedback",
      id: f.id,
      from: at(f.sharedAt),
      opensWith: (e: { data: Record<string, unknown> }) => e.data.visibility === "shared",
    })),
    ...feedback.given.map((f) => ({ type: "feedback", id: f.id, from: null })),
    ...[...feedback.requests.incoming, ...feedback.requests.outgoing].map((r) => ({
      type: "feedback_request",
      id: r.id,
      from: null,
    })),
    ...growth.goals.map((g) => ({ type: "growth_goal", id: g.id, from: null })),
    ...growth.onboarding.map((o) => ({ type: "onboarding_plan", id: o.id, from: null })),
    ...growth.discussions.map((d) => ({
      type: "discussion",
      id: d.id,
      from: at(d.sharedAt),
      opensWith: (e: { action: string }) => e.action === "discussion.shared",
    })),
    // A concern's events are neutral HR records (no person, no text): the employee's own
    // thread's steps are theirs to see; anything else kept under that record is HR's.
    ...concernThreads.map((c) => ({
      type: "hr_record",
      id: c.id,
      from: null,
      actions: /^concern\./,
    })),
    // A diagnosis is theirs to read once completed, like the app; drafting it is the runner's.
    // A draft plan it informs is left out: not the applying to it, not its id.
    ...diagnoses.items.map((d) => ({
      type: "diagnosis",
      id: d.id,
      from: at(d.completedAt),
      opensWith: (e: { action: string }) => e.action === "diagnosis.completed",
      ...(diagnoses.draftPlanOf.has(d.id)
        ? { actions: /^diagnosis\.(?!applied$)/, hideData: ["planId"] }
        : {}),
    })),
    ...mentoring.asMentee.map((m) => ({ type: "mentorship", id: m.id, from: null })),
    // The mentor learns of no plan or goal through a mentorship (mentoring.service).
    ...mentoring.asMentor.map((m) => ({
      type: "mentorship",
      id: m.id,
      from: null,
      hideData: ["planResourceId", "growthResourceId"],
    })),
  ];
  return {
    person: {
      ...page.person,
      manager: page.manager ? { id: page.manager.id, name: page.manager.name } : null,
      record: page.record,
      demographics: page.demographics,
    },
    sections: {
      plans,
      oneOnOnes,
      feedback,
      coachingProfile: growth.profile,
      growthGoals: growth.goals,
      onboardingPlans: growth.onboarding,
      discussions: growth.discussions,
      concerns: concernThreads,
      diagnoses: diagnoses.items,
      mentoring,
    },
    subjects,
    planDetails,
  };
}

/** The record as record.json holds it: `{ person, generatedAt, auditHead, …sections }`. */
function assembleRecord({
  gathered,
  generatedAt,
  head,
  keyId,
  events,
}: {
  gathered: Awaited<ReturnType<typeof gatherSections>>;
  generatedAt: string;
  head: { seq: number; hash: string };
  keyId: string;
  events: Awaited<ReturnType<typeof gatherAuditEvents>>;
}) {
  return {
    format: RECORD_FORMAT,
    person: gathered.person,
    generatedAt,
    auditHead: { sequence: head.seq, hash: head.hash },
    signingKeyId: keyId,
    ...gathered.sections,
    auditEvents: events,
  };
}

export type PersonRecord = ReturnType<typeof assembleRecord>;

export type RecordSignature = {
  signed: {
    kind: "headway.record_export";
    personId: string;
    generatedAt: string;
    auditHead: { sequence: number; hash: string };
    /** SHA-256 of the canonical JSON of the record. */
    recordSha256: string;
    /** SHA-256 of record.pdf; null for a copy made without one. */
    pdfSha256: string | null;
  };
  /** Ed25519 over the canonical JSON of `signed`, base64. */
  signature: string;
  publicKey: string;
  keyId: string;
  format: typeof SIGNATURE_FORMAT;
};

/**
 * Makes the person's record: gathers it, records `record.exported` (whose event becomes the
 * record's audit head), adds the audit events about them up to that head, renders the PDF when
 * asked, and signs it all. Only the person themselves: anyone else gets the 404 of a missing one.
 */
export async function exportRecord(
  deps: Deps,
  { actor, personId, format }: { actor: PersonActor; personId: string; format: "json" | "zip" },
) {
  const db = deps.database.db;
  const person = isUuid(personId) ? await findPersonById(db, personId) : null;
  if (!person || !can(actor, "record.export", await personResource(db, person)))
    throw notFound("record");
  const gathered = await gatherSections(deps, actor);
  const { head, generatedAt } = await write(deps, async (w) => {
    await w.audit({
      actor,
      action: "record.exported",
      subjectType: "person",
      subjectId: person.id,
      data: { format },
    });
    // The log's lock is held until commit: the newest event is the one just written.
    return { head: await findLastEvent(w.tx), generatedAt: w.now.toISOString() };
  });
  const events = await gatherAuditEvents(db, {
    personId: person.id,
    subjects: gathered.subjects,
    upTo: head.seq,
  });
  const key = signingKeyOf(deps.config.signingKeyPem);
  const record = assembleRecord({ gathered, generatedAt, head, keyId: key.keyId, events });
  const recordSha256 = sha256Hex(canonicalJson(record));
  const pdf =
    format === "zip"
      ? await renderRecordPdf(record, gathered.planDetails, {
          recordSha256,
          keyId: key.keyId,
          fingerprint: key.fingerprint,
        })
      : null;
  const signed: RecordSignature["signed"] = {
    kind: "headway.record_export",
    personId: person.id,
    generatedAt,
    auditHead: record.auditHead,
    recordSha256,
    pdfSha256: pdf ? sha256Hex(pdf) : null,
  };
  const signature: RecordSignature = {
    format: SIGNATURE_FORMAT,
    signed,
    signature: signPayload(key, signed),
    publicKey: key.publicKeyPem,
    keyId: key.keyId,
  };
  return { record, signature, pdf };
}

/** The file name of a download: `headway-record-<name>-<date>.zip`. */
export function recordFileName(record: Pick<PersonRecord, "person" | "generatedAt">): string {
  const slug =
    record.person.name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "person";
  return `headway-record-${slug}-${record.generatedAt.slice(0, 10)}.zip`;
}

// ---------- checking a copy ----------

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const RecordSignatureSchema = z.object({
  format: z.literal(SIGNATURE_FORMAT),
  signed: z.object({
    kind: z.literal("headway.record_export"),
    personId: z.string().min(1),
    generatedAt: z.string().min(1),
    auditHead: z.object({ sequence: z.number().int().min(0), hash: hex64 }),
    recordSha256: hex64,
    pdfSha256: hex64.nullable(),
  }),
  signature: z.string().min(1),
  publicKey: z.string().min(1),
  keyId: z.string().min(1),
});

/**
 * Checks a copy of a record: the signature is this installation's, record.json (and record.pdf,
 * when given) are exactly what was signed, and the audit log still holds the head the copy names
 * and verifies up to today. Every problem is named.
 */
export async function verifyRecordCopy(
  deps: Pick<Deps, "database" | "config">,
  {
    record,
    signature: rawSignature,
    pdf,
  }: { record: unknown; signature: unknown; pdf?: Uint8Array | null },
): Promise<CheckResult> {
  const parsed = RecordSignatureSchema.safeParse(rawSignature);
  if (!parsed.success)
    return {
      ok: false,
      problems: ["signature.json is not a Headway record signature"],
    };
  const sig = parsed.data;
  const key = signingKeyOf(deps.config.signingKeyPem);
  const named = publicKeyOf(sig.publicKey);
  if (named && named.fingerprint !== key.fingerprint)
    return {
      ok: false,
      problems: [
        `the copy was signed with key ${named.keyId}, but this installation's signing key is ${key.keyId}: it was not signed here, or the signing key was replaced`,
      ],
    };
  if (!verifyPayload(key.publicKey, sig.signed, sig.signature))
    return {
      ok: false,
      problems: [
        "the signature does not match signature.json: it was altered, or not signed by this installation",
      ],
    };
  const problems: string[] = [];
  if (record === undefined || record === null || typeof record !== "object")
    problems.push("record.json is missing or is not a JSON object");
  else if (sha256Hex(canonicalJson(record)) !== sig.signed.recordSha256)
    problems.push("record.json was changed after it was signed: its SHA-256 does not match");
  if (pdf && sig.signed.pdfSha256 && sha256Hex(pdf) !== sig.signed.pdfSha256)
    problems.push("record.pdf was changed after it was signed: its SHA-256 does not match");
  if (pdf && !sig.signed.pdfSha256) problems.push("record.pdf was not part of the signed copy");
  const { sequence, hash } = sig.signed.auditHead;
  const extended = await checkLogExtends(deps.database.db, {
    sequence,
    hash,
    what: `the copy's audit head (event ${sequence})`,
  });
  if (extended) problems.push(extended);
  const chain = await verifyAuditTrail({ db: deps.database.db, secret: deps.config.secret });
  if (!chain.ok) problems.push(`the chain is broken at event ${chain.seq}: ${chain.problem}`);
  if (problems.length) return { ok: false, problems };
  const pdfNote = pdf ? " and record.pdf" : sig.signed.pdfSha256 ? " (record.pdf not checked)" : "";
  return {
    ok: true,
    message: `ok: record.json${pdfNote} signed ${sig.signed.generatedAt} with key ${key.keyId}; the log (${chain.count} events) still holds its audit head, event ${sequence}`,
  };
}

/** When the person last downloaded their record: the newest `record.exported` events about them. */
export async function listRecordExports(deps: Deps, { actor }: { actor: PersonActor }) {
  const rows = await deps.database.db
    .select({ at: auditEvents.at, data: auditEvents.data })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.subjectType, "person"),
        eq(auditEvents.subjectId, actor.personId),
        eq(auditEvents.action, "record.exported"),
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(10);
  return {
    items: rows.map((r) => ({
      at: r.at.toISOString(),
      format: r.data.format === "zip" ? ("zip" as const) : ("json" as const),
    })),
  };
}
