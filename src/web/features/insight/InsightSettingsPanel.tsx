import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { MIN_GROUP_SIZE_FLOOR } from "../../../modules/insight/insight.types";
import { ApiError, api, messageOf } from "../../api";
import { QueryError } from "../../lib/QueryError";
import { Alert, Button, Card, Field, Input, Loading } from "../../ui";
import { type InsightSettings, insightSettingsKey, useInsightSettings } from "./insightApi";

// The smallest group Insight shows figures for. Below it a group (a department's closed plans, a
// gender in fairness) is hidden, so no one can be recognised from a count.

export const MAX_MIN_GROUP_SIZE = 1000;

export function InsightSettingsPanel(_props: Record<string, never>) {
  const settings = useInsightSettings();
  return (
    <section id="insight" aria-label="Insight" className="scroll-mt-4">
      <Card
        title="Insight"
        description="The dashboards HR and L&D use to see how plans end, why they start, coaching health, risk and fairness."
      >
        <ul className="max-w-prose list-disc space-y-1 pl-5 text-sm text-stone-700">
          <li>
            A group with fewer people than the minimum below is hidden: in the fairness analysis, a
            group of people too small to show; in L&amp;D's counts, a department with too few closed
            plans, running plans or managers.
          </li>
          <li>
            A small group can let a reader work out who is behind a number ("the one person over 60
            in Support was on a plan"). A larger minimum protects people better, but hides more.
          </li>
          <li>
            It can never be lower than {MIN_GROUP_SIZE_FLOOR}. The change applies at once to every
            dashboard and download, and is recorded in the audit trail.
          </li>
        </ul>
        <div className="mt-5">
          {settings.isPending ? (
            <Loading />
          ) : settings.isError ? (
            <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
          ) : (
            <MinimumForm initial={settings.data} />
          )}
        </div>
      </Card>
    </section>
  );
}

function MinimumForm({ initial }: { initial: InsightSettings }) {
  const queryClient = useQueryClient();
  const [value, setValue] = useState(String(initial.minGroupSize));
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (minGroupSize: number) =>
      api.put<InsightSettings>("/settings/insight", { minGroupSize }),
    onSuccess: (data) => {
      queryClient.setQueryData(insightSettingsKey, data);
      void queryClient.invalidateQueries({ queryKey: ["insight"] });
      void queryClient.invalidateQueries({ queryKey: ["audit"] });
      setSaved(true);
    },
  });
  const serverError =
    save.error instanceof ApiError ? save.error.fieldErrors().minGroupSize : undefined;
  const raw = value.trim();
  const dirty = raw !== String(initial.minGroupSize);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < MIN_GROUP_SIZE_FLOOR || n > MAX_MIN_GROUP_SIZE)
      return setProblem(
        `Enter a whole number of people from ${MIN_GROUP_SIZE_FLOOR} to ${MAX_MIN_GROUP_SIZE}.`,
      );
    setProblem(null);
    save.mutate(n);
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <Field
        label="Minimum group size"
        className="max-w-xl"
        error={problem ?? serverError}
        hint={`People (or closed plans) a group needs before its figures are shown: from ${MIN_GROUP_SIZE_FLOOR} to ${MAX_MIN_GROUP_SIZE}.`}
      >
        {(p) => (
          <div className="w-28">
            <Input
              {...p}
              inputMode="numeric"
              value={value}
              onChange={(e) => {
                setSaved(false);
                setValue(e.target.value);
              }}
            />
          </div>
        )}
      </Field>
      {save.isError && !serverError ? <Alert tone="error">{messageOf(save.error)}</Alert> : null}
      <div className="flex items-center gap-3">
        <Button type="submit" busy={save.isPending} busyLabel="Saving…" disabled={!dirty}>
          Save minimum
        </Button>
        <p aria-live="polite" className="text-sm text-green-800">
          {saved && !dirty ? `Saved: groups under ${initial.minGroupSize} people are hidden.` : ""}
        </p>
      </div>
    </form>
  );
}
