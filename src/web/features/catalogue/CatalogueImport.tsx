import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ChangeEvent, useId, useRef, useState } from "react";
import { ApiError, api, messageOf } from "../../api";
import { Alert, Badge, type BadgeTone, Button, Table, TBody, Td, THead, Th } from "../../ui";
import { catalogueKey } from "./catalogueApi";
import type {
  CatalogueImportPreview,
  CatalogueImportProblem,
  CatalogueImportSummary,
} from "./types";

const MAX_BYTES = 5 * 1024 * 1024;

export const catalogueCsvColumns = [
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
];

type Action = CatalogueImportPreview["rows"][number]["action"];
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
function problemsOf(error: unknown): CatalogueImportProblem[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return (error.details as Partial<CatalogueImportProblem>[])
    .filter((d) => typeof d?.message === "string")
    .map((d) => ({ line: d.line ?? 0, field: d.field ?? "", message: d.message! }));
}

/** Upload a catalogue CSV → see what it would do and every problem by line → confirm. */
export function CatalogueImport({ onDone }: { onDone?: () => void }) {
  const queryClient = useQueryClient();
  const fileId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const preview = useMutation({
    mutationFn: (text: string) =>
      api.post<CatalogueImportPreview>("/imports/catalogue/preview", { csv: text }),
  });
  const commit = useMutation({
    mutationFn: (text: string) =>
      api.post<CatalogueImportSummary>("/imports/catalogue/commit", { csv: text }),
    onSuccess: () => {
      preview.reset();
      setCsv(null);
      setFileName(null);
      if (fileInput.current) fileInput.current.value = "";
      void queryClient.invalidateQueries({ queryKey: catalogueKey });
      onDone?.();
    },
  });

  const pickFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    setFileError(null);
    commit.reset();
    preview.reset();
    setCsv(null);
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setFileError("This file is larger than 5 MB. Split it into smaller files and import each.");
      return;
    }
    const text = await file.text();
    setFileName(file.name);
    setCsv(text);
    preview.mutate(text);
  };

  const result = preview.data;
  const changes = result ? result.summary.create + result.summary.update : 0;

  return (
    <div className="space-y-4">
      <p className="text-sm text-stone-600">
        Columns: <code className="text-xs break-words">{catalogueCsvColumns.join(", ")}</code>. Only{" "}
        <code className="text-xs">kind</code> and <code className="text-xs">title</code> are
        required. Separate skills and causes with semicolons. A row with an id updates that
        resource; otherwise rows are matched by kind, title and provider. Export the catalogue for a
        file in this format.
      </p>
      <div className="space-y-1.5">
        <label htmlFor={fileId} className="block text-sm font-medium text-stone-800">
          Choose a CSV file
        </label>
        <input
          ref={fileInput}
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

      <div aria-live="polite" className="space-y-4">
        {preview.isPending ? <p className="text-sm text-stone-600">Checking the file…</p> : null}
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
        {commit.isSuccess ? (
          <Alert tone="success" title="Import complete">
            {commit.data.create} added, {commit.data.update} updated, {commit.data.unchanged}{" "}
            unchanged.
          </Alert>
        ) : null}
        {result ? (
          <section aria-labelledby={`${fileId}-preview`} className="space-y-3">
            <h3 id={`${fileId}-preview`} className="text-base font-semibold">
              Preview: nothing has been written yet
            </h3>
            <p className="flex flex-wrap gap-2 text-sm">
              <Badge tone="success">{result.summary.create} new</Badge>
              <Badge tone="accent">{result.summary.update} to update</Badge>
              <Badge>{result.summary.unchanged} unchanged</Badge>
              <Badge tone={result.summary.problems ? "danger" : "neutral"}>
                {result.summary.problems} {result.summary.problems === 1 ? "problem" : "problems"}
              </Badge>
            </p>
            {result.problems.length ? (
              <Alert tone="error" title="Fix these problems in the file, then choose it again">
                <ProblemList problems={result.problems} />
              </Alert>
            ) : changes === 0 ? (
              <Alert tone="info">Every resource in this file is already up to date.</Alert>
            ) : (
              <Alert tone="success">
                No problems found. Check the rows below, then confirm the import.
              </Alert>
            )}
            {result.rows.length ? (
              <div className="rounded-md border border-stone-200">
                <Table caption="Rows in the file">
                  <THead>
                    <tr>
                      <Th>Line</Th>
                      <Th>Change</Th>
                      <Th>Resource</Th>
                      <Th className="hidden sm:table-cell">Kind</Th>
                    </tr>
                  </THead>
                  <TBody>
                    {result.rows.map((r) => (
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
                        <Td>
                          <span className="block font-medium">{r.title}</span>
                          {r.provider ? (
                            <span className="block text-xs text-stone-600">{r.provider}</span>
                          ) : null}
                        </Td>
                        <Td className="hidden sm:table-cell">{r.kind}</Td>
                      </tr>
                    ))}
                  </TBody>
                </Table>
              </div>
            ) : null}
            <Button
              disabled={!csv || result.problems.length > 0 || changes === 0}
              busy={commit.isPending}
              busyLabel="Importing…"
              onClick={() => csv && commit.mutate(csv)}
            >
              Confirm import
            </Button>
          </section>
        ) : null}
      </div>
    </div>
  );
}

function ProblemList({ problems }: { problems: CatalogueImportProblem[] }) {
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
