// L&D's resource catalogue: items, workshop dates and seats, search, CSV, usage.
// CONTRACT (used by the diagnostic guide and goal pickers): keep these signatures.
import { sql } from "drizzle-orm";
import { abilitiesFor, can } from "../../access/access.policy.js";
import type { Actor } from "../../access/access.types.js";
import { AppError, notFound } from "../../api/errors.js";
import type { DbOrTx } from "../../db/client.js";
import { type Write, write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { parseCatalogueCsv, toCatalogueCsv } from "./catalogue.csv.js";
import {
  aggregateCatalogueUsage,
  type CatalogueItemRow,
  type CatalogueSessionRow,
  type CatalogueUsageRow,
  cancelSessionRow,
  countSeatsTaken,
  findAllCatalogueItems,
  findCatalogueItemById,
  findCatalogueItemForUpdate,
  findSessionForUpdate,
  findSessions,
  insertCatalogueItem,
  insertSession,
  searchCatalogueItems,
  updateCatalogueItem,
} from "./catalogue.repository.js";
import {
  type CatalogueImportPlan,
  type CatalogueItemInput,
  checkCatalogueItem,
  checkSession,
  normaliseSkills,
  type Problem,
  planCatalogueImport,
} from "./catalogue.rules.js";
import { type CatalogueFormat, type CatalogueKind, catalogueLabels } from "./catalogue.types.js";

export type CatalogueSessionView = {
  id: string;
  startsAt: string;
  endsAt: string | null;
  location: string;
  seats: number;
  seatsTaken: number;
  cancelled: boolean;
};

export type CatalogueItemView = {
  id: string;
  kind: CatalogueKind;
  kindLabel: string;
  title: string;
  provider: string;
  link: string;
  description: string;
  durationHours: number | null;
  format: CatalogueFormat;
  formatLabel: string;
  skills: string[];
  causes: string[];
  active: boolean;
  version: number;
  /** Upcoming, not cancelled dates (workshops). */
  sessions: CatalogueSessionView[];
};

function sessionView(s: CatalogueSessionRow, taken: Map<string, number>): CatalogueSessionView {
  return {
    id: s.id,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt ? s.endsAt.toISOString() : null,
    location: s.location,
    seats: s.seats,
    seatsTaken: taken.get(s.id) ?? 0,
    cancelled: s.cancelledAt !== null,
  };
}

function itemView(row: CatalogueItemRow, sessions: CatalogueSessionView[]): CatalogueItemView {
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: catalogueLabels.kind[row.kind],
    title: row.title,
    provider: row.provider,
    link: row.link,
    description: row.description,
    durationHours: row.durationHours,
    format: row.format,
    formatLabel: catalogueLabels.format[row.format],
    skills: row.skills,
    causes: row.causes,
    active: row.active,
    version: row.version,
    sessions,
  };
}

/** Views of the given rows; `allSessions` keeps past and cancelled dates too (the item page). */
async function viewsOf(
  db: DbOrTx,
  rows: CatalogueItemRow[],
  { now, allSessions = false }: { now: Date; allSessions?: boolean },
): Promise<CatalogueItemView[]> {
  const sessions = await findSessions(db, {
    itemIds: rows.filter((r) => r.kind === "workshop").map((r) => r.id),
    ...(allSessions ? {} : { upcomingFrom: now }),
  });
  const taken = await countSeatsTaken(
    db,
    sessions.map((s) => s.id),
  );
  const byItem = new Map<string, CatalogueSessionView[]>();
  for (const s of sessions) {
    const list = byItem.get(s.itemId) ?? [];
    list.push(sessionView(s, taken));
    byItem.set(s.itemId, list);
  }
  return rows.map((r) => itemView(r, byItem.get(r.id) ?? []));
}

/** Search: free text over title, provider, description; any of the skills; any of the causes. */
export async function findCatalogueItems(
  db: DbOrTx,
  input: {
    q?: string;
    skills?: string[];
    causes?: string[];
    kind?: CatalogueKind;
    includeArchived?: boolean;
    limit?: number;
    /** "Upcoming" dates are those from this moment; the wall clock when omitted. */
    now?: Date;
  },
): Promise<CatalogueItemView[]> {
  const rows = await searchCatalogueItems(db, {
    q: input.q?.trim() || undefined,
    skills: normaliseSkills(input.skills ?? []),
    causes: [...new Set((input.causes ?? []).map((c) => c.trim()).filter(Boolean))],
    kind: input.kind,
    includeArchived: input.includeArchived ?? false,
    limit: Math.max(1, Math.min(input.limit ?? 50, 500)),
  });
  return viewsOf(db, rows, { now: input.now ?? new Date() });
}

// ---------- reading ----------

const catalogueAbilities = ["catalogue.manage", "catalogue.view_stats"] as const;

export async function searchCatalogue(
  deps: Deps,
  {
    actor,
    q,
    skills,
    causes,
    kind,
    includeArchived,
  }: {
    actor: Actor;
    q?: string;
    skills: string[];
    causes: string[];
    kind?: CatalogueKind;
    includeArchived: boolean;
  },
) {
  if (!can(actor, "catalogue.view", { type: "org" })) throw notFound("catalogue");
  // Archived items are L&D's to see and restore; everyone else sees what is offered.
  const mayManage = can(actor, "catalogue.manage", { type: "org" });
  const items = await findCatalogueItems(deps.database.db, {
    q,
    skills,
    causes,
    kind,
    includeArchived: includeArchived && mayManage,
    limit: 200,
    now: deps.clock(),
  });
  return { items, abilities: abilitiesFor(actor, { type: "org" }, catalogueAbilities) };
}

export async function getCatalogueItem(deps: Deps, { actor, id }: { actor: Actor; id: string }) {
  if (!can(actor, "catalogue.view", { type: "org" })) throw notFound("catalogue item");
  const db = deps.database.db;
  const row = await findCatalogueItemById(db, id);
  const mayManage = can(actor, "catalogue.manage", { type: "org" });
  // An archived item is still shown to L&D (to restore it) but to no one else.
  if (!row || (!row.active && !mayManage)) throw notFound("catalogue item");
  const [item] = await viewsOf(db, [row], { now: deps.clock(), allSessions: mayManage });
  const usage = can(actor, "catalogue.view_stats", { type: "org" })
    ? ((await catalogueUsage(db, { itemIds: [row.id] }))[0] ?? emptyUsage(row.id))
    : null;
  return {
    item: item!,
    usage,
    abilities: abilitiesFor(actor, { type: "org" }, catalogueAbilities),
  };
}

export type CatalogueUsage = CatalogueUsageRow;

const emptyUsage = (itemId: string): CatalogueUsage => ({
  itemId,
  uses: 0,
  delivered: 0,
  notDelivered: 0,
  inUse: 0,
  offered: 0,
  plansUsing: 0,
  plansClosed: 0,
  plansGoalsMet: 0,
  growthGoalsUsing: 0,
});

/**
 * Per item: how often goals used it, delivered vs not, and how the plans that used it ended.
 * Aggregates only, never a name. Items no goal has used yet come with zeros when asked by id.
 * Reused by the insight dashboards.
 */
export async function catalogueUsage(
  db: DbOrTx,
  { itemIds }: { itemIds?: string[] } = {},
): Promise<CatalogueUsage[]> {
  const rows = await aggregateCatalogueUsage(db, { itemIds });
  if (!itemIds) return rows;
  const byId = new Map(rows.map((r) => [r.itemId, r]));
  return itemIds.map((id) => byId.get(id) ?? emptyUsage(id));
}

export async function getCatalogueUsage(deps: Deps, { actor }: { actor: Actor }) {
  if (!can(actor, "catalogue.view_stats", { type: "org" })) throw notFound("usage");
  const db = deps.database.db;
  const items = await findAllCatalogueItems(db);
  const usage = await catalogueUsage(db, { itemIds: items.map((i) => i.id) });
  const byId = new Map(usage.map((u) => [u.itemId, u]));
  return {
    items: items.map((i) => ({
      ...byId.get(i.id)!,
      title: i.title,
      kind: i.kind,
      kindLabel: catalogueLabels.kind[i.kind],
      provider: i.provider,
      active: i.active,
    })),
  };
}

// ---------- writing ----------

function assertCanManage(actor: Actor) {
  // As the organisation's settings: refused as if there were nothing to change.
  if (!can(actor, "catalogue.manage", { type: "org" })) throw notFound("catalogue");
}

const invalid = (problems: Problem[]) =>
  new AppError(
    "validation.failed",
    problems.length === 1
      ? problems[0]!.message
      : "Some fields are missing or invalid; see details.",
    problems,
  );

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

const duplicate = () =>
  new AppError(
    "catalogue.exists",
    "The catalogue already has a resource of this kind with this title and provider. Edit that one instead.",
    [{ path: "title", message: "A resource with this title and provider already exists." }],
  );

/** Runs a write, answering the identity index's refusal as a clear conflict. */
async function writeItem<T>(deps: Deps, fn: (w: Write) => Promise<T>): Promise<T> {
  try {
    return await write(deps, fn);
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate();
    throw err;
  }
}

const auditItem = (
  w: Write,
  actor: Actor,
  action: string,
  row: CatalogueItemRow,
  data: Record<string, unknown> = {},
) =>
  w.audit({
    actor,
    action: `catalogue.${action}`,
    subjectType: "catalogue_item",
    subjectId: row.id,
    data: { kind: row.kind, version: row.version, ...data },
    change: row,
  });

export async function createCatalogueItem(
  deps: Deps,
  { actor, input }: { actor: Actor & { kind: "person" }; input: CatalogueItemInput },
) {
  assertCanManage(actor);
  const { item, problems } = checkCatalogueItem(input);
  if (problems.length) throw invalid(problems);
  const row = await writeItem(deps, async (w) => {
    const created = await insertCatalogueItem(w.tx, {
      ...item,
      active: true,
      version: 1,
      createdById: actor.personId,
      createdAt: w.now,
      updatedAt: w.now,
    });
    await auditItem(w, actor, "item_created", created);
    return created;
  });
  const [view] = await viewsOf(deps.database.db, [row], { now: deps.clock() });
  return view!;
}

const changedFields = (before: CatalogueItemRow, after: CatalogueItemRow) =>
  (
    [
      "kind",
      "title",
      "provider",
      "link",
      "description",
      "durationHours",
      "format",
      "skills",
      "causes",
      "active",
    ] as const
  ).filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));

export async function updateCatalogueItemFields(
  deps: Deps,
  {
    actor,
    id,
    version,
    input,
  }: { actor: Actor; id: string; version: number; input: CatalogueItemInput },
) {
  assertCanManage(actor);
  const { item, problems } = checkCatalogueItem(input);
  if (problems.length) throw invalid(problems);
  const row = await writeItem(deps, async (w) => {
    const current = await findCatalogueItemForUpdate(w.tx, id);
    if (!current) throw notFound("catalogue item");
    assertVersion(current, version);
    if (current.kind === "workshop" && item.kind !== "workshop") {
      const sessions = await findSessions(w.tx, { itemIds: [current.id] });
      if (sessions.some((s) => s.cancelledAt === null))
        throw new AppError(
          "catalogue.invalid",
          "This workshop has dates. Cancel its dates before changing it to another kind.",
          [{ path: "kind", message: "Cancel the workshop's dates first." }],
        );
    }
    const updated = await updateCatalogueItem(w.tx, current.id, {
      ...item,
      version: current.version + 1,
      updatedAt: w.now,
    });
    await auditItem(w, actor, "item_updated", updated, {
      fields: changedFields(current, updated),
    });
    return updated;
  });
  const [view] = await viewsOf(deps.database.db, [row], { now: deps.clock() });
  return view!;
}

function assertVersion(row: CatalogueItemRow, version: number) {
  if (row.version !== version)
    throw new AppError(
      "catalogue.conflict",
      "Someone changed this resource while you were editing it. Reload it to see their changes, then make yours again.",
      { currentVersion: row.version },
    );
}

export async function setCatalogueItemActive(
  deps: Deps,
  { actor, id, active }: { actor: Actor; id: string; active: boolean },
) {
  assertCanManage(actor);
  const row = await write(deps, async (w) => {
    const current = await findCatalogueItemForUpdate(w.tx, id);
    if (!current) throw notFound("catalogue item");
    // Archiving an archived item (a second click) changes nothing but is still the same answer.
    const updated =
      current.active === active
        ? current
        : await updateCatalogueItem(w.tx, current.id, {
            active,
            version: current.version + 1,
            updatedAt: w.now,
          });
    await auditItem(w, actor, active ? "item_restored" : "item_archived", updated, {
      changed: current.active !== active,
    });
    return updated;
  });
  const [view] = await viewsOf(deps.database.db, [row], { now: deps.clock(), allSessions: true });
  return view!;
}

export async function addCatalogueSession(
  deps: Deps,
  {
    actor,
    itemId,
    input,
  }: {
    actor: Actor;
    itemId: string;
    input: { startsAt: Date; endsAt: Date | null; location: string; seats: number };
  },
) {
  assertCanManage(actor);
  const session = await write(deps, async (w) => {
    const item = await findCatalogueItemForUpdate(w.tx, itemId);
    if (!item) throw notFound("catalogue item");
    const problems = checkSession({ ...input, kind: item.kind });
    if (problems.length)
      throw new AppError(
        "catalogue.invalid",
        problems.length === 1
          ? problems[0]!.message
          : "Some fields are missing or invalid; see details.",
        problems,
      );
    const row = await insertSession(w.tx, {
      itemId: item.id,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      location: input.location.trim(),
      seats: input.seats,
      createdAt: w.now,
    });
    await w.audit({
      actor,
      action: "catalogue.session_added",
      subjectType: "catalogue_item",
      subjectId: item.id,
      data: { sessionId: row.id, seats: row.seats },
      change: row,
    });
    return row;
  });
  return sessionView(session, new Map());
}

export async function cancelCatalogueSession(
  deps: Deps,
  { actor, sessionId }: { actor: Actor; sessionId: string },
) {
  assertCanManage(actor);
  const session = await write(deps, async (w) => {
    const current = await findSessionForUpdate(w.tx, sessionId);
    if (!current) throw notFound("workshop date", "catalogue.session_not_found");
    const row = current.cancelledAt ? current : await cancelSessionRow(w.tx, current.id, w.now);
    await w.audit({
      actor,
      action: "catalogue.session_cancelled",
      subjectType: "catalogue_item",
      subjectId: row.itemId,
      data: { sessionId: row.id, changed: current.cancelledAt === null },
    });
    return row;
  });
  const taken = await countSeatsTaken(deps.database.db, [session.id]);
  return sessionView(session, taken);
}

// ---------- CSV ----------

export async function exportCatalogueCsv(deps: Deps, { actor }: { actor: Actor }) {
  if (!can(actor, "catalogue.view", { type: "org" })) throw notFound("catalogue");
  const all = await findAllCatalogueItems(deps.database.db);
  // Archived items are L&D's; everyone else exports what is offered.
  const mayManage = can(actor, "catalogue.manage", { type: "org" });
  return toCatalogueCsv(all.filter((r) => r.active || mayManage));
}

function presentImport(plan: CatalogueImportPlan) {
  return {
    summary: plan.summary,
    problems: plan.problems,
    rows: plan.rows.map((r) => ({
      line: r.line,
      action: r.action,
      id: r.id,
      kind: r.values.kind,
      title: r.values.title,
      provider: r.values.provider,
      changedFields: r.changedFields,
    })),
  };
}

/** Validates a catalogue CSV and says what it would do. Writes nothing. */
export async function previewCatalogueImport(
  deps: Deps,
  { actor, csv }: { actor: Actor; csv: string },
) {
  assertCanManage(actor);
  const rows = parseCatalogueCsv(csv);
  const existing = await findAllCatalogueItems(deps.database.db);
  return presentImport(planCatalogueImport({ rows, existing }));
}

/** Applies a catalogue CSV in one transaction: the whole file or nothing. */
export async function commitCatalogueImport(
  deps: Deps,
  { actor, csv }: { actor: Actor & { kind: "person" }; csv: string },
) {
  assertCanManage(actor);
  const rows = parseCatalogueCsv(csv);
  try {
    return await write(deps, async (w) => {
      // One import at a time: the plan is made against the catalogue as it is now.
      await w.tx.execute(sql`SELECT pg_advisory_xact_lock(724317)`);
      const existing = await findAllCatalogueItems(w.tx);
      const plan = planCatalogueImport({ rows, existing });
      if (plan.problems.length)
        throw new AppError(
          "import.invalid",
          `The file has ${plan.problems.length} problem${plan.problems.length === 1 ? "" : "s"}; nothing was imported. Fix them and try again.`,
          plan.problems,
        );
      const byId = new Map(existing.map((e) => [e.id, e]));
      for (const r of plan.rows) {
        if (r.action === "unchanged") continue;
        if (r.action === "create") {
          const created = await insertCatalogueItem(w.tx, {
            ...r.values,
            version: 1,
            createdById: actor.personId,
            createdAt: w.now,
            updatedAt: w.now,
          });
          await auditItem(w, actor, "item_created", created, { via: "import", line: r.line });
        } else {
          const current = byId.get(r.id!)!;
          const updated = await updateCatalogueItem(w.tx, current.id, {
            ...r.values,
            version: current.version + 1,
            updatedAt: w.now,
          });
          await auditItem(w, actor, "item_updated", updated, {
            via: "import",
            line: r.line,
            fields: r.changedFields,
          });
        }
      }
      await w.audit({
        actor,
        action: "catalogue.imported",
        subjectType: "catalogue",
        data: plan.summary,
        change: csv,
      });
      return plan.summary;
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError(
        "import.conflict",
        "The catalogue changed while this file was being imported, so nothing was imported. Preview the file again, then import it.",
      );
    throw err;
  }
}
