import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { api } from "../../api";
import { Button } from "../../ui";
import {
  CsvFileField,
  CsvPreview,
  CsvRequestAlerts,
  type RowColumn,
} from "../settings/CsvImportSteps";
import { catalogueKey } from "./catalogueApi";
import type { CatalogueImportPreview, CatalogueImportSummary } from "./types";

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

type Row = CatalogueImportPreview["rows"][number];
const columns: RowColumn<Row>[] = [
  {
    header: "Resource",
    cell: (r) => (
      <>
        <span className="block font-medium">{r.title}</span>
        {r.provider ? <span className="block text-xs text-stone-600">{r.provider}</span> : null}
      </>
    ),
  },
  { header: "Kind", className: "hidden sm:table-cell", cell: (r) => r.kind },
];

/** Upload a catalogue CSV → see what it would do and every problem by line → confirm. */
export function CatalogueImport({ onDone }: { onDone?: () => void }) {
  const queryClient = useQueryClient();
  const fileId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);

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
      <CsvFileField
        inputRef={fileInput}
        fileName={fileName}
        onPick={() => {
          commit.reset();
          preview.reset();
          setCsv(null);
        }}
        onFile={async (file) => {
          const text = await file.text();
          setFileName(file.name);
          setCsv(text);
          preview.mutate(text);
        }}
      />

      <div aria-live="polite" className="space-y-4">
        {preview.isPending ? <p className="text-sm text-stone-600">Checking the file…</p> : null}
        <CsvRequestAlerts preview={preview} commit={commit} />
        {result ? (
          <CsvPreview
            headingId={`${fileId}-preview`}
            result={result}
            problemsTitle="Fix these problems in the file, then choose it again"
            upToDate="Every resource in this file is already up to date."
            columns={columns}
          >
            <Button
              disabled={!csv || result.problems.length > 0 || changes === 0}
              busy={commit.isPending}
              busyLabel="Importing…"
              onClick={() => csv && commit.mutate(csv)}
            >
              Confirm import
            </Button>
          </CsvPreview>
        ) : null}
      </div>
    </div>
  );
}
