import { parse } from "csv-parse/sync";
import { AppError } from "../../api/errors.js";
import { toCsv } from "../org/org.csv.js";
import { restoreFormula } from "../org/org.rules.js";
import type { CatalogueItemRow } from "./catalogue.repository.js";
import type { CatalogueImportRow } from "./catalogue.rules.js";

export const MAX_CATALOGUE_IMPORT_ROWS = 5_000;

export const catalogueColumns = [
  "id",
  "kind",
  "title",
  "provider",
  "link",
  "description",
  "duration_hours",
  "format",
  "skills",
  "causes",
  "active",
] as const;

const aliases: Record<string, keyof Omit<CatalogueImportRow, "line">> = {
  id: "id",
  kind: "kind",
  type: "kind",
  title: "title",
  name: "title",
  provider: "provider",
  link: "link",
  url: "link",
  description: "description",
  duration_hours: "durationHours",
  duration: "durationHours",
  hours: "durationHours",
  format: "format",
  skills: "skills",
  causes: "causes",
  root_causes: "causes",
  active: "active",
};

const key = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

const fileProblem = (message: string, line = 1) =>
  new AppError("import.invalid", message, [{ line, field: "(file)", message }]);

/** Reads a catalogue CSV into rows with their line numbers; a broken file is one clear error. */
export function parseCatalogueCsv(text: string): CatalogueImportRow[] {
  const body = text.replace(/^\uFEFF/, "");
  const expected = `Expected columns: ${catalogueColumns.join(", ")}.`;
  if (body.trim() === "")
    throw fileProblem(`The file is empty. Start with a header row: ${catalogueColumns.join(",")}`);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, {
      relax_column_count: false,
      skip_empty_lines: true,
      trim: true,
      info: true,
      to: MAX_CATALOGUE_IMPORT_ROWS + 2,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const e = err as { code?: string; message?: string; lines?: number };
    const line = e.lines ?? 0;
    const why =
      e.code === "CSV_QUOTE_NOT_CLOSED"
        ? 'a quoted value is never closed; add the missing " or remove the stray one'
        : e.code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH"
          ? `line ${line} does not have as many values as the header row; quote values that contain commas`
          : (e.message ?? "parse error");
    throw fileProblem(
      `The file is not a readable CSV${line ? ` (line ${line})` : ""}: ${why}.`,
      line || 1,
    );
  }
  if (records.length === 0) throw fileProblem(`The file is empty. ${expected}`);
  const header = records[0]!.record.map(key);
  const missing = (["kind", "title"] as const).filter((c) => !header.some((h) => aliases[h] === c));
  if (missing.length)
    throw new AppError(
      "import.invalid",
      `The header row lacks the column${missing.length > 1 ? "s" : ""} ${missing.join(" and ")}. ${expected}`,
      missing.map((m) => ({ line: 1, field: m, message: `Missing column "${m}".` })),
    );
  if (records.length - 1 > MAX_CATALOGUE_IMPORT_ROWS)
    throw fileProblem(
      `The file has more than ${MAX_CATALOGUE_IMPORT_ROWS.toLocaleString("en")} rows; import at most ${MAX_CATALOGUE_IMPORT_ROWS.toLocaleString("en")} at a time.`,
      records[records.length - 1]!.info.lines,
    );
  return records.slice(1).map(({ record, info }) => {
    const row: CatalogueImportRow = { line: info.lines };
    header.forEach((h, i) => {
      const field = aliases[h];
      if (field) row[field] = restoreFormula(record[i] ?? "");
    });
    return row;
  });
}

/** The catalogue as a CSV that opens safely in a spreadsheet and imports back unchanged. */
export function toCatalogueCsv(rows: CatalogueItemRow[]): string {
  return toCsv(
    rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      provider: r.provider,
      link: r.link,
      description: r.description,
      duration_hours: r.durationHours === null ? "" : String(r.durationHours),
      format: r.format,
      skills: r.skills.join(";"),
      causes: r.causes.join(";"),
      active: r.active ? "true" : "false",
    })),
    catalogueColumns,
  );
}
