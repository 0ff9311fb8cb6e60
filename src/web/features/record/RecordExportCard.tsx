import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, messageOf } from "../../api";
import { formatDateTime } from "../../lib/format";
import { Alert, Button, Card } from "../../ui";
import type { RecordExports, SigningKey } from "./types";

// "Your record": everything Headway holds about you that you may see, to download at any time as
// a zip (record.json, record.pdf, signature.json). Each download is recorded in the audit trail.

const exportsKey = ["me", "record", "exports"] as const;

const included = [
  "Success plans issued to you, with every version you were shown, the evidence and your answers, check-ins and acknowledgements",
  "Your responses, questions, action items and achievements on those plans",
  "Your 1:1s: meetings, agendas, shared notes, your own private notes and commitments",
  "Feedback shared with you and feedback you gave",
  "Your coaching profile, growth goals, onboarding plan and documented discussions shared with you",
  "Your confidential threads with HR",
  "The audit events about you and your records",
];

/** Fetches the zip and hands it to the browser as a download, so progress and errors can show. */
async function downloadRecord(): Promise<void> {
  let res: Response;
  try {
    res = await fetch("/api/v1/me/record.zip", { credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "network.unreachable", "Headway could not be reached. Try again.");
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as {
      error?: { code?: string; message?: string };
    } | null;
    throw new ApiError(
      res.status,
      body?.error?.code ?? `http.${res.status}`,
      body?.error?.message ?? "Your record could not be prepared. Try again in a moment.",
    );
  }
  const name =
    /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ??
    "headway-record.zip";
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function RecordExportCard(_props: Record<string, never>) {
  const queryClient = useQueryClient();
  const history = useQuery({
    queryKey: exportsKey,
    queryFn: () => api.get<RecordExports>("/me/record/exports"),
  });
  const key = useQuery({
    queryKey: ["record", "signing-key"],
    queryFn: () => api.get<SigningKey>("/record/signing-key"),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const download = useMutation({
    mutationFn: downloadRecord,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: exportsKey }),
  });
  const last = history.data?.items[0];

  return (
    <Card
      title="Your record"
      description="Download everything Headway holds about you that you may see, whenever you like."
    >
      <div className="max-w-prose space-y-3 text-sm text-stone-700">
        <p>
          The download is a zip with a PDF to read and keep, the same record as JSON, and a
          signature. It includes:
        </p>
        <ul className="list-disc space-y-1 pl-5">
          {included.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p>
          Your manager's private notes and HR's own confidential records are not part of it, as in
          the app. The signature covers both files and the current end of Headway's audit trail:
          whoever receives a copy (HR, a lawyer) can have Headway check that it was not changed and
          that the history behind it still stands.
          {key.data ? (
            <>
              {" "}
              Copies are signed with key <code className="font-mono text-xs">{key.data.keyId}</code>
              .
            </>
          ) : null}
        </p>
        <p>Each download is recorded in the audit trail.</p>
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <Button
          busy={download.isPending}
          busyLabel="Preparing your record…"
          onClick={() => download.mutate()}
        >
          Download my record (.zip)
        </Button>
        <span className="text-sm text-stone-600" aria-live="polite">
          {history.isPending
            ? null
            : last
              ? `Last exported ${formatDateTime(last.at)}${last.format === "json" ? " (as JSON, through the API)" : ""}.`
              : "You have not exported it yet."}
        </span>
      </div>
      <div aria-live="polite">
        {download.isError ? (
          <Alert tone="error" className="mt-3">
            {messageOf(download.error)}
          </Alert>
        ) : null}
        {download.isSuccess ? (
          <Alert tone="success" className="mt-3">
            Your record was downloaded. Keep the zip as it is: the signature checks every file in
            it.
          </Alert>
        ) : null}
        {history.isError ? (
          <Alert tone="error" className="mt-3">
            {messageOf(history.error)}
          </Alert>
        ) : null}
      </div>
    </Card>
  );
}
