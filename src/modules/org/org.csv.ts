import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { AppError } from "../../api/errors.js";
import { type ImportRow, neutraliseFormula } from "./org.rules.js";

export const MAX_IMPORT_ROWS = 10_000;

const aliases: Record<string, keyof Omit<ImportRow, "line" | "demographics">> = {
  employee_id: "employeeId",
  employeeid: "employeeId",
  id: "employeeId",
  email: "email",
  work_email: "email",
  name: "name",
  full_name: "name",
  title: "title",
  job_title: "title",
  department: "department",
  location: "location",
  hire_date: "hireDate",
  start_date: "hireDate",
  manager_email: "managerEmail",
  manager_employee_id: "managerEmployeeId",
  roles: "roles",
  hr_scope: "hrScope",
};

const key = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

/** Reads an organisation CSV into rows with their line numbers; a broken file is one clear error. */
export function parsePeopleCsv(text: string): ImportRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), {
      relax_column_count: false,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    throw new AppError(
      "import.invalid",
      `The file is not a readable CSV${e.lines ? ` (line ${e.lines})` : ""}: ${e.message ?? "parse error"}.`,
      [{ line: e.lines ?? 0, field: "(file)", message: e.message ?? "parse error" }],
    );
  }
  if (records.length === 0)
    throw new AppError(
      "import.invalid",
      "The file is empty. Start with a header row: email,name,…",
    );
  const header = records[0]!.record.map(key);
  const missing = ["email", "name"].filter((c) => !header.some((h) => aliases[h] === c));
  if (missing.length) {
    throw new AppError(
      "import.invalid",
      `The header row lacks the column${missing.length > 1 ? "s" : ""} ${missing.join(" and ")}. Expected columns: employee_id, email, name, title, department, location, hire_date, manager_email (or manager_employee_id), roles, hr_scope, demographic_*.`,
      missing.map((m) => ({ line: 1, field: m, message: `Missing column "${m}".` })),
    );
  }
  if (records.length - 1 > MAX_IMPORT_ROWS) {
    throw new AppError(
      "import.invalid",
      `The file has ${records.length - 1} rows; import at most ${MAX_IMPORT_ROWS} at a time.`,
    );
  }
  return records.slice(1).map(({ record, info }) => {
    const row: ImportRow = {
      line: info.lines,
      employeeId: null,
      email: "",
      name: "",
      title: "",
      department: "",
      location: "",
      hireDate: null,
      managerEmail: null,
      managerEmployeeId: null,
      roles: null,
      hrScope: null,
      demographics: {},
    };
    header.forEach((h, i) => {
      const value = record[i] ?? "";
      if (h.startsWith("demographic_")) {
        if (value) row.demographics[h.slice("demographic_".length)] = value;
        return;
      }
      const field = aliases[h];
      if (!field) return;
      if (field === "roles")
        row.roles = value
          ? value
              .split(/[;,]/)
              .map((r) => r.trim().toLowerCase())
              .filter(Boolean)
          : [];
      else if (field === "hrScope") row.hrScope = value || null;
      else if (
        field === "employeeId" ||
        field === "hireDate" ||
        field === "managerEmail" ||
        field === "managerEmployeeId"
      )
        row[field] = value || null;
      else row[field] = value;
    });
    return row;
  });
}

export const exportColumns = [
  "employee_id",
  "email",
  "name",
  "title",
  "department",
  "location",
  "hire_date",
  "manager_email",
  "roles",
  "hr_scope",
] as const;

/** CSV that opens safely in a spreadsheet: every cell that could run as a formula is neutralised. */
export function toCsv(rows: Record<string, string>[], columns: readonly string[]): string {
  return stringify(
    rows.map((r) => columns.map((c) => neutraliseFormula(r[c] ?? ""))),
    { header: true, columns: [...columns], quoted_match: /[",\n\r]/ },
  );
}
