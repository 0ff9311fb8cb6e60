import type { ChangeEvent, ReactNode, Ref } from "react";
import { useId, useState } from "react";
import { ApiError, messageOf } from "../../api";
import { Alert, Badge, type BadgeTone, Table, TBody, Td, THead, Th } from "../../ui";

// The steps a CSV import shares, whatever it imports: choosing the file, the alerts of the preview
// and commit requests, and the preview (its counts, its problems by line, the rows it would write).

const MAX_BYTES = 5 * 1024 * 1024;

export type CsvImportProblem = { line: number; field: string; message: string };
type Action = "create" | "update" | "unchanged";
export type CsvImportRow = { line: number; action: Action; changedFields: string[] };
type Counts = { create: number; update: number; unchanged: number };

const actionTone: Record<Action, BadgeTone> = {
  create: "success",
  update: "accent",
  unchanged: "neutral",
};
const actionLabel: Record<Action, string> = {
  create: "New",
  update: "Update",
  unchanged: "Unchanged",
};

/** Problems from a refused request (unreadable file, missing columns) in a preview's shape. */
export function problemsOf(error: unknown): CsvImportProblem[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return (error.details as Partial<CsvImportProblem>[])
    .filter((d) => typeof d?.message === "string")
    .map((d) => ({ line: d.line ?? 0, field: d.field ?? "", message: d.message! }));
}

/**
 * "Choose a CSV file": refuses one over 5 MB, and hands on the file chosen. `onPick` runs on every
 * choice (even none), before the file is checked.
 */
export function CsvFileField({
  inputRef,
  fileName,
  onPick,
  onFile,
}: {
  inputRef: Ref<HTMLInputElement>;
  fileName: string | null;
  onPick?: () => void;
  onFile: (file: File) => void | Promise<void>;
}) {
  const fileId = useId();
  const [fileError, setFileError] = useState<string | null>(null);

  const pickFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    setFileError(null);
    onPick?.();
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setFileError("This file is larger than 5 MB. Split it into smaller files and import each.");
      return;
    }
    await onFile(file);
  };

  return (
    <div className="space-y-1.5">
      <label htmlFor={fileId} className="block text-sm font-medium text-stone-800">
        Choose a CSV file
      </label>
      <input
        ref={inputRef}
        id={fileId}
        type="file"
        accept=".csv,text/csv"
        onChange={(e) => void pickFile(e)}
        aria-describedby={fileError ? `${fileId}-error` : undefined}
        className="block w-full text-sm text-stone-700 file:mr-3 file:rounded-md file:border file:border-stone-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium file:text-stone-800 hover:file:bg-stone-100"
      />
      {fileName ? <p className="text-sm text-stone-600">Loaded {fileName}.</p> : null}
      {fileError ? (
        <p id={`${fileId}-error`} className="text-sm font-medium text-red-700">
          {fileError}
        </p>
      ) : null}
    </div>
  );
}

type Request<T> = { isError: boolean; error: unknown; isSuccess: boolean; data?: T };

/** What the preview and commit requests answered when they failed, and the commit's counts. */
export function CsvRequestAlerts({
  preview,
  commit,
}: {
  preview: Request<unknown>;
  commit: Request<Counts>;
}) {
  return (
    <>
      {preview.isError ? (
        <Alert tone="error" title="The file could not be checked">
          <p>{messageOf(preview.error)}</p>
          <ProblemList problems={problemsOf(preview.error)} />
        </Alert>
      ) : null}
      {commit.isError ? (
        <Alert tone="error" title="Nothing was imported">
          <p>{messageOf(commit.error)}</p>
          <ProblemList problems={problemsOf(commit.error)} />
        </Alert>
      ) : null}
      {commit.isSuccess && commit.data ? (
        <Alert tone="success" title="Import complete">
          {commit.data.create} added, {commit.data.update} updated, {commit.data.unchanged}{" "}
          unchanged.
        </Alert>
      ) : null}
    </>
  );
}

export function ProblemList({ problems }: { problems: CsvImportProblem[] }) {
  if (!problems.length) return null;
  return (
    <ul className="mt-2 list-disc space-y-1 pl-5">
      {problems.map((p) => (
        <li key={`${p.line}-${p.field}-${p.message}`}>
          {p.line ? <strong>Line {p.line}</strong> : <strong>File</strong>}
          {p.field && p.field !== "(file)" ? <> ({p.field})</> : null}: {p.message}
        </li>
      ))}
    </ul>
  );
}

export type RowColumn<R> = { header: string; className?: string; cell: (row: R) => ReactNode };

/** The preview of an import: its counts, its problems or all clear, and the rows it would write. */
export function CsvPreview<R extends CsvImportRow>({
  headingId,
  result,
  problemsTitle,
  upToDate,
  columns,
  children,
}: {
  headingId: string;
  result: { summary: Counts & { problems: number }; problems: CsvImportProblem[]; rows: R[] };
  problemsTitle: string;
  upToDate: ReactNode;
  columns: RowColumn<R>[];
  children?: ReactNode;
}) {
  const { summary, problems, rows } = result;
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h3 id={headingId} className="text-base font-semibold">
        Preview: nothing has been written yet
      </h3>
      <p className="flex flex-wrap gap-2 text-sm">
        <Badge tone="success">{summary.create} new</Badge>
        <Badge tone="accent">{summary.update} to update</Badge>
        <Badge>{summary.unchanged} unchanged</Badge>
        <Badge tone={summary.problems ? "danger" : "neutral"}>
          {summary.problems} {summary.problems === 1 ? "problem" : "problems"}
        </Badge>
      </p>
      {problems.length ? (
        <Alert tone="error" title={problemsTitle}>
          <ProblemList problems={problems} />
        </Alert>
      ) : summary.create + summary.update === 0 ? (
        <Alert tone="info">{upToDate}</Alert>
      ) : (
        <Alert tone="success">
          No problems found. Check the rows below, then confirm the import.
        </Alert>
      )}
      {rows.length ? (
        <div className="rounded-md border border-stone-200">
          <Table caption="Rows in the file">
            <THead>
              <tr>
                <Th>Line</Th>
                <Th>Change</Th>
                {columns.map((c) => (
                  <Th key={c.header} className={c.className}>
                    {c.header}
                  </Th>
                ))}
              </tr>
            </THead>
            <TBody>
              {rows.map((r) => (
                <tr key={r.line}>
                  <Td className="tabular-nums text-stone-600">{r.line}</Td>
                  <Td>
                    <Badge tone={actionTone[r.action]}>{actionLabel[r.action]}</Badge>
                    {r.action === "update" && r.changedFields.length ? (
                      <span className="mt-1 block text-xs text-stone-600">
                        {r.changedFields.join(", ")}
                      </span>
                    ) : null}
                  </Td>
                  {columns.map((c) => (
                    <Td key={c.header} className={c.className}>
                      {c.cell(r)}
                    </Td>
                  ))}
                </tr>
              ))}
            </TBody>
          </Table>
        </div>
      ) : null}
      {children}
    </section>
  );
}
