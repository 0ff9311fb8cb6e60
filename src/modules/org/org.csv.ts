import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { AppError } from "../../api/errors.js";
import { type ImportRow, neutraliseFormula, restoreFormula } from "./org.rules.js";

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

/** Where an unterminated quoted value opens (csv-parse reports only where the file ended). */
function unclosedQuoteLine(text: string): number | null {
  let line = 1;
  let openedAt = 0;
  let inQuotes = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      } else if (ch === "\n") line++;
      continue;
    }
    if (ch === '"' && fieldStart) {
      inQuotes = true;
      openedAt = line;
    } else if (ch === "\n") line++;
    fieldStart =
      ch === "," || ch === "\n" || ch === "\r" || (fieldStart && (ch === " " || ch === "\t"));
  }
  return inQuotes ? openedAt : null;
}

function unreadable(text: string, err: unknown): AppError {
  const e = err as { code?: string; message?: string; lines?: number };
  let line = e.lines ?? 0;
  let message = e.message ?? "parse error";
  if (e.code === "CSV_QUOTE_NOT_CLOSED") {
    line = unclosedQuoteLine(text) ?? line;
    message = `a quoted value that starts on line ${line} is never closed; add the missing " or remove the stray one`;
  } else if (e.code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH") {
    message = `line ${line} does not have as many values as the header row (${e.message}); quote values that contain commas`;
  }
  return new AppError(
    "import.invalid",
    `The file is not a readable CSV${line ? ` (line ${line})` : ""}: ${message}.`,
    [{ line, field: "(file)", message }],
  );
}

/** Reads an organisation CSV into rows with their line numbers; a broken file is one clear error. */
export function parsePeopleCsv(text: string): ImportRow[] {
  const body = text.replace(/^\uFEFF/, "");
  if (body.trim() === "")
    throw new AppError(
      "import.invalid",
      "The file is empty. Start with a header row: email,name,…",
      [{ line: 1, field: "(file)", message: "The file is empty." }],
    );
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, {
      relax_column_count: false,
      skip_empty_lines: true,
      trim: true,
      info: true,
      // The header, the allowed rows and one more, to know the file is too long without reading it all.
      to: MAX_IMPORT_ROWS + 2,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    throw unreadable(body, err);
  }
  if (records.length === 0)
    throw new AppError(
      "import.invalid",
      "The file is empty. Start with a header row: email,name,…",
      [{ line: 1, field: "(file)", message: "The file is empty." }],
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
      `The file has more than ${MAX_IMPORT_ROWS} rows; import at most ${MAX_IMPORT_ROWS} at a time.`,
      [
        {
          line: records[records.length - 1]!.info.lines,
          field: "(file)",
          message: "Too many rows.",
        },
      ],
    );
  }
  return records.slice(1).map(({ record, info }) => {
    // Fields whose column is absent stay undefined: an update keeps the current value.
    const row: ImportRow = {
      line: info.lines,
      employeeId: null,
      email: "",
      name: "",
      demographics: {},
    };
    header.forEach((h, i) => {
      const value = restoreFormula(record[i] ?? "");
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
      else if (field === "employeeId") row.employeeId = value || null;
      else if (field === "hireDate" || field === "managerEmail" || field === "managerEmployeeId")
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
