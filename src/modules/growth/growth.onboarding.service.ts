import { and, eq } from "drizzle-orm";
import { can } from "../../access/access.policy.js";
import type { Actor, PersonResource } from "../../access/access.types.js";
import { AppError, notFound } from "../../api/errors.js";
import type { DbOrTx, Tx } from "../../db/client.js";
import { type Write, write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { PersonActor } from "../auth/auth.service.js";
import { notify } from "../notify/notify.service.js";
import { isUuid } from "../org/org.repository.js";
import {
  findActiveOnboardingPlan,
  findNames,
  findOnboardingPlanById,
  findOnboardingPlanForUpdate,
  findOnboardingPlansOfPerson,
  findStages,
  findTemplateById,
  findTemplateForUpdate,
  findTemplates,
  lockPersonOnboarding,
  lockTemplateSeeding,
  type OnboardingPlanRow,
  type StageRow,
  type TemplateRow,
} from "./growth.repository.js";
import {
  defaultTemplate,
  isoDay,
  materialiseStages,
  onboardingStatus,
  stageTextProblems,
  startDateProblems,
  templateProblems,
} from "./growth.rules.js";
import { findSubject, invalid, loadCoachingSubject, personRef } from "./growth.service.js";
import {
  type OnboardingStageTemplate,
  onboardingPlans,
  onboardingStages,
  onboardingTemplates,
} from "./growth.table.js";

// Onboarding success plans: a 30/60/90-day plan from an editable template that says from day one
// what success looks like at each stage, with a check-in at each stage. The new hire and everyone
// who may read their coaching records see it; their direct manager and HR in scope run it.

const system: Actor = { kind: "system", label: "Headway" };

// ---------- templates ----------

/**
 * Templates are organisation settings, written by admins and HR. No action in the access policy
 * names them yet, so the roles are checked here.
 */
function mayManageTemplates(actor: PersonActor): boolean {
  return actor.roles.includes("admin") || actor.roles.includes("hr");
}

function presentTemplate(t: TemplateRow, names: Map<string, string>, defaultId: string | null) {
  return {
    id: t.id,
    name: t.name,
    stages: t.stages,
    /** Used when a plan is started without choosing a template: the built-in one. */
    isDefault: t.id === defaultId,
    createdBy: t.createdById ? personRef(t.createdById, names) : null,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}
export type OnboardingTemplate = ReturnType<typeof presentTemplate>;

async function presentTemplates(db: DbOrTx, rows: TemplateRow[]) {
  const names = await findNames(
    db,
    rows.flatMap((t) => (t.createdById ? [t.createdById] : [])),
  );
  return rows.map((t) => presentTemplate(t, names, rows[0]?.id ?? null));
}

class AlreadySeeded extends Error {}

/** Inside a write: the default template, created (and recorded) when there is no template at all. */
async function seedDefaultIfNone(w: Write): Promise<{ rows: TemplateRow[]; seeded: boolean }> {
  await lockTemplateSeeding(w.tx);
  const rows = await findTemplates(w.tx);
  if (rows.length) return { rows, seeded: false };
  const [row] = await w.tx
    .insert(onboardingTemplates)
    .values({ ...defaultTemplate, createdById: null, createdAt: w.now, updatedAt: w.now })
    .returning();
  await w.audit({
    actor: system,
    action: "onboarding_template.seeded",
    subjectType: "onboarding_template",
    subjectId: row!.id,
    data: { name: row!.name, stages: row!.stages.length },
  });
  return { rows: [row!], seeded: true };
}

/** The templates; the first use of onboarding creates the default one. */
async function ensureTemplates(deps: Deps): Promise<TemplateRow[]> {
  const rows = await findTemplates(deps.database.db);
  if (rows.length) return rows;
  try {
    return await write(deps, async (w) => {
      const { rows, seeded } = await seedDefaultIfNone(w);
      // Someone else seeded it meanwhile: nothing to write here.
      if (!seeded) throw new AlreadySeeded();
      return rows;
    });
  } catch (err) {
    if (err instanceof AlreadySeeded) return findTemplates(deps.database.db);
    throw err;
  }
}

export async function listTemplates(deps: Deps, { actor }: { actor: PersonActor }) {
  const rows = await ensureTemplates(deps);
  return {
    items: await presentTemplates(deps.database.db, rows),
    abilities: { manage: mayManageTemplates(actor) },
  };
}
export type OnboardingTemplateList = Awaited<ReturnType<typeof listTemplates>>;

export async function getTemplate(deps: Deps, { id }: { actor: PersonActor; id: string }) {
  const rows = await ensureTemplates(deps);
  const row = rows.find((t) => t.id === id);
  if (!row) throw notFound("onboarding template", "onboarding_template.not_found");
  return (await presentTemplates(deps.database.db, rows)).find((t) => t.id === id)!;
}

export type TemplateInput = { name: string; stages: OnboardingStageTemplate[] };

const TEMPLATE_FORBIDDEN = "Only admins and HR can write onboarding templates.";

export async function createTemplate(
  deps: Deps,
  { actor, input }: { actor: PersonActor; input: TemplateInput },
): Promise<OnboardingTemplate> {
  if (!mayManageTemplates(actor))
    throw new AppError("onboarding_template.forbidden", TEMPLATE_FORBIDDEN);
  const problems = templateProblems(input.stages);
  if (problems.length) throw invalid(problems);
  const row = await write(deps, async (w) => {
    await seedDefaultIfNone(w);
    const [row] = await w.tx
      .insert(onboardingTemplates)
      .values({ ...input, createdById: actor.personId, createdAt: w.now, updatedAt: w.now })
      .returning();
    await w.audit({
      actor,
      action: "onboarding_template.created",
      subjectType: "onboarding_template",
      subjectId: row!.id,
      data: { name: input.name, stages: input.stages.length },
      change: input,
    });
    return row!;
  });
  return getTemplate(deps, { actor, id: row.id });
}

/** Changing a template changes plans started from it later; running plans keep their stages. */
export async function updateTemplate(
  deps: Deps,
  { actor, id, input }: { actor: PersonActor; id: string; input: Partial<TemplateInput> },
): Promise<OnboardingTemplate> {
  if (!mayManageTemplates(actor))
    throw new AppError("onboarding_template.forbidden", TEMPLATE_FORBIDDEN);
  if (input.stages) {
    const problems = templateProblems(input.stages);
    if (problems.length) throw invalid(problems);
  }
  const current = await findTemplateById(deps.database.db, id);
  if (!current) throw notFound("onboarding template", "onboarding_template.not_found");
  const fields = (["name", "stages"] as const).filter(
    (k) => input[k] !== undefined && JSON.stringify(input[k]) !== JSON.stringify(current[k]),
  );
  if (fields.length === 0) return getTemplate(deps, { actor, id });
  await write(deps, async (w) => {
    const row = await findTemplateForUpdate(w.tx, id);
    if (!row) throw notFound("onboarding template", "onboarding_template.not_found");
    const set = Object.fromEntries(fields.map((k) => [k, input[k]]));
    await w.tx
      .update(onboardingTemplates)
      .set({ ...set, updatedAt: w.now })
      .where(eq(onboardingTemplates.id, id));
    await w.audit({
      actor,
      action: "onboarding_template.edited",
      subjectType: "onboarding_template",
      subjectId: id,
      data: { fields },
      change: set,
    });
  });
  return getTemplate(deps, { actor, id });
}

// ---------- plans ----------

function presentStage(s: StageRow) {
  return {
    id: s.id,
    day: s.day,
    dueOn: s.dueOn,
    title: s.title,
    success: s.success,
    status: s.status,
    managerNotes: s.managerNotes,
    employeeNotes: s.employeeNotes,
    rating: s.rating,
    checkedInAt: s.checkedInAt?.toISOString() ?? null,
  };
}
export type OnboardingStage = ReturnType<typeof presentStage>;

function presentPlan(
  p: OnboardingPlanRow,
  stages: StageRow[],
  names: Map<string, string>,
  resource: PersonResource,
  actor: PersonActor,
) {
  const manages = can(actor, "onboarding.manage", resource);
  return {
    id: p.id,
    person: personRef(p.personId, names),
    manager: personRef(p.managerId, names),
    startDate: p.startDate,
    templateId: p.templateId,
    status: p.status,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    stages: stages.filter((s) => s.planId === p.id).map(presentStage),
    abilities: {
      /** Edit stages' titles and what success looks like (while the plan is active). */
      editStages: manages && p.status === "active",
      /** Record the manager's side of a check-in (notes, rating). */
      checkInAsManager: manages,
      /** Record the employee's own notes at a check-in. */
      checkInAsEmployee: isEmployeeSide(actor, p, resource),
    },
  };
}
export type OnboardingPlan = ReturnType<typeof presentPlan>;

function isEmployeeSide(actor: PersonActor, p: OnboardingPlanRow, resource: PersonResource) {
  return actor.personId === p.personId && can(actor, "coaching.edit", resource);
}

async function presentPlans(
  db: DbOrTx,
  rows: OnboardingPlanRow[],
  resource: PersonResource,
  actor: PersonActor,
) {
  const stages = await findStages(
    db,
    rows.map((p) => p.id),
  );
  const names = await findNames(
    db,
    rows.flatMap((p) => [p.personId, p.managerId]),
  );
  return rows.map((p) => presentPlan(p, stages, names, resource, actor));
}

export async function listOnboardingPlans(
  deps: Deps,
  { actor, personId }: { actor: PersonActor; personId: string },
) {
  const db = deps.database.db;
  const { person, resource } = await loadCoachingSubject(db, actor, personId);
  const rows = await findOnboardingPlansOfPerson(db, person.id);
  return {
    items: await presentPlans(db, rows, resource, actor),
    abilities: {
      create: can(actor, "onboarding.manage", resource) && !rows.some((p) => p.status === "active"),
    },
  };
}
export type OnboardingPlanList = Awaited<ReturnType<typeof listOnboardingPlans>>;

async function loadPlan(db: DbOrTx, actor: PersonActor, id: string) {
  const plan = await findOnboardingPlanById(db, id);
  if (!plan) throw notFound("onboarding plan", "onboarding_plan.not_found");
  const subject = await findSubject(db, plan.personId);
  if (!subject || !can(actor, "coaching.view", subject.resource))
    throw notFound("onboarding plan", "onboarding_plan.not_found");
  return { plan, resource: subject.resource };
}

async function lockPlan(tx: Tx, actor: PersonActor, id: string) {
  const plan = await findOnboardingPlanForUpdate(tx, id);
  if (!plan) throw notFound("onboarding plan", "onboarding_plan.not_found");
  const subject = await findSubject(tx, plan.personId);
  if (!subject || !can(actor, "coaching.view", subject.resource))
    throw notFound("onboarding plan", "onboarding_plan.not_found");
  return { plan, resource: subject.resource };
}

export async function getOnboardingPlan(
  deps: Deps,
  { actor, id }: { actor: PersonActor; id: string },
): Promise<OnboardingPlan> {
  const db = deps.database.db;
  const { plan, resource } = await loadPlan(db, actor, id);
  return (await presentPlans(db, [plan], resource, actor))[0]!;
}

const MANAGE_FORBIDDEN =
  "Only the person's direct manager or HR covering their department can run their onboarding plan.";

export async function createOnboardingPlan(
  deps: Deps,
  {
    actor,
    personId,
    input,
  }: {
    actor: PersonActor;
    personId: string;
    input: { templateId?: string; startDate?: string };
  },
): Promise<OnboardingPlan> {
  const plan = await write(deps, async (w) => {
    const { person, resource } = await loadCoachingSubject(w.tx, actor, personId);
    if (!can(actor, "onboarding.manage", resource))
      throw new AppError("onboarding_plan.forbidden", MANAGE_FORBIDDEN);
    const startDate = input.startDate ?? person.hireDate;
    const problems = startDateProblems({ startDate, today: isoDay(w.now) });
    if (problems.length) throw invalid(problems);
    const { rows: templates } = await seedDefaultIfNone(w);
    const template = input.templateId
      ? templates.find((t) => t.id === input.templateId)
      : templates[0];
    if (!template)
      throw invalid([{ path: "templateId", message: "Choose one of the onboarding templates." }]);

    await lockPersonOnboarding(w.tx, person.id);
    const active = await findActiveOnboardingPlan(w.tx, person.id);
    if (active)
      throw new AppError(
        "onboarding_plan.exists",
        `${person.name} already has an onboarding plan running (from ${active.startDate}). Work with that one; a new plan can start once it is complete.`,
        { planId: active.id },
      );
    // A plan HR starts still belongs to the person's manager; with no manager, to whoever started it.
    const managerId = person.managerId ?? actor.personId;
    const [plan] = await w.tx
      .insert(onboardingPlans)
      .values({
        personId: person.id,
        managerId,
        startDate: startDate!,
        templateId: template.id,
        status: "active",
        createdAt: w.now,
        updatedAt: w.now,
      })
      .returning();
    const stages = materialiseStages({ startDate: startDate!, stages: template.stages });
    await w.tx.insert(onboardingStages).values(stages.map((s) => ({ ...s, planId: plan!.id })));
    await w.audit({
      actor,
      action: "onboarding_plan.created",
      subjectType: "onboarding_plan",
      subjectId: plan!.id,
      data: {
        personId: person.id,
        managerId,
        templateId: template.id,
        startDate,
        stages: stages.map((s) => ({ day: s.day, dueOn: s.dueOn })),
      },
    });
    const told = {
      kind: "onboarding_plan.created",
      body: `It starts on ${startDate} and says what success looks like at each stage: ${stages
        .map((s) => `day ${s.day}, ${s.title}`)
        .join("; ")}.`,
      link: `/onboarding/${plan!.id}`,
      subjectType: "onboarding_plan",
      subjectId: plan!.id,
    };
    await notify(deps, w, {
      ...told,
      personIds: [person.id],
      title: `${actor.name} started your onboarding plan`,
    });
    if (managerId !== actor.personId)
      await notify(deps, w, {
        ...told,
        personIds: [managerId],
        title: `${actor.name} started an onboarding plan for ${person.name}`,
      });
    return plan!;
  });
  return getOnboardingPlan(deps, { actor, id: plan.id });
}

async function findStage(
  db: DbOrTx,
  planId: string,
  stageId: string,
  forUpdate: boolean,
): Promise<StageRow> {
  const query = db
    .select()
    .from(onboardingStages)
    .where(and(eq(onboardingStages.id, stageId), eq(onboardingStages.planId, planId)));
  const [row] = isUuid(stageId) ? await (forUpdate ? query.for("update") : query) : [];
  if (!row) throw notFound("onboarding stage", "onboarding_stage.not_found");
  return row;
}

const lockStage = (tx: Tx, planId: string, stageId: string) => findStage(tx, planId, stageId, true);

/** What success looks like is written per plan: the template is only where it starts. */
export async function updateStage(
  deps: Deps,
  {
    actor,
    planId,
    stageId,
    input,
  }: {
    actor: PersonActor;
    planId: string;
    stageId: string;
    input: { title?: string; success?: string[] };
  },
): Promise<OnboardingPlan> {
  const check = async (db: DbOrTx, tx?: Tx) => {
    const { plan, resource } = tx
      ? await lockPlan(tx, actor, planId)
      : await loadPlan(db, actor, planId);
    if (!can(actor, "onboarding.manage", resource))
      throw new AppError("onboarding_plan.forbidden", MANAGE_FORBIDDEN);
    const stage = await findStage(db, plan.id, stageId, !!tx);
    if (plan.status !== "active")
      throw new AppError(
        "onboarding_plan.invalid_transition",
        "This onboarding plan is complete: its stages no longer change.",
      );
    const next = { title: input.title ?? stage.title, success: input.success ?? stage.success };
    const problems = stageTextProblems(next, "");
    if (problems.length)
      throw invalid(problems.map((p) => ({ ...p, path: p.path.replace(/^\./, "") })));
    const fields = (["title", "success"] as const).filter(
      (k) => JSON.stringify(next[k]) !== JSON.stringify(stage[k]),
    );
    return { plan, stage, next, fields };
  };
  // Saving what is already there changes nothing and records nothing.
  const before = await check(deps.database.db);
  if (before.fields.length === 0) return getOnboardingPlan(deps, { actor, id: planId });
  await write(deps, async (w) => {
    const { plan, stage, next, fields } = await check(w.tx, w.tx);
    await w.tx.update(onboardingStages).set(next).where(eq(onboardingStages.id, stage.id));
    await w.tx
      .update(onboardingPlans)
      .set({ updatedAt: w.now })
      .where(eq(onboardingPlans.id, plan.id));
    await w.audit({
      actor,
      action: "onboarding_stage.edited",
      subjectType: "onboarding_plan",
      subjectId: plan.id,
      data: { stageId: stage.id, day: stage.day, fields },
      change: next,
    });
  });
  return getOnboardingPlan(deps, { actor, id: planId });
}

/**
 * The manager's side of a stage's check-in: their notes and a 1–5 rating of how it is going.
 * Recording it checks the stage in; once every stage is, the plan is complete. It can be
 * corrected later; the first check-in time stays.
 */
export async function recordManagerCheckin(
  deps: Deps,
  {
    actor,
    planId,
    stageId,
    input,
  }: {
    actor: PersonActor;
    planId: string;
    stageId: string;
    input: { notes: string; rating: number };
  },
): Promise<OnboardingPlan> {
  await write(deps, async (w) => {
    const { plan, resource } = await lockPlan(w.tx, actor, planId);
    const stage = await lockStage(w.tx, plan.id, stageId);
    if (!can(actor, "onboarding.manage", resource))
      throw new AppError(
        "onboarding_plan.forbidden",
        "Only the person's direct manager or HR covering their department records the manager's side of a check-in.",
      );
    const first = stage.status !== "checked_in";
    await w.tx
      .update(onboardingStages)
      .set({
        managerNotes: input.notes,
        rating: input.rating,
        status: "checked_in",
        checkedInAt: stage.checkedInAt ?? w.now,
      })
      .where(eq(onboardingStages.id, stage.id));
    await w.audit({
      actor,
      action: first ? "onboarding_stage.checked_in" : "onboarding_stage.check_in_corrected",
      subjectType: "onboarding_plan",
      subjectId: plan.id,
      data: { stageId: stage.id, day: stage.day },
      change: input,
    });
    const statuses = (await findStages(w.tx, [plan.id])).map((s) => s.status);
    const status = onboardingStatus(statuses);
    await w.tx
      .update(onboardingPlans)
      .set({ status, updatedAt: w.now })
      .where(eq(onboardingPlans.id, plan.id));
    if (status !== plan.status)
      await w.audit({
        actor,
        action: "onboarding_plan.completed",
        subjectType: "onboarding_plan",
        subjectId: plan.id,
        data: { personId: plan.personId },
      });
    if (first)
      await notify(deps, w, {
        personIds: [plan.personId].filter((id) => id !== actor.personId),
        kind: "onboarding_stage.checked_in",
        title: `${actor.name} checked in on your onboarding: day ${stage.day}, ${stage.title}`,
        body:
          status === "completed"
            ? "Every stage of your onboarding plan is checked in: the plan is complete."
            : "Read their notes and add yours.",
        link: `/onboarding/${plan.id}`,
        subjectType: "onboarding_plan",
        subjectId: plan.id,
      });
  });
  return getOnboardingPlan(deps, { actor, id: planId });
}

/** The employee's side: their own notes on the stage. It does not check the stage in. */
export async function recordEmployeeCheckin(
  deps: Deps,
  {
    actor,
    planId,
    stageId,
    input,
  }: { actor: PersonActor; planId: string; stageId: string; input: { notes: string } },
): Promise<OnboardingPlan> {
  await write(deps, async (w) => {
    const { plan, resource } = await lockPlan(w.tx, actor, planId);
    const stage = await lockStage(w.tx, plan.id, stageId);
    if (!isEmployeeSide(actor, plan, resource))
      throw new AppError(
        "onboarding_plan.forbidden",
        "Only the person the plan is for writes the employee's notes.",
      );
    await w.tx
      .update(onboardingStages)
      .set({ employeeNotes: input.notes })
      .where(eq(onboardingStages.id, stage.id));
    await w.tx
      .update(onboardingPlans)
      .set({ updatedAt: w.now })
      .where(eq(onboardingPlans.id, plan.id));
    await w.audit({
      actor,
      action: "onboarding_stage.employee_notes",
      subjectType: "onboarding_plan",
      subjectId: plan.id,
      data: { stageId: stage.id, day: stage.day },
      change: input,
    });
    await notify(deps, w, {
      personIds: [plan.managerId].filter((id) => id !== actor.personId),
      kind: "onboarding_stage.employee_notes",
      title: `${actor.name} wrote their notes on onboarding: day ${stage.day}, ${stage.title}`,
      link: `/onboarding/${plan.id}`,
      subjectType: "onboarding_plan",
      subjectId: plan.id,
      dedupeKey: `onboarding-employee-notes:${stage.id}`,
      email: false,
    });
  });
  return getOnboardingPlan(deps, { actor, id: planId });
}
