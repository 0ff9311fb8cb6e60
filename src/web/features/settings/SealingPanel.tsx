import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { JSONParsed } from "hono/utils/types";
import { type FormEvent, useState } from "react";
import type { getSealingSettings } from "../../../modules/plans/plans.sealing.service";
import { ApiError, api, messageOf } from "../../api";
import { QueryError } from "../../lib/QueryError";
import { Alert, Button, Card, Field, Input, Loading } from "../../ui";

// Sealed plans: a plan that closes with its goals met does not follow the person around. Admins
// and organisation-wide HR choose how long the manager who ran it may still open it.

type SealingSettings = JSONParsed<Awaited<ReturnType<typeof getSealingSettings>>>;

const sealingKey = ["settings", "sealing"] as const;
const MAX_DAYS = 730;

const days = (n: number) => `${n} ${n === 1 ? "day" : "days"}`;

export function SealingPanel(_props: Record<string, never>) {
  const settings = useQuery({
    queryKey: sealingKey,
    queryFn: () => api.get<SealingSettings>("/settings/sealing"),
  });
  return (
    <section id="sealing" aria-label="Sealed plans" className="scroll-mt-4">
      <Card
        title="Sealed plans"
        description="When a success plan closes with its goals met, it is sealed: the record is kept, but it does not follow the person around."
      >
        <ul className="max-w-prose list-disc space-y-1 pl-5 text-sm text-stone-700">
          <li>The employee can always open their own plan, and it stays in their record export.</li>
          <li>HR partners whose scope covers the employee can always open it.</li>
          <li>
            The manager who ran the plan can open it for the period below, counted from the day it
            closed. Then it is closed to them too.
          </li>
          <li>
            A future manager, managers higher up and everyone else cannot open it: to them it does
            not exist. They do not see that there was a plan.
          </li>
          <li>
            Sealing, every later opening of the plan, and every refused attempt by someone who would
            otherwise have seen it are recorded in the audit trail.
          </li>
        </ul>
        <div className="mt-5">
          {settings.isPending ? (
            <Loading />
          ) : settings.isError ? (
            <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
          ) : (
            <DaysForm initial={settings.data} />
          )}
        </div>
      </Card>
    </section>
  );
}

function DaysForm({ initial }: { initial: SealingSettings }) {
  const queryClient = useQueryClient();
  const [value, setValue] = useState(String(initial.managerDays));
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (managerDays: number) =>
      api.put<SealingSettings>("/settings/sealing", { managerDays }),
    onSuccess: (data) => {
      queryClient.setQueryData(sealingKey, data);
      void queryClient.invalidateQueries({ queryKey: ["audit"] });
      setSaved(true);
    },
  });
  const serverError =
    save.error instanceof ApiError ? save.error.fieldErrors().managerDays : undefined;
  const raw = value.trim();
  const dirty = raw !== String(initial.managerDays);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    if (!/^\d+$/.test(raw) || Number(raw) > MAX_DAYS)
      return setProblem(`Enter a whole number of days from 0 to ${MAX_DAYS}.`);
    setProblem(null);
    save.mutate(Number(raw));
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <Field
        label="Days the manager who ran a plan may still open it"
        className="max-w-xl"
        error={problem ?? serverError}
        hint={`Counted from the day the plan closed: from 0 (not after it closes) to ${MAX_DAYS} (two years). A change applies to plans sealed from now on; plans already sealed keep their date.`}
      >
        {(p) => (
          <Input
            {...p}
            inputMode="numeric"
            className="w-28"
            value={value}
            onChange={(e) => {
              setSaved(false);
              setValue(e.target.value);
            }}
          />
        )}
      </Field>
      {save.isError && !serverError ? <Alert tone="error">{messageOf(save.error)}</Alert> : null}
      <div className="flex items-center gap-3">
        <Button type="submit" busy={save.isPending} busyLabel="Saving…" disabled={!dirty}>
          Save period
        </Button>
        <p aria-live="polite" className="text-sm text-green-800">
          {saved && !dirty ? `Saved: ${days(initial.managerDays)}.` : ""}
        </p>
      </div>
    </form>
  );
}
