// Who may see which people in a report, and the filters they asked for, resolved once per request.
import { eq, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { can } from "../../access/access.policy.js";
import type { Actor } from "../../access/access.types.js";
import { AppError } from "../../api/errors.js";
import type { Db } from "../../db/client.js";
import type { Deps } from "../../deps.js";
import { orgSettings, people } from "../org/org.table.js";
import { resolvePeriod } from "./insight.rules.js";
import type { InsightFilterInput } from "./insight.schemas.js";
import {
  type InsightFilters,
  type InsightMeta,
  type InsightSection,
  MIN_GROUP_SIZE_FLOOR,
} from "./insight.types.js";

export type InsightScope = {
  view: InsightMeta["view"];
  /** Departments the reader covers; null = the whole organisation. */
  departments: string[] | null;
  filters: InsightFilters;
  minGroupSize: number;
  now: Date;
  meta: InsightMeta;
};

function forbidden(message: string): AppError {
  return new AppError("insight.forbidden", message);
}

function invalid(path: string, message: string): AppError {
  return new AppError("validation.failed", message, [{ path, message }]);
}

/**
 * The database dashboards read from: the replica named by INSIGHT_DATABASE_URL, else the
 * primary. Reads only: a write here could land on a replica that refuses it.
 */
export function insightDb(deps: Pick<Deps, "database">): Db {
  return deps.database.insight ?? deps.database.db;
}

export async function readMinGroupSize(db: Db): Promise<number> {
  const [row] = await db
    .select({ size: orgSettings.insightMinGroupSize })
    .from(orgSettings)
    .where(eq(orgSettings.id, 1));
  return Math.max(MIN_GROUP_SIZE_FLOOR, row?.size ?? MIN_GROUP_SIZE_FLOOR);
}

/**
 * Authorises a report and fills in its filters. HR sees its departments with names; L&D sees
 * the organisation in aggregate and may not narrow to one manager (that would name them).
 * Fairness is HR's alone: it rests on attributes only HR in scope may see.
 */
export async function resolveInsightScope(
  deps: Deps,
  { actor, query, section }: { actor: Actor; query: InsightFilterInput; section: InsightSection },
): Promise<InsightScope> {
  if (actor.kind !== "person" || !can(actor, "insight.view", { type: "org" }))
    throw forbidden("Insight is for HR partners and L&D.");
  if (section === "fairness" && !can(actor, "insight.view_fairness", { type: "org" }))
    throw forbidden("Fairness rests on attributes only HR may see: ask your HR partner.");
  const named = can(actor, "insight.view_named", { type: "org" });
  const departments = named && !actor.hrScope.all ? actor.hrScope.departments : null;
  const db = insightDb(deps);
  const now = deps.clock();

  if (query.department && departments && !departments.includes(query.department))
    throw invalid(
      "department",
      `You see ${departments.join(", ") || "no department"}: pick one of those.`,
    );
  if (query.managerId) {
    if (!named)
      throw invalid(
        "managerId",
        "L&D sees the organisation in aggregate: filter by department, not by manager.",
      );
    const [manager] = await db
      .select({ department: people.department })
      .from(people)
      .where(eq(people.id, query.managerId));
    if (!manager || (departments && !departments.includes(manager.department)))
      throw invalid("managerId", "No such manager in your scope.");
  }

  const period = resolvePeriod({
    from: query.from,
    to: query.to,
    today: now.toISOString().slice(0, 10),
  });
  if (period.problems.length)
    throw new AppError("validation.failed", period.problems[0]!.message, period.problems);

  const filters: InsightFilters = {
    ...(query.department ? { department: query.department } : {}),
    ...(query.managerId ? { managerId: query.managerId } : {}),
    from: period.from,
    to: period.to,
  };
  // From the primary: a raised privacy threshold holds at once, not after the replica's lag.
  const minGroupSize = await readMinGroupSize(deps.database.db);
  const view = named ? "named" : "aggregate";
  return {
    view,
    departments,
    filters,
    minGroupSize,
    now,
    meta: { filters, view, minGroupSize, generatedAt: now.toISOString() },
  };
}

/**
 * `column` (a person's id) is someone the report covers: in the reader's departments, the
 * department filter and the manager's organisation. `true` when nothing narrows it.
 */
export function inScope(scope: InsightScope, column: AnyPgColumn | SQL): SQL {
  const conditions: SQL[] = [];
  if (scope.departments)
    conditions.push(sql`sp.department = any(${sql.param(scope.departments)}::text[])`);
  if (scope.filters.department) conditions.push(sql`sp.department = ${scope.filters.department}`);
  if (scope.filters.managerId)
    conditions.push(sql`sp.id in (
      with recursive sub(id) as (
        select id from people where manager_id = ${scope.filters.managerId}
        union all
        select p.id from people p join sub on p.manager_id = sub.id
      ) select id from sub)`);
  if (!conditions.length) return sql`true`;
  return sql`${column} in (select sp.id from people sp where ${sql.join(conditions, sql` and `)})`;
}
