import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { api } from "../../api";
import type { ImportPreview, ImportSummary } from "../../types";
import { Button, buttonClass, Card, Field, TextArea } from "../../ui";
import { CsvFileField, CsvPreview, CsvRequestAlerts, type RowColumn } from "./CsvImportSteps";
import { sampleCsvHref, templateColumns } from "./sampleCsv";

type Row = ImportPreview["rows"][number];
const columns: RowColumn<Row>[] = [
  {
    header: "Person",
    cell: (r) => (
      <>
        <span className="block font-medium">{r.name}</span>
        <span className="block text-xs break-all text-stone-600">{r.email}</span>
      </>
    ),
  },
  { header: "Title", className: "hidden sm:table-cell", cell: (r) => r.title || "—" },
  { header: "Department", className: "hidden sm:table-cell", cell: (r) => r.department || "—" },
];

export function ImportPanel({ onImported }: { onImported?: (summary: ImportSummary) => void }) {
  const queryClient = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [csv, setCsv] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
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

  const result = previewed?.result;
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
        <CsvFileField
          inputRef={fileInput}
          fileName={fileName}
          onFile={async (file) => {
            setFileName(file.name);
            changeCsv(await file.text());
          }}
        />
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
          <CsvRequestAlerts preview={preview} commit={commit} />
          {result && !stale ? (
            <CsvPreview
              headingId="preview-heading"
              result={result}
              problemsTitle="Fix these problems, then preview again"
              upToDate="Everyone in this file is already up to date. There is nothing to import."
              columns={columns}
            />
          ) : stale ? (
            <p className="text-sm text-stone-600">The CSV changed. Preview it again to check it.</p>
          ) : null}
        </div>
      </div>
    </Card>
  );
}
