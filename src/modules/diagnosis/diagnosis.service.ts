import { eq } from "drizzle-orm";
import { can } from "../../access/access.policy.js";
import type { DiagnosisResource, PersonResource } from "../../access/access.types.js";
import { AppError, notFound } from "../../api/errors.js";
import type { DbOrTx, Tx } from "../../db/client.js";
import { type Write, write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { PersonActor } from "../auth/auth.service.js";
import { type CatalogueItemView, findCatalogueItems } from "../catalogue/catalogue.service.js";
import { type Keyring, keyringFor } from "../keys/keys.service.js";
import { type MentorSuggestion, suggestMentors } from "../mentoring/mentoring.service.js";
import { notify } from "../notify/notify.service.js";
import { findPeopleByIds, findPersonById, type PersonRow } from "../org/org.repository.js";
import { personResource } from "../org/org.service.js";
import { loadPlanFor, planResourceOf } from "../plans/plans.participation.service.js";
import { findPlanById, findPlanDocument } from "../plans/plans.repository.js";
import { draftStatuses } from "../plans/plans.rules.js";
import { planCauses, plans } from "../plans/plans.table.js";
import { type CauseKind, labels } from "../plans/plans.types.js";
import { recordView } from "../record/record.views.js";
import { type DiagnosticGuide, diagnosticGuide } from "./diagnosis.guide.js";
import {
  type DiagnosisRow,
  findDiagnosesOfEmployee,
  findDiagnosisById,
  findDiagnosisForUpdate,
  findDraftPlansOf,
  findPlanCauses,
} from "./diagnosis.repository.js";
import {
  answersProblems,
  applyConsent,
  causesToApply,
  compactAnswers,
  compactNotes,
  type DiagnosisNotes,
  demandChangesFor,
  type EmployeeAnswers,
  MAX_SKILLS,
  normalizeSkills,
  notesProblems,
  orderCauses,
  type Problem,
  parseAnswers,
  parseSealedNotes,
  pruneToCauses,
  wantsMentors,
} from "./diagnosis.rules.js";
import { diagnoses } from "./diagnosis.table.js";

// The manager's diagnostic guide and the conversations recorded with it. A diagnosis is run by
// the person's direct manager (or HR in scope) and read by them and HR in scope; the employee
// reads it once it is completed, since they were in the room. Nobody else in the chain: it may
// hold a personal or health matter. The manager's notes and the employee's answers are sealed;
// the employee's answers exist only with their consent. Audit events carry ids and cause keys,
// never what was said.

export function getGuide(): DiagnosticGuide {
  return diagnosticGuide;
}

// ---------- loading ----------

type Subject = { person: PersonRow; resource: PersonResource };

async function findSubject(db: DbOrTx, personId: string): Promise<Subject | null> {
  const person = await findPersonById(db, personId);
  if (!person) return null;
  return { person, resource: await personResource(db, person) };
}

function resourceOf(row: DiagnosisRow, employee: PersonResource): DiagnosisResource {
  return {
    type: "diagnosis",
    employeeId: row.employeeId,
    managerId: row.managerId,
    employeeDepartment: employee.department,
    employeeManagerChain: employee.managerChain,
    status: row.status,
  };
}

async function visible(db: DbOrTx, actor: PersonActor, row: DiagnosisRow | null) {
  if (!row) throw notFound("diagnosis");
  const subject = await findSubject(db, row.employeeId);
  if (!subject) throw notFound("diagnosis");
  const resource = resourceOf(row, subject.resource);
  if (!can(actor, "diagnosis.view", resource)) throw notFound("diagnosis");
  return { row, subject, resource };
}

const loadVisible = async (db: DbOrTx, actor: PersonActor, id: string) =>
  visible(db, actor, await findDiagnosisById(db, id));

const lockVisible = async (tx: Tx, actor: PersonActor, id: string) =>
  visible(tx, actor, await findDiagnosisForUpdate(tx, id));

/** Writing in a diagnosis: its runner, while it is in progress. */
function checkEditable(actor: PersonActor, row: DiagnosisRow, resource: DiagnosisResource) {
  if (can(actor, "diagnosis.edit", resource)) return;
  if (row.status === "completed")
    throw new AppError(
      "diagnosis.completed.conflict",
      "This conversation is completed: its record can be read but no longer changed. Start a new one to talk again.",
    );
  throw new AppError(
    "diagnosis.forbidden",
    "Only the person who runs this conversation writes in it. Nothing was changed.",
  );
}

// ---------- presenting ----------

type Opened = { notes: DiagnosisNotes; skills: string[]; answers: EmployeeAnswers };

function open(keys: Keyring, row: DiagnosisRow): Opened {
  const { notes, skills } = parseSealedNotes(
    row.notes ? keys.open("diagnoses.notes", row.notes) : "",
  );
  const answers = parseAnswers(
    row.employeeAnswers ? keys.open("diagnoses.employee_answers", row.employeeAnswers) : "",
  );
  return { notes, skills, answers };
}

function seal(keys: Keyring, { notes, skills, answers }: Opened) {
  const hasNotes = Object.keys(notes).length > 0 || skills.length > 0;
  return {
    notes: hasNotes ? keys.seal("diagnoses.notes", JSON.stringify({ notes, skills })) : "",
    employeeAnswers: Object.keys(answers).length
      ? keys.seal("diagnoses.employee_answers", JSON.stringify(answers))
      : "",
  };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

async function namesOf(db: DbOrTx, ids: string[]) {
  const rows = await findPeopleByIds(db, [...new Set(ids)]);
  return new Map(rows.map((p) => [p.id, p.name]));
}

const ref = (names: Map<string, string>, id: string) => ({
  id,
  name: names.get(id) ?? "Someone no longer in Headway",
});

/**
 * The employee never gets the linked plan's id: a diagnosis may inform a draft they have not
 * been shown, and the id alone would tell them one exists.
 */
function presentSummary(row: DiagnosisRow, names: Map<string, string>, actor: PersonActor) {
  return {
    id: row.id,
    status: row.status,
    employee: ref(names, row.employeeId),
    manager: ref(names, row.managerId),
    planId: actor.personId === row.employeeId ? null : row.planId,
    causes: orderCauses(row.causes as CauseKind[]),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    completedAt: iso(row.completedAt),
  };
}
export type DiagnosisSummary = ReturnType<typeof presentSummary>;

/** The linked plan as this actor may see it: nothing of a plan they cannot open. */
async function planInfo(db: DbOrTx, actor: PersonActor, row: DiagnosisRow, now: Date) {
  if (!row.planId) return null;
  const plan = await findPlanById(db, row.planId);
  if (!plan) return null;
  const resource = await planResourceOf(db, plan, now);
  if (!can(actor, "plan.view", resource)) return null;
  const doc = await findPlanDocument(db, plan.id);
  const editable = can(actor, "plan.edit", resource) && draftStatuses.includes(plan.status);
  return {
    info: {
      id: plan.id,
      status: plan.status,
      statusLabel: labels.status[plan.status],
      version: plan.version,
      causes: doc.causes.map((c) => c.cause),
      goals: editable ? doc.goals.map((g) => ({ id: g.id, description: g.description })) : [],
    },
    editable,
  };
}

async function buildDetail(
  db: DbOrTx,
  keys: Keyring,
  actor: PersonActor,
  row: DiagnosisRow,
  resource: DiagnosisResource,
  now: Date,
) {
  const names = await namesOf(db, [row.employeeId, row.managerId]);
  const { notes, skills, answers } = open(keys, row);
  const isEmployee = actor.personId === row.employeeId;
  const plan = isEmployee ? null : await planInfo(db, actor, row, now);
  const edit = can(actor, "diagnosis.edit", resource);
  return {
    ...presentSummary(row, names, actor),
    viewer: isEmployee
      ? ("employee" as const)
      : actor.personId === row.managerId
        ? ("runner" as const)
        : ("hr" as const),
    plan: plan?.info ?? null,
    notes: notes as Record<string, Record<string, string>>,
    skills,
    employeeConsent: row.employeeConsent,
    consentAt: iso(row.consentAt),
    employeeAnswers: answers,
    version: row.version,
    abilities: {
      edit,
      complete: edit,
      withdrawConsent: row.employeeConsent && (isEmployee || actor.personId === row.managerId),
      applyToPlan: !isEmployee && !!plan?.editable && row.causes.length > 0,
      addToGoal: !isEmployee && !!plan?.editable,
    },
  };
}
export type DiagnosisDetail = Awaited<ReturnType<typeof buildDetail>>;

// ---------- a person's diagnoses ----------

export async function listDiagnoses(
  deps: Deps,
  { actor, personId }: { actor: PersonActor; personId: string },
) {
  const db = deps.database.db;
  const subject = await findSubject(db, personId);
  if (!subject || !can(actor, "diagnosis.list", subject.resource)) throw notFound("person");
  const rows = (await findDiagnosesOfEmployee(db, personId)).filter((row) =>
    can(actor, "diagnosis.view", resourceOf(row, subject.resource)),
  );
  const create = can(actor, "diagnosis.create", subject.resource);
  const names = await namesOf(
    db,
    rows.flatMap((r) => [r.employeeId, r.managerId]),
  );
  const now = deps.clock();
  const draftPlans = [];
  if (create)
    for (const plan of await findDraftPlansOf(db, personId))
      if (can(actor, "plan.edit", await planResourceOf(db, plan, now)))
        draftPlans.push({
          id: plan.id,
          status: plan.status,
          statusLabel: labels.status[plan.status],
          standard: plan.standard,
          updatedAt: plan.updatedAt.toISOString(),
        });
  return {
    items: rows.map((r) => presentSummary(r, names, actor)),
    abilities: { create },
    draftPlans,
  };
}
export type DiagnosisList = Awaited<ReturnType<typeof listDiagnoses>>;

/** The diagnosis as the actor may see it, without recording a view: after a write, in an export. */
export async function readDiagnosis(
  deps: Deps,
  { actor, id }: { actor: PersonActor; id: string },
): Promise<DiagnosisDetail> {
  const db = deps.database.db;
  const { row, resource } = await loadVisible(db, actor, id);
  return buildDetail(db, await keyringFor(deps), actor, row, resource, deps.clock());
}

/**
 * Reading a diagnosis is a sensitive read (it may hold a personal or health matter): recorded as
 * `diagnosis.viewed`, at most once per reader and diagnosis in an hour (see record.views).
 */
export async function getDiagnosis(
  deps: Deps,
  { actor, id }: { actor: PersonActor; id: string },
): Promise<DiagnosisDetail> {
  const detail = await readDiagnosis(deps, { actor, id });
  await recordView(deps, {
    actor,
    action: "diagnosis.viewed",
    subjectType: "diagnosis",
    subjectId: detail.id,
  });
  return detail;
}

// ---------- starting ----------

export async function startDiagnosis(
  deps: Deps,
  {
    actor,
    personId,
    planId,
  }: { actor: PersonActor; personId: string; planId?: string | null | undefined },
): Promise<DiagnosisDetail> {
  return write(deps, async (w) => {
    const subject = await findSubject(w.tx, personId);
    if (!subject) throw notFound("person");
    if (!can(actor, "diagnosis.create", subject.resource)) {
      if (!can(actor, "diagnosis.list", subject.resource)) throw notFound("person");
      throw new AppError(
        "diagnosis.forbidden",
        actor.personId === personId
          ? "The diagnostic conversation is held with you by your manager or HR; you cannot start one about yourself."
          : "Only the person's direct manager or HR covering their department runs a diagnostic conversation with them.",
      );
    }
    if (planId) {
      // The plan it informs: a draft about this person that the actor edits. Anything else is
      // the same 404 as a missing plan.
      const plan = await findPlanById(w.tx, planId);
      if (
        !plan ||
        plan.employeeId !== personId ||
        !draftStatuses.includes(plan.status) ||
        !can(actor, "plan.edit", await planResourceOf(w.tx, plan, w.now))
      )
        throw notFound("plan");
    }
    const [row] = await w.tx
      .insert(diagnoses)
      .values({
        employeeId: personId,
        managerId: actor.personId,
        planId: planId ?? null,
        status: "in_progress",
        createdAt: w.now,
        updatedAt: w.now,
      })
      .returning();
    await w.audit({
      actor,
      action: "diagnosis.started",
      subjectType: "diagnosis",
      subjectId: row!.id,
      data: { diagnosisId: row!.id, employeeId: personId, planId: planId ?? null },
    });
    return buildDetail(
      w.tx,
      await keyringFor(deps, w.tx),
      actor,
      row!,
      resourceOf(row!, subject.resource),
      w.now,
    );
  });
}

// ---------- saving ----------

export type DiagnosisInput = {
  version: number;
  causes?: CauseKind[] | undefined;
  notes?: Record<string, Record<string, string>> | undefined;
  skills?: string[] | undefined;
  employeeConsent?: boolean | undefined;
  employeeAnswers?: Record<string, string> | undefined;
};

const invalid = (problems: Problem[]) =>
  new AppError(
    "validation.failed",
    problems.length === 1 ? problems[0]!.message : "Some fields are invalid; see details.",
    problems,
  );

function checkVersion(row: DiagnosisRow, version: number) {
  if (row.version !== version)
    throw new AppError(
      "diagnosis.conflict",
      "This conversation was saved elsewhere since you opened it (another tab?). Nothing was saved: reload it and make your change again.",
      { currentVersion: row.version },
    );
}

/** A stale save answers 409 with the diagnosis as it now stands. */
async function withCurrent<T>(
  deps: Deps,
  actor: PersonActor,
  id: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError && err.code === "diagnosis.conflict") {
      const current = await readDiagnosis(deps, { actor, id }).catch(() => null);
      throw new AppError(err.code, err.message, {
        ...(err.details as Record<string, unknown>),
        diagnosis: current,
      });
    }
    throw err;
  }
}

/**
 * Saves what was heard (the guide page autosaves). Fields left out stay as they are. The
 * employee's answers are refused without their consent; withdrawing consent erases them.
 */
export async function saveDiagnosis(
  deps: Deps,
  { actor, id, input }: { actor: PersonActor; id: string; input: DiagnosisInput },
): Promise<DiagnosisDetail> {
  return withCurrent(deps, actor, id, () =>
    write(deps, async (w) => {
      const { row, resource } = await lockVisible(w.tx, actor, id);
      checkEditable(actor, row, resource);
      checkVersion(row, input.version);
      const keys = await keyringFor(deps, w.tx);
      const before = open(keys, row);

      const causes = input.causes ? orderCauses(input.causes) : (row.causes as CauseKind[]);
      const notes = input.notes ? compactNotes(input.notes as DiagnosisNotes) : before.notes;
      const skills = input.skills ? normalizeSkills(input.skills) : before.skills;
      const consent = input.employeeConsent ?? row.employeeConsent;
      const offered = input.employeeAnswers
        ? compactAnswers(input.employeeAnswers)
        : before.answers;
      const problems: Problem[] = [
        ...(input.notes ? notesProblems(input.notes as DiagnosisNotes) : []),
        ...(input.employeeAnswers ? answersProblems(input.employeeAnswers) : []),
      ];
      if (skills.length > MAX_SKILLS)
        problems.push({
          path: "skills",
          message: `Name at most ${MAX_SKILLS} skills to build.`,
        });
      // Answers already on file go when consent is withdrawn; new ones without it are refused.
      const consented = applyConsent({
        consent,
        answers: input.employeeAnswers ? offered : consent ? offered : {},
      });
      if (consented.problem) problems.push(consented.problem);
      if (problems.length) throw invalid(problems);
      const answers = consented.answers;

      const after: Opened = { notes, skills, answers };
      const changed = {
        causes: JSON.stringify(causes) !== JSON.stringify(orderCauses(row.causes as CauseKind[])),
        notes: JSON.stringify(notes) !== JSON.stringify(before.notes),
        skills: JSON.stringify(skills) !== JSON.stringify(before.skills),
        employeeConsent: consent !== row.employeeConsent,
        employeeAnswers: JSON.stringify(answers) !== JSON.stringify(before.answers),
      };
      const fields = Object.entries(changed)
        .filter(([, v]) => v)
        .map(([k]) => k);
      if (fields.length === 0) return buildDetail(w.tx, keys, actor, row, resource, w.now);

      const [updated] = await w.tx
        .update(diagnoses)
        .set({
          causes,
          ...seal(keys, after),
          employeeConsent: consent,
          consentAt: consent ? (row.employeeConsent ? row.consentAt : w.now) : null,
          version: row.version + 1,
          updatedAt: w.now,
        })
        .where(eq(diagnoses.id, row.id))
        .returning();
      const erased = !consent && Object.keys(before.answers).length > 0;
      await w.audit({
        actor,
        action: "diagnosis.saved",
        subjectType: "diagnosis",
        subjectId: row.id,
        data: {
          diagnosisId: row.id,
          employeeId: row.employeeId,
          version: row.version + 1,
          causes,
          fields,
          ...(changed.employeeConsent ? { consent: consent ? "given" : "withdrawn" } : {}),
          ...(erased ? { answersErased: true } : {}),
        },
      });
      return buildDetail(w.tx, keys, actor, updated!, resource, w.now);
    }),
  );
}

// ---------- withdrawing consent ----------

/**
 * The employee changes their mind: their recorded answers are erased, also once the conversation
 * is completed (when nobody may edit it any more). The person who ran it may do it on their word.
 */
export async function withdrawConsent(
  deps: Deps,
  { actor, id }: { actor: PersonActor; id: string },
): Promise<DiagnosisDetail> {
  return write(deps, async (w) => {
    const { row, resource } = await lockVisible(w.tx, actor, id);
    if (actor.personId !== row.employeeId && actor.personId !== row.managerId)
      throw new AppError(
        "diagnosis.forbidden",
        "Only the employee, or the person who ran the conversation, withdraws the employee's consent.",
      );
    const keys = await keyringFor(deps, w.tx);
    if (!row.employeeConsent) return buildDetail(w.tx, keys, actor, row, resource, w.now);
    const [updated] = await w.tx
      .update(diagnoses)
      .set({
        employeeConsent: false,
        consentAt: null,
        employeeAnswers: "",
        version: row.version + 1,
        updatedAt: w.now,
      })
      .where(eq(diagnoses.id, row.id))
      .returning();
    await w.audit({
      actor,
      action: "diagnosis.consent_withdrawn",
      subjectType: "diagnosis",
      subjectId: row.id,
      data: {
        diagnosisId: row.id,
        employeeId: row.employeeId,
        by: actor.personId === row.employeeId ? "employee" : "runner",
        answersErased: row.employeeAnswers !== "",
      },
    });
    if (actor.personId === row.employeeId)
      await notify(deps, w, {
        personIds: [row.managerId],
        kind: "diagnosis.consent_withdrawn",
        title: "Answers deleted at the employee's request",
        body: "The employee withdrew their consent: the answers recorded in their own words were deleted.",
        link: `/diagnoses/${row.id}`,
        subjectType: "diagnosis",
        subjectId: row.id,
      });
    return buildDetail(w.tx, keys, actor, updated!, resource, w.now);
  });
}

// ---------- completing ----------

/**
 * Completes the conversation: at least one cause chosen; notes under causes set aside are
 * dropped; the employee can now read it and is told so (the message says nothing of it).
 */
export async function completeDiagnosis(
  deps: Deps,
  { actor, id }: { actor: PersonActor; id: string },
): Promise<DiagnosisDetail> {
  return write(deps, async (w) => {
    const { row, subject, resource } = await lockVisible(w.tx, actor, id);
    checkEditable(actor, row, resource);
    const causes = orderCauses(row.causes as CauseKind[]);
    if (causes.length === 0)
      throw new AppError(
        "diagnosis.no_cause.invalid",
        "Choose at least one cause before completing: what you and they found gets in the way.",
        [{ path: "causes", message: "Choose at least one cause." }],
      );
    const keys = await keyringFor(deps, w.tx);
    const opened = open(keys, row);
    const kept = pruneToCauses(opened, causes);
    const [updated] = await w.tx
      .update(diagnoses)
      .set({
        status: "completed",
        ...seal(keys, { ...kept, skills: opened.skills }),
        completedAt: w.now,
        version: row.version + 1,
        updatedAt: w.now,
      })
      .where(eq(diagnoses.id, row.id))
      .returning();
    await w.audit({
      actor,
      action: "diagnosis.completed",
      subjectType: "diagnosis",
      subjectId: row.id,
      data: {
        diagnosisId: row.id,
        employeeId: row.employeeId,
        planId: row.planId,
        causes,
        employeeAnswers: row.employeeConsent,
      },
    });
    // The message names no cause: email passes through an outbox others administer.
    await notify(deps, w, {
      personIds: [row.employeeId].filter((p) => p !== actor.personId),
      kind: "diagnosis.completed",
      title: `The notes from your conversation with ${actor.name} are ready`,
      body: "You can read what was recorded, and the causes you talked about.",
      link: `/diagnoses/${row.id}`,
      subjectType: "diagnosis",
      subjectId: row.id,
    });
    return buildDetail(w.tx, keys, actor, updated!, resourceOf(updated!, subject.resource), w.now);
  });
}

// ---------- suggestions ----------

const SUGGESTION_LIMIT = 12;

/**
 * Catalogue items for the causes chosen and the skills named: those matching both first, then
 * skills, then causes. Asked separately so that either alone still finds its items.
 */
async function matchingItems(
  db: DbOrTx,
  { causes, skills, now }: { causes: CauseKind[]; skills: string[]; now: Date },
): Promise<CatalogueItemView[]> {
  const limit = SUGGESTION_LIMIT * 2;
  const bySkills = skills.length ? await findCatalogueItems(db, { skills, limit, now }) : [];
  const byCauses = causes.length ? await findCatalogueItems(db, { causes, limit, now }) : [];
  const causeIds = new Set(byCauses.map((i) => i.id));
  const skillIds = new Set(bySkills.map((i) => i.id));
  const seen = new Set<string>();
  const out: CatalogueItemView[] = [];
  for (const item of [
    ...bySkills.filter((i) => causeIds.has(i.id)),
    ...bySkills,
    ...byCauses.filter((i) => !skillIds.has(i.id)),
  ]) {
    if (seen.has(item.id) || !item.active) continue;
    seen.add(item.id);
    out.push(item);
  }
  return out.slice(0, SUGGESTION_LIMIT);
}

export async function getSuggestions(
  deps: Deps,
  { actor, id }: { actor: PersonActor; id: string },
): Promise<{
  resources: CatalogueItemView[];
  mentors: MentorSuggestion[];
  demandChanges: string[];
}> {
  const db = deps.database.db;
  const { row } = await loadVisible(db, actor, id);
  const causes = orderCauses(row.causes as CauseKind[]);
  const { skills } = open(await keyringFor(deps), row);
  const [resources, mentors] = await Promise.all([
    matchingItems(db, { causes, skills, now: deps.clock() }),
    wantsMentors(causes, skills)
      ? suggestMentors(db, { menteeId: row.employeeId, skills, limit: 6 })
      : Promise.resolve([]),
  ]);
  return { resources, mentors, demandChanges: demandChangesFor(causes) };
}
export type DiagnosisSuggestions = Awaited<ReturnType<typeof getSuggestions>>;

// ---------- into the plan ----------

const causeNote = (day: string) => `From the diagnostic conversation of ${day}.`;

/**
 * Writes the causes chosen into the linked draft plan: causes it already has keep their notes,
 * the others are added with a short note. The plan's version moves, like any edit of it.
 */
export async function applyToPlan(
  deps: Deps,
  { actor, id, planVersion }: { actor: PersonActor; id: string; planVersion: number },
): Promise<DiagnosisDetail> {
  await write(deps, async (w: Write) => {
    const { row } = await lockVisible(w.tx, actor, id);
    if (actor.personId === row.employeeId)
      throw new AppError(
        "diagnosis.forbidden",
        "The plan's manager applies a diagnosis to the plan. Nothing was changed.",
      );
    if (!row.planId)
      throw new AppError(
        "diagnosis.no_plan.conflict",
        "This conversation is not linked to a plan. Add its causes in the plan editor's diagnosis step.",
      );
    const causes = orderCauses(row.causes as CauseKind[]);
    if (causes.length === 0)
      throw new AppError(
        "diagnosis.no_cause.invalid",
        "Choose at least one cause before applying the conversation to the plan.",
        [{ path: "causes", message: "Choose at least one cause." }],
      );
    const { plan } = await loadPlanFor(w.tx, {
      planId: row.planId,
      actor,
      action: "plan.edit",
      lock: true,
    });
    if (!draftStatuses.includes(plan.status))
      throw new AppError(
        "diagnosis.plan_not_draft.conflict",
        `The plan is ${labels.status[plan.status].toLowerCase()}, no longer a draft: change its causes in the plan editor instead. Nothing was changed.`,
        { status: plan.status },
      );
    if (plan.version !== planVersion)
      throw new AppError(
        "plan.conflict",
        "Someone changed this plan since you opened it. Nothing was saved: reload and apply the causes again.",
        { currentVersion: plan.version },
      );
    const existing = (await findPlanCauses(w.tx, plan.id)).map((c) => c.cause as CauseKind);
    const { added, kept } = causesToApply(causes, existing);
    if (added.length === 0) return;
    const day = w.now.toISOString().slice(0, 10);
    await w.tx
      .insert(planCauses)
      .values(added.map((cause) => ({ planId: plan.id, cause, notes: causeNote(day) })));
    await w.tx
      .update(plans)
      .set({ version: plan.version + 1, updatedAt: w.now })
      .where(eq(plans.id, plan.id));
    await w.audit({
      actor,
      action: "plan.causes_from_diagnosis",
      subjectType: "plan",
      subjectId: plan.id,
      data: { diagnosisId: row.id, version: plan.version + 1, added, kept },
    });
    await w.audit({
      actor,
      action: "diagnosis.applied",
      subjectType: "diagnosis",
      subjectId: row.id,
      data: { diagnosisId: row.id, planId: plan.id, causes, added },
    });
  });
  return readDiagnosis(deps, { actor, id });
}
