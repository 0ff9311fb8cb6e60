import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ChangeEvent, useId, useRef, useState } from "react";
import { ApiError, api, messageOf } from "../../api";
import type { ImportPreview, ImportProblem, ImportSummary } from "../../types";
import {
  Alert,
  Badge,
  type BadgeTone,
  Button,
  buttonClass,
  Card,
  Field,
  Table,
  TBody,
  Td,
  TextArea,
  THead,
  Th,
} from "../../ui";
import { sampleCsvHref, templateColumns } from "./sampleCsv";

const MAX_BYTES = 5 * 1024 * 1024;

const actionTone: Record<ImportPreview["rows"][number]["action"], BadgeTone> = {
  create: "success",
  update: "accent",
  unchanged: "neutral",
};
const actionLabel: Record<ImportPreview["rows"][number]["action"], string> = {
  create: "New",
  update: "Update",
  unchanged: "Unchanged",
};

/** Problems from a failed request (unreadable file, missing columns) in the same shape as a preview's. */
function problemsOf(error: unknown): ImportProblem[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return (error.details as Partial<ImportProblem>[])
    .filter((d) => typeof d?.message === "string")
    .map((d) => ({ line: d.line ?? 0, field: d.field ?? "", message: d.message! }));
}

export function ImportPanel({ onImported }: { onImported?: (summary: ImportSummary) => void }) {
  const queryClient = useQueryClient();
  const fileId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [csv, setCsv] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [previewed, setPreviewed] = useState<{ csv: string; result: ImportPreview } | null>(null);

  const preview = useMutation({
    mutationFn: (text: string) => api.post<ImportPreview>("/imports/people/preview", { csv: text }),
    onSuccess: (result, text) => setPreviewed({ csv: text, result }),
    onMutate: () => setPreviewed(null),
  });
  const commit = useMutation({
    mutationFn: (text: string) => api.post<ImportSummary>("/imports/people/commit", { csv: text }),
    onSuccess: (summary) => {
      setPreviewed(null);
      setCsv("");
      setFileName(null);
      if (fileInput.current) fileInput.current.value = "";
      for (const key of ["people", "person", "departments", "team", "audit", "home"])
        void queryClient.invalidateQueries({ queryKey: [key] });
      onImported?.(summary);
    },
  });

  const changeCsv = (text: string) => {
    setCsv(text);
    commit.reset();
    if (previewed && previewed.csv !== text) setPreviewed(null);
  };

  const pickFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    setFileError(null);
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setFileError("This file is larger than 5 MB. Split it into smaller files and import each.");
      return;
    }
    setFileName(file.name);
    changeCsv(await file.text());
  };

  const result = previewed?.result;
  const requestProblems = problemsOf(preview.error);
  const problems = result?.problems ?? [];
  const stale = Boolean(previewed && previewed.csv !== csv);
  const changes = result ? result.summary.create + result.summary.update : 0;

  return (
    <Card
      title={<span id="import">Import people</span>}
      description="Add or update your organisation from a CSV. Nothing is written until you confirm, and re-importing the same file changes nothing."
      actions={
        <a
          href={sampleCsvHref()}
          download="headway-people-template.csv"
          className={buttonClass({ variant: "secondary", size: "sm" })}
        >
          Download a sample CSV
        </a>
      }
    >
      <div className="space-y-4">
        <p className="text-sm text-stone-600">
          Columns: <code className="text-xs break-words">{templateColumns.join(", ")}</code>. Only{" "}
          <code className="text-xs">email</code> and <code className="text-xs">name</code> are
          required. People are matched by employee id, then email.
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
        <Field label="Or paste the CSV here" hint="The first line is the header row.">
          {(p) => (
            <TextArea
              {...p}
              rows={6}
              value={csv}
              onChange={(e) => {
                setFileName(null);
                changeCsv(e.target.value);
              }}
              spellCheck={false}
              wrap="off"
              className="font-mono text-xs"
              placeholder={`${templateColumns.slice(0, 8).join(",")}\nE001,amara@example.com,Amara Okafor,Head of Operations,Operations,London,2019-04-01,`}
            />
          )}
        </Field>
        <div className="flex flex-wrap gap-3">
          <Button
            variant={result && !stale ? "secondary" : "primary"}
            disabled={!csv.trim()}
            busy={preview.isPending}
            busyLabel="Checking…"
            onClick={() => preview.mutate(csv)}
          >
            Preview
          </Button>
          {result && !stale ? (
            <Button
              disabled={problems.length > 0 || changes === 0}
              busy={commit.isPending}
              busyLabel="Importing…"
              onClick={() => commit.mutate(previewed!.csv)}
            >
              Confirm import
            </Button>
          ) : null}
        </div>

        <div aria-live="polite" className="space-y-4">
          {preview.isError ? (
            <Alert tone="error" title="The file could not be checked">
              <p>{messageOf(preview.error)}</p>
              {requestProblems.length ? <ProblemList problems={requestProblems} /> : null}
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
          {result && !stale ? (
            <PreviewResult result={result} />
          ) : stale ? (
            <p className="text-sm text-stone-600">The CSV changed. Preview it again to check it.</p>
          ) : null}
        </div>
      </div>
    </Card>
  );
}

function ProblemList({ problems }: { problems: ImportProblem[] }) {
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

function PreviewResult({ result }: { result: ImportPreview }) {
  const { summary, problems, rows } = result;
  return (
    <section aria-labelledby="preview-heading" className="space-y-3">
      <h3 id="preview-heading" className="text-base font-semibold">
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
        <Alert tone="error" title="Fix these problems, then preview again">
          <ProblemList problems={problems} />
        </Alert>
      ) : summary.create + summary.update === 0 ? (
        <Alert tone="info">
          Everyone in this file is already up to date. There is nothing to import.
        </Alert>
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
                <Th>Person</Th>
                <Th className="hidden sm:table-cell">Title</Th>
                <Th className="hidden sm:table-cell">Department</Th>
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
                  <Td>
                    <span className="block font-medium">{r.name}</span>
                    <span className="block text-xs break-all text-stone-600">{r.email}</span>
                  </Td>
                  <Td className="hidden sm:table-cell">{r.title || "—"}</Td>
                  <Td className="hidden sm:table-cell">{r.department || "—"}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
        </div>
      ) : null}
    </section>
  );
}
