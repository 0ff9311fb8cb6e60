import { and, eq, isNull, sql } from "drizzle-orm";
import { abilitiesFor, can, hrCovers } from "../../access/access.policy.js";
import type { Actor, GrantedRole, PersonResource } from "../../access/access.types.js";
import { AppError, notFound } from "../../api/errors.js";
import type { DbOrTx } from "../../db/client.js";
import { type Write, write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { hasCredential, type PersonActor } from "../auth/auth.service.js";
import { apiTokens, sessions } from "../auth/auth.table.js";
import {
  endSeriesOfDeactivated,
  endSeriesOnReportingChange,
} from "../oneonones/oneonones.ending.js";
import { exportColumns, parsePeopleCsv, toCsv } from "./org.csv.js";
import {
  findAllPeople,
  findDepartments,
  findDirectReports,
  findManagerChain,
  findPersonById,
  findTeam,
  getOrgSettings,
  type PersonRow,
  searchPeople,
} from "./org.repository.js";
import { type ExistingPerson, findCycle, type ImportPlan, planImport } from "./org.rules.js";
import { orgSettings, people } from "./org.table.js";

export const personAbilities = [
  "person.view_record",
  "person.view_demographics",
  "person.update",
  "person.update_demographics",
  "person.manage_access",
  "person.send_password_reset",
  "person.view_protected_activities",
  "person.record_protected_activity",
  "person.place_legal_hold",
  "concern.raise",
  "record.export",
  "mentoring.suggest",
  "mentoring.request",
  "mentoring.volunteer",
  "diagnosis.create",
  "diagnosis.list",
] as const;

/** The directory card: what everyone in the organisation may see. */
export function card(p: PersonRow) {
  return {
    id: p.id,
    name: p.name,
    email: p.email,
    title: p.title,
    department: p.department,
    location: p.location,
    managerId: p.managerId,
    active: p.active,
  };
}
export type PersonCard = ReturnType<typeof card>;

export async function personResource(db: DbOrTx, p: PersonRow): Promise<PersonResource> {
  return {
    type: "person",
    id: p.id,
    department: p.department,
    managerChain: await findManagerChain(db, p.id),
    grantedRoles: p.roles,
  };
}

/** Loads a person the actor may act on; anything else is the same 404 as a missing person. */
async function loadPermitted(
  db: DbOrTx,
  actor: Actor,
  id: string,
  action: Parameters<typeof can>[1],
) {
  const person = await findPersonById(db, id);
  if (!person) throw notFound("person");
  const resource = await personResource(db, person);
  if (!can(actor, action, resource)) throw notFound("person");
  return { person, resource };
}

export async function listDirectory(
  deps: Deps,
  {
    q,
    department,
    managersOnly = false,
    limit,
    offset,
  }: { q?: string; department?: string; managersOnly?: boolean; limit: number; offset: number },
) {
  const { rows, total } = await searchPeople(deps.database.db, {
    q,
    department,
    managersOnly,
    limit,
    offset,
  });
  return { items: rows.map(card), total };
}

export async function listDepartments(deps: Deps) {
  return findDepartments(deps.database.db);
}

export async function getPersonPage(deps: Deps, { actor, id }: { actor: PersonActor; id: string }) {
  const db = deps.database.db;
  const { person, resource } = await loadPermitted(db, actor, id, "person.view_card");
  const abilities = abilitiesFor(actor, resource, personAbilities);
  const manager = person.managerId ? await findPersonById(db, person.managerId) : null;
  const reports = await findDirectReports(db, person.id);
  return {
    person: card(person),
    manager: manager ? card(manager) : null,
    reports: reports.filter((r) => r.active).map(card),
    record: abilities["person.view_record"]
      ? {
          employeeId: person.employeeId,
          hireDate: person.hireDate,
          roles: [...person.roles, ...(reports.length ? ["manager"] : [])],
          hrScope: { all: person.hrScopeAll, departments: person.hrScopeDepartments },
          hasAccount: await hasCredential(db, person.id),
          version: person.version,
        }
      : null,
    demographics: abilities["person.view_demographics"] ? person.demographics : null,
    abilities,
  };
}

/** The full record; 404 for anyone who may not see it. */
export async function getPersonRecord(
  deps: Deps,
  { actor, id }: { actor: PersonActor; id: string },
) {
  await loadPermitted(deps.database.db, actor, id, "person.view_record");
  const page = await getPersonPage(deps, { actor, id });
  return { ...page.person, ...page.record! };
}

export type PersonPatch = Partial<{
  name: string;
  email: string;
  title: string;
  department: string;
  location: string;
  employeeId: string | null;
  hireDate: string | null;
  managerId: string | null;
  active: boolean;
  /** The identity provider's id (SCIM); not editable through the people API. */
  externalId: string | null;
}>;

export async function updatePerson(
  deps: Deps,
  { actor, id, patch, version }: { actor: Actor; id: string; patch: PersonPatch; version: number },
) {
  return write(deps, async (w) =>
    card(await updatePersonIn(deps, w, { actor, id, patch, version })),
  );
}

/**
 * Changes a person inside the caller's transaction (the people API, SCIM provisioning).
 * Deactivating someone ends all their sessions and revokes their API tokens in the same
 * transaction: their very next request is refused, and reactivation brings none of them back.
 * A new manager ends the 1:1 series with the former one; deactivating someone ends every series
 * they are in (see oneonones.ending).
 */
export async function updatePersonIn(
  deps: Deps,
  w: Write,
  {
    actor,
    id,
    patch,
    version,
    via,
  }: { actor: Actor; id: string; patch: PersonPatch; version: number; via?: string },
): Promise<PersonRow> {
  await w.tx.execute(sql`SELECT pg_advisory_xact_lock(724313)`);
  const { person } = await loadPermitted(w.tx, actor, id, "person.update");
  if (person.version !== version) {
    throw new AppError(
      "person.conflict",
      "Someone else changed this person since you opened the page. Reload to see their change, then try again.",
      {
        currentVersion: person.version,
      },
    );
  }
  if (
    patch.department !== undefined &&
    actor.kind === "person" &&
    !actor.roles.includes("admin") &&
    !hrCovers(actor, patch.department)
  ) {
    throw new AppError(
      "person.out_of_scope",
      "You can only move people into departments within your HR scope.",
    );
  }
  if (patch.managerId !== undefined && patch.managerId !== null) {
    const manager = await findPersonById(w.tx, patch.managerId);
    if (!manager)
      throw new AppError("validation.failed", "That manager does not exist.", [
        { path: "managerId", message: "Unknown person." },
      ]);
    const all = await findAllPeople(w.tx);
    const graph = new Map(all.map((p) => [p.id, p.managerId]));
    graph.set(person.id, patch.managerId);
    if (findCycle(graph)) {
      throw new AppError(
        "validation.failed",
        `${manager.name} reports (directly or not) to ${person.name}; that would make a loop.`,
        [{ path: "managerId", message: "Reporting lines cannot form a loop." }],
      );
    }
  }
  const changed = Object.entries(patch).filter(
    ([k, v]) => JSON.stringify((person as Record<string, unknown>)[k]) !== JSON.stringify(v),
  );
  try {
    const [updated] = await w.tx
      .update(people)
      .set({ ...patch, updatedAt: w.now, version: person.version + 1 })
      .where(eq(people.id, id))
      .returning();
    const ended = patch.active === false && person.active ? await endAccess(w, id) : null;
    await w.audit({
      actor,
      action: "person.updated",
      subjectType: "person",
      subjectId: id,
      data: { fields: changed.map(([k]) => k), ...(via ? { via } : {}), ...ended },
      change: Object.fromEntries(changed),
    });
    if (ended) await endSeriesOfDeactivated(deps, w, { actor, personId: id });
    else if (
      patch.managerId !== undefined &&
      person.managerId &&
      patch.managerId !== person.managerId
    )
      await endSeriesOnReportingChange(deps, w, {
        actor,
        reportId: id,
        formerManagerId: person.managerId,
        newManagerId: patch.managerId,
      });
    return updated!;
  } catch (err) {
    if (
      (err as { cause?: { code?: string } }).cause?.code === "23505" ||
      (err as { code?: string }).code === "23505"
    )
      throw new AppError("person.exists", "Another person already has that email or employee id.");
    throw err;
  }
}

/** Ends every session and revokes every API token of a person who is being deactivated. */
async function endAccess(w: Write, personId: string) {
  const ended = await w.tx
    .delete(sessions)
    .where(eq(sessions.personId, personId))
    .returning({ id: sessions.id });
  const revoked = await w.tx
    .update(apiTokens)
    .set({ revokedAt: w.now })
    .where(and(eq(apiTokens.personId, personId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return { sessionsEnded: ended.length, tokensRevoked: revoked.length };
}

export type AccessChange = {
  actor: Actor;
  id: string;
  roles: GrantedRole[];
  hrScopeAll: boolean;
  hrScopeDepartments: string[];
  /** How the change arrived when not by hand (e.g. "scim"), kept in the audit event. */
  via?: string;
};

export async function updateAccess(deps: Deps, change: AccessChange) {
  return write(deps, async (w) => card(await updateAccessIn(w, change)));
}

/** Sets a person's granted roles and HR scope inside the caller's transaction. */
export async function updateAccessIn(
  w: Write,
  { actor, id, roles, hrScopeAll, hrScopeDepartments, via }: AccessChange,
): Promise<PersonRow> {
  const { person } = await loadPermitted(w.tx, actor, id, "person.manage_access");
  const [updated] = await w.tx
    .update(people)
    .set({
      roles: [...new Set(roles)],
      hrScopeAll,
      hrScopeDepartments,
      updatedAt: w.now,
      version: person.version + 1,
    })
    .where(eq(people.id, id))
    .returning();
  await w.audit({
    actor,
    action: "person.access_changed",
    subjectType: "person",
    subjectId: id,
    data: {
      roles,
      hrScopeAll,
      hrScopeDepartments,
      before: {
        roles: person.roles,
        hrScopeAll: person.hrScopeAll,
        hrScopeDepartments: person.hrScopeDepartments,
      },
      ...(via ? { via } : {}),
    },
  });
  return updated!;
}

export type NewPerson = {
  email: string;
  name: string;
  title?: string;
  department?: string;
  location?: string;
  employeeId?: string | null;
  externalId?: string | null;
  managerId?: string | null;
  active?: boolean;
};

/**
 * Adds one person inside the caller's transaction (SCIM provisioning; imports add many at once).
 * The manager must exist; a new person has no reports, so no loop can form.
 */
export async function createPersonIn(
  w: Write,
  { actor, values, via }: { actor: Actor; values: NewPerson; via?: string },
): Promise<PersonRow> {
  if (!can(actor, "org.import", { type: "org" }))
    throw new AppError("person.forbidden", "Only admins and organisation-wide HR can add people.");
  await w.tx.execute(sql`SELECT pg_advisory_xact_lock(724313)`);
  if (values.managerId && !(await findPersonById(w.tx, values.managerId)))
    throw new AppError("validation.failed", "That manager does not exist.", [
      { path: "managerId", message: "Unknown person." },
    ]);
  try {
    const [created] = await w.tx
      .insert(people)
      .values({ ...values, createdAt: w.now, updatedAt: w.now })
      .returning();
    await w.audit({
      actor,
      action: "person.created",
      subjectType: "person",
      subjectId: created!.id,
      data: { fields: Object.keys(values), ...(via ? { via } : {}) },
      change: values,
    });
    return created!;
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError(
        "person.exists",
        "Another person already has that email, employee id or external id.",
      );
    throw err;
  }
}

export async function updateDemographics(
  deps: Deps,
  { actor, id, demographics }: { actor: Actor; id: string; demographics: Record<string, string> },
) {
  return write(deps, async (w) => {
    await loadPermitted(w.tx, actor, id, "person.update_demographics");
    await w.tx.update(people).set({ demographics, updatedAt: w.now }).where(eq(people.id, id));
    // Only field names go into the log: the values are for HR in scope alone.
    await w.audit({
      actor,
      action: "person.demographics_updated",
      subjectType: "person",
      subjectId: id,
      data: { fields: Object.keys(demographics) },
      change: demographics,
    });
    return demographics;
  });
}

/** A manager's people: direct reports, and skip-level reports where the organisation allows. */
export async function getMyTeam(deps: Deps, { actor }: { actor: PersonActor }) {
  const db = deps.database.db;
  const team = await findTeam(db, actor.personId, { allLevels: actor.policy.skipLevelVisible });
  const items = team.map((r) => ({
    ...card(r),
    depth: r.depth,
    reports: r.reports,
    hireDate: r.hireDate,
  }));
  return {
    direct: items.filter((i) => i.depth === 1),
    skipLevel: items.filter((i) => i.depth > 1),
  };
}

export async function getSettings(deps: Deps, { actor }: { actor: Actor }) {
  if (!can(actor, "org.view_settings", { type: "org" })) throw notFound("settings");
  const s = await getOrgSettings(deps.database.db);
  return { name: s.name, skipLevelVisible: s.skipLevelVisible };
}

export async function updateSettings(
  deps: Deps,
  { actor, patch }: { actor: Actor; patch: Partial<{ name: string; skipLevelVisible: boolean }> },
) {
  if (!can(actor, "org.update_settings", { type: "org" })) throw notFound("settings");
  return write(deps, async (w) => {
    const [row] = await w.tx
      .insert(orgSettings)
      .values({ id: 1, ...patch, updatedAt: w.now })
      .onConflictDoUpdate({ target: orgSettings.id, set: { ...patch, updatedAt: w.now } })
      .returning();
    await w.audit({ actor, action: "org.settings_updated", subjectType: "org", data: patch });
    return { name: row!.name, skipLevelVisible: row!.skipLevelVisible };
  });
}

// ---------- import and export ----------

function toExisting(p: PersonRow): ExistingPerson {
  return {
    id: p.id,
    employeeId: p.employeeId,
    email: p.email,
    name: p.name,
    title: p.title,
    department: p.department,
    location: p.location,
    hireDate: p.hireDate,
    managerId: p.managerId,
    roles: p.roles,
    hrScopeAll: p.hrScopeAll,
    hrScopeDepartments: p.hrScopeDepartments,
    demographics: p.demographics,
  };
}

function assertCanImport(actor: Actor) {
  if (!can(actor, "org.import", { type: "org" }))
    throw new AppError(
      "import.forbidden",
      "Only admins and organisation-wide HR can import people.",
    );
}

const mayManageAccess = (actor: Actor) => can(actor, "org.manage_access", { type: "org" });

export function presentPlan(plan: ImportPlan) {
  return {
    summary: plan.summary,
    problems: plan.problems,
    rows: plan.rows.map((r) => ({
      line: r.line,
      action: r.action,
      name: r.values.name,
      email: r.values.email,
      employeeId: r.values.employeeId,
      title: r.values.title,
      department: r.values.department,
      changedFields: r.changedFields,
    })),
  };
}

/** Validates a CSV and says what it would do. Writes nothing. */
export async function previewImport(deps: Deps, { actor, csv }: { actor: Actor; csv: string }) {
  assertCanImport(actor);
  const rows = parsePeopleCsv(csv);
  const existing = (await findAllPeople(deps.database.db)).map(toExisting);
  return presentPlan(planImport({ rows, existing, mayManageAccess: mayManageAccess(actor) }));
}

/** Applies a CSV in one transaction: the whole file or nothing, and only when it has no problem. */
export async function commitImport(deps: Deps, { actor, csv }: { actor: Actor; csv: string }) {
  assertCanImport(actor);
  const rows = parsePeopleCsv(csv);
  return applyImport(deps, { actor, rows, csv }).catch((err: unknown) => {
    // Someone added a person with one of these emails since the plan was made (setup, the CLI).
    if (isUniqueViolation(err))
      throw new AppError(
        "import.conflict",
        "People changed while this file was being imported, so nothing was imported. Preview the file again, then import it.",
      );
    throw err;
  });
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

async function applyImport(
  deps: Deps,
  { actor, rows, csv }: { actor: Actor; rows: ReturnType<typeof parsePeopleCsv>; csv: string },
) {
  return write(deps, async (w) => {
    // Same lock as person edits: the plan is made against the people as they are now.
    await w.tx.execute(sql`SELECT pg_advisory_xact_lock(724313)`);
    const existing = (await findAllPeople(w.tx)).map(toExisting);
    const formerManagerOf = new Map(existing.map((p) => [p.id, p.managerId]));
    const plan = planImport({ rows, existing, mayManageAccess: mayManageAccess(actor) });
    if (plan.problems.length) {
      throw new AppError(
        "import.invalid",
        `The file has ${plan.problems.length} problem${plan.problems.length === 1 ? "" : "s"}; nothing was imported. Fix them and try again.`,
        plan.problems,
      );
    }
    const idFor = new Map<string, string>();
    for (const r of plan.rows) {
      if (r.action !== "create") {
        idFor.set(r.id, r.id);
        continue;
      }
      const { managerId: _m, ...values } = r.values;
      const [created] = await w.tx
        .insert(people)
        .values({ ...values, createdAt: w.now, updatedAt: w.now })
        .returning({ id: people.id });
      idFor.set(r.id, created!.id);
    }
    for (const r of plan.rows) {
      if (r.action === "unchanged") continue;
      const id = idFor.get(r.id)!;
      const managerId = r.values.managerId
        ? (idFor.get(r.values.managerId) ?? r.values.managerId)
        : null;
      await w.tx
        .update(people)
        .set({
          ...r.values,
          managerId,
          updatedAt: w.now,
          ...(r.action === "update" ? { version: sql`${people.version} + 1` } : {}),
        })
        .where(eq(people.id, id));
      await w.audit({
        actor,
        action: r.action === "create" ? "person.created" : "person.updated",
        subjectType: "person",
        subjectId: id,
        data: {
          via: "import",
          line: r.line,
          fields: r.action === "create" ? Object.keys(r.values) : r.changedFields,
        },
        change: { ...r.values, managerId },
      });
      const formerManagerId = r.action === "update" ? formerManagerOf.get(id) : null;
      if (formerManagerId && formerManagerId !== managerId)
        await endSeriesOnReportingChange(deps, w, {
          actor,
          reportId: id,
          formerManagerId,
          newManagerId: managerId,
        });
    }
    await w.audit({
      actor,
      action: "org.people_imported",
      subjectType: "org",
      data: plan.summary,
      change: csv,
    });
    return plan.summary;
  });
}

export async function exportPeopleCsv(deps: Deps, { actor }: { actor: Actor }) {
  if (!can(actor, "org.export", { type: "org" }))
    throw new AppError(
      "export.forbidden",
      "Only admins and organisation-wide HR can export people.",
    );
  const all = await findAllPeople(deps.database.db);
  const emailOf = new Map(all.map((p) => [p.id, p.email]));
  const csv = toCsv(
    all.map((p) => ({
      employee_id: p.employeeId ?? "",
      email: p.email,
      name: p.name,
      title: p.title,
      department: p.department,
      location: p.location,
      hire_date: p.hireDate ?? "",
      manager_email: p.managerId ? (emailOf.get(p.managerId) ?? "") : "",
      roles: p.roles.join(";"),
      hr_scope: p.hrScopeAll ? "all" : p.hrScopeDepartments.join(";"),
    })),
    exportColumns,
  );
  return csv;
}
