import { type GrantedRole, grantedRoles } from "../../access/access.types.js";

// Pure rules of the organisation import: which rows create, update or leave people unchanged,
// and every problem with its line number. Nothing is written unless this finds no error.

/**
 * One row of the file. An optional field left `undefined` means its column is not in the file:
 * an update then keeps the person's current value (a file of names and titles must not wipe
 * everyone's manager). An empty cell in a column that is there clears the value.
 */
export type ImportRow = {
  line: number;
  /** Null (empty or no column) keeps the current employee id. */
  employeeId: string | null;
  email: string;
  name: string;
  title?: string;
  department?: string;
  location?: string;
  hireDate?: string | null;
  managerEmail?: string | null;
  managerEmployeeId?: string | null;
  /** Null or undefined keeps the current roles; [] removes them. */
  roles?: string[] | null;
  /** Null or undefined keeps the current HR scope; "" removes it. */
  hrScope?: string | null;
  demographics: Record<string, string>;
};

export type ExistingPerson = {
  id: string;
  employeeId: string | null;
  email: string;
  name: string;
  title: string;
  department: string;
  location: string;
  hireDate: string | null;
  managerId: string | null;
  roles: string[];
  hrScopeAll: boolean;
  hrScopeDepartments: string[];
  demographics: Record<string, string>;
};

export type ImportProblem = { line: number; field: string; message: string };

export type PlannedPerson = {
  line: number;
  action: "create" | "update" | "unchanged";
  /** Existing id for updates; a placeholder `new:<line>` for creations. */
  id: string;
  values: Omit<ExistingPerson, "id" | "managerId"> & { managerId: string | null };
  changedFields: string[];
};

export type ImportPlan = {
  rows: PlannedPerson[];
  problems: ImportProblem[];
  summary: { create: number; update: number; unchanged: number; problems: number };
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const norm = (email: string) => email.trim().toLowerCase();

/** A real calendar date, YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Hire dates are people's: 1900 to 2100. (PostgreSQL has no year 0, and year 20240 is a typo.) */
export function isPlausibleDate(value: string): boolean {
  return isIsoDate(value) && value >= "1900-01-01" && value <= "2100-12-31";
}

/** Parses the hr_scope column: "all", or departments separated by semicolons. */
export function parseHrScope(value: string | null): { all: boolean; departments: string[] } {
  if (!value) return { all: false, departments: [] };
  if (value.trim().toLowerCase() === "all") return { all: true, departments: [] };
  return {
    all: false,
    departments: value
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean),
  };
}

/** The first cycle in a manager graph, as a list of ids, or null. */
export function findCycle(managerOf: Map<string, string | null>): string[] | null {
  const state = new Map<string, "visiting" | "done">();
  for (const start of managerOf.keys()) {
    const path: string[] = [];
    let node: string | null | undefined = start;
    while (node && state.get(node) !== "done") {
      if (state.get(node) === "visiting") return path.slice(path.indexOf(node));
      state.set(node, "visiting");
      path.push(node);
      node = managerOf.get(node) ?? null;
    }
    for (const n of path) state.set(n, "done");
  }
  return null;
}

/** Longest accepted values, as in the API. */
const MAX_LENGTH = { email: 320, name: 200, title: 200, department: 200, location: 200 } as const;

export function planImport({
  rows,
  existing,
  mayManageAccess = true,
}: {
  rows: ImportRow[];
  existing: ExistingPerson[];
  /** False for importers who are not admins: they may not grant roles or HR scope, nor change an admin. */
  mayManageAccess?: boolean;
}): ImportPlan {
  const problems: ImportProblem[] = [];
  const byEmail = new Map(existing.map((p) => [norm(p.email), p]));
  const byEmployeeId = new Map(existing.filter((p) => p.employeeId).map((p) => [p.employeeId!, p]));
  const seenEmail = new Map<string, number>();
  const seenEmployeeId = new Map<string, number>();
  const seenMatch = new Map<string, number>();

  // Resolve each row to an existing person or a new one.
  const resolved = rows.map((row) => {
    const email = norm(row.email);
    if (!row.email)
      problems.push({ line: row.line, field: "email", message: "Email is required." });
    else if (!EMAIL.test(email))
      problems.push({
        line: row.line,
        field: "email",
        message: `"${row.email}" is not an email address.`,
      });
    if (!row.name.trim())
      problems.push({ line: row.line, field: "name", message: "Name is required." });
    for (const [field, max] of Object.entries(MAX_LENGTH)) {
      const value = row[field as keyof typeof MAX_LENGTH];
      if (value && value.length > max)
        problems.push({
          line: row.line,
          field,
          message: `The ${field} is ${value.length} characters long; use at most ${max}.`,
        });
    }
    if (row.hireDate && !isIsoDate(row.hireDate))
      problems.push({
        line: row.line,
        field: "hire_date",
        message: `"${row.hireDate}" is not a date; use YYYY-MM-DD.`,
      });
    else if (row.hireDate && !isPlausibleDate(row.hireDate))
      problems.push({
        line: row.line,
        field: "hire_date",
        message: `"${row.hireDate}" is out of range; use a date between 1900-01-01 and 2100-12-31.`,
      });
    for (const role of row.roles ?? []) {
      if (!grantedRoles.includes(role as GrantedRole))
        problems.push({
          line: row.line,
          field: "roles",
          message: `Unknown role "${role}"; use admin, hr or ld (managers follow from reporting lines).`,
        });
    }
    if (email) {
      const first = seenEmail.get(email);
      if (first !== undefined)
        problems.push({
          line: row.line,
          field: "email",
          message: `${row.email} also appears on line ${first}.`,
        });
      else seenEmail.set(email, row.line);
    }
    if (row.employeeId) {
      const first = seenEmployeeId.get(row.employeeId);
      if (first !== undefined)
        problems.push({
          line: row.line,
          field: "employee_id",
          message: `Employee id ${row.employeeId} also appears on line ${first}.`,
        });
      else seenEmployeeId.set(row.employeeId, row.line);
    }
    const matchById = row.employeeId ? byEmployeeId.get(row.employeeId) : undefined;
    const matchByEmail = byEmail.get(email);
    if (matchById && matchByEmail && matchById.id !== matchByEmail.id) {
      problems.push({
        line: row.line,
        field: "email",
        message: `Employee id ${row.employeeId} belongs to ${matchById.name}, but ${row.email} belongs to ${matchByEmail.name}.`,
      });
    }
    if (
      !matchById &&
      matchByEmail?.employeeId &&
      row.employeeId &&
      matchByEmail.employeeId !== row.employeeId
    ) {
      problems.push({
        line: row.line,
        field: "employee_id",
        message: `${row.email} already has employee id ${matchByEmail.employeeId}, not ${row.employeeId}.`,
      });
    }
    const match = matchById ?? matchByEmail ?? null;
    if (match) {
      // One employee id on one line and the old email on another would update one person twice.
      const first = seenMatch.get(match.id);
      if (first !== undefined)
        problems.push({
          line: row.line,
          field: row.employeeId ? "employee_id" : "email",
          message: `This row and line ${first} both match ${match.name} (${match.email}); keep one.`,
        });
      else seenMatch.set(match.id, row.line);
    }
    return { row, match, id: match?.id ?? `new:${row.line}` };
  });

  // Lookup of everyone as they will be after the import, for manager references.
  const finalByEmail = new Map<string, string>();
  const finalByEmployeeId = new Map<string, string>();
  const importedIds = new Set(resolved.map((r) => r.id));
  for (const p of existing) {
    if (importedIds.has(p.id)) continue;
    finalByEmail.set(norm(p.email), p.id);
    if (p.employeeId) finalByEmployeeId.set(p.employeeId, p.id);
  }
  for (const r of resolved) {
    finalByEmail.set(norm(r.row.email), r.id);
    const employeeId = r.row.employeeId ?? r.match?.employeeId;
    if (employeeId) finalByEmployeeId.set(employeeId, r.id);
  }

  const managerOf = new Map<string, string | null>(existing.map((p) => [p.id, p.managerId]));
  const planned: PlannedPerson[] = resolved.map(({ row, match, id }) => {
    let managerId: string | null = null;
    if (row.managerEmployeeId) {
      managerId = finalByEmployeeId.get(row.managerEmployeeId) ?? null;
      if (!managerId)
        problems.push({
          line: row.line,
          field: "manager_employee_id",
          message: `No one has employee id ${row.managerEmployeeId}, in this file or in Headway.`,
        });
    } else if (row.managerEmail) {
      managerId = finalByEmail.get(norm(row.managerEmail)) ?? null;
      if (!managerId)
        problems.push({
          line: row.line,
          field: "manager_email",
          message: `No one has the email ${row.managerEmail}, in this file or in Headway.`,
        });
    } else if (row.managerEmail === undefined && row.managerEmployeeId === undefined) {
      // No manager column in the file: reporting lines stay as they are.
      managerId = match?.managerId ?? null;
    }
    if (managerId && managerId === id) {
      problems.push({
        line: row.line,
        field: "manager",
        message: `${row.name} cannot be their own manager.`,
      });
      managerId = null;
    }
    managerOf.set(id, managerId);
    const scope =
      (row.hrScope === null || row.hrScope === undefined) && match
        ? { all: match.hrScopeAll, departments: match.hrScopeDepartments }
        : parseHrScope(row.hrScope ?? null);
    const values = {
      employeeId: row.employeeId ?? match?.employeeId ?? null,
      email: row.email.trim(),
      name: row.name.trim(),
      title: row.title ?? match?.title ?? "",
      department: row.department ?? match?.department ?? "",
      location: row.location ?? match?.location ?? "",
      hireDate: row.hireDate === undefined ? (match?.hireDate ?? null) : row.hireDate || null,
      managerId,
      roles: row.roles ?? match?.roles ?? [],
      hrScopeAll: scope.all,
      hrScopeDepartments: scope.departments,
      demographics: { ...(match?.demographics ?? {}), ...row.demographics },
    };
    const changedFields = match
      ? (Object.keys(values) as (keyof typeof values)[]).filter(
          (k) =>
            JSON.stringify(values[k]) !== JSON.stringify((match as Record<string, unknown>)[k]),
        )
      : [];
    if (!mayManageAccess) {
      const accessChanged = match
        ? changedFields.some(
            (f) => f === "roles" || f === "hrScopeAll" || f === "hrScopeDepartments",
          )
        : values.roles.length > 0 || values.hrScopeAll || values.hrScopeDepartments.length > 0;
      if (accessChanged)
        problems.push({
          line: row.line,
          field: "roles",
          message: "Only an admin can grant or remove roles and HR scope.",
        });
      else if (match?.roles.includes("admin") && changedFields.length)
        problems.push({
          line: row.line,
          field: "email",
          message: `${match.name} is an admin; only an admin can change their details.`,
        });
    }
    return {
      line: row.line,
      action: match ? (changedFields.length ? "update" : "unchanged") : "create",
      id,
      values,
      changedFields,
    };
  });

  const cycle = findCycle(managerOf);
  if (cycle) {
    const names = new Map<string, string>([
      ...existing.map((p) => [p.id, p.name] as const),
      ...planned.map((p) => [p.id, p.values.name] as const),
    ]);
    const lineOf = new Map(planned.map((p) => [p.id, p.line]));
    const line = cycle.map((id) => lineOf.get(id)).find((l) => l !== undefined) ?? 0;
    problems.push({
      line,
      field: "manager",
      message: `Reporting lines form a loop: ${[...cycle, cycle[0]!].map((id) => names.get(id) ?? id).join(" → ")}.`,
    });
  }

  problems.sort((a, b) => a.line - b.line);
  return {
    rows: planned,
    problems,
    summary: {
      create: planned.filter((p) => p.action === "create").length,
      update: planned.filter((p) => p.action === "update").length,
      unchanged: planned.filter((p) => p.action === "unchanged").length,
      problems: problems.length,
    },
  };
}

/** A spreadsheet would run a cell that starts like a formula: prefix it so it stays text (OWASP CSV injection). */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r|]/.test(value) ? `'${value}` : value;
}

/** The inverse, on import: a file Headway exported comes back as it was. */
export function restoreFormula(value: string): string {
  return /^'[=+\-@\t\r|]/.test(value) ? value.slice(1) : value;
}
