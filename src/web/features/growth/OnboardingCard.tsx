import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import { ApiError, api, messageOf } from "../../api";
import { formatDate } from "../../lib/format";
import { Alert, Badge, Button, Card, Field, Loading, Select, TextField } from "../../ui";
import { useSignedIn } from "../layout/session";
import { firstName } from "./bits";
import {
  isNotFound,
  onboardingKey,
  onboardingListKey,
  useOnboardingPlans,
  useOnboardingTemplates,
} from "./growthApi";
import { StageStatusBadge } from "./OnboardingPage";
import type { OnboardingPlan } from "./types";

// The onboarding card on a person's page: their 30/60/90-day plan at a glance, or, for a new hire
// without one, a way for their manager or HR to start it from a template.

const DAY = 86_400_000;

/** A hire within the last year (or still to start): onboarding applies. Unknown dates count too. */
function isRecentHire(hireDate: string | null | undefined): boolean {
  if (!hireDate) return true;
  return Date.now() - new Date(`${hireDate}T00:00:00`).getTime() < 365 * DAY;
}

export function OnboardingCard({
  personId,
  name,
  hireDate,
}: {
  personId: string;
  name: string;
  hireDate: string | null | undefined;
}) {
  const plans = useOnboardingPlans(personId);
  const me = useSignedIn();
  const isSelf = me.person.id === personId;
  const writesTemplates = me.roles.includes("admin") || me.roles.includes("hr");
  if (plans.isPending || (plans.isError && isNotFound(plans.error))) return null;
  if (plans.isError)
    return (
      <Card title="Onboarding">
        <Alert tone="error" title="The onboarding plan could not be loaded.">
          {messageOf(plans.error)}
        </Alert>
      </Card>
    );
  const { items, abilities } = plans.data;
  if (items.length === 0 && !(abilities.create && isRecentHire(hireDate))) return null;
  const current = items.find((p) => p.status === "active") ?? items[0];
  const earlier = items.filter((p) => p !== current);
  return (
    <Card
      title="Onboarding"
      description={
        isSelf
          ? "Your first months: what success looks like at each stage, and a check-in at each."
          : `${firstName(name)}'s first months: what success looks like at each stage, and a check-in at each.`
      }
    >
      {current ? <PlanSummary plan={current} /> : null}
      {current && writesTemplates ? (
        <p className="mt-2 text-sm">
          <Link to="/onboarding/templates" className="text-teal-800 underline underline-offset-2">
            Onboarding templates
          </Link>
        </p>
      ) : null}
      {!current && abilities.create ? (
        <StartPlan personId={personId} name={name} hireDate={hireDate ?? null} />
      ) : null}
      {earlier.length ? (
        <div className="mt-4 border-t border-stone-100 pt-3">
          <h3 className="text-sm font-semibold text-stone-900">Earlier plans</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {earlier.map((p) => (
              <li key={p.id}>
                <Link
                  to={`/onboarding/${p.id}`}
                  className="text-teal-800 underline underline-offset-2"
                >
                  Started {formatDate(p.startDate)}
                </Link>{" "}
                <span className="text-stone-600">
                  ({p.status === "completed" ? "completed" : "active"})
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {current && abilities.create ? (
        <details className="mt-4 border-t border-stone-100 pt-3">
          <summary className="cursor-pointer text-sm font-medium text-stone-800">
            Start another onboarding plan
          </summary>
          <div className="mt-3">
            <StartPlan personId={personId} name={name} hireDate={hireDate ?? null} />
          </div>
        </details>
      ) : null}
    </Card>
  );
}

function PlanSummary({ plan }: { plan: OnboardingPlan }) {
  return (
    <div>
      <p className="flex flex-wrap items-center gap-2 text-sm text-stone-600">
        <Badge tone={plan.status === "completed" ? "success" : "accent"}>
          {plan.status === "completed" ? "Completed" : "Active"}
        </Badge>
        <span>Started {formatDate(plan.startDate)}</span>
      </p>
      <ol className="mt-3 space-y-2" aria-label="Onboarding stages">
        {plan.stages.map((s) => (
          <li
            key={s.id}
            className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 text-sm"
          >
            <span className="min-w-0">
              <span className="font-medium text-stone-900">Day {s.day}</span>
              <span className="text-stone-700"> · {s.title}</span>
            </span>
            <StageStatusBadge stage={s} />
          </li>
        ))}
      </ol>
      <Link
        to={`/onboarding/${plan.id}`}
        className="mt-3 inline-block text-sm font-medium text-teal-800 underline underline-offset-2"
      >
        Open the onboarding plan
      </Link>
    </div>
  );
}

function StartPlan({
  personId,
  name,
  hireDate,
}: {
  personId: string;
  name: string;
  hireDate: string | null;
}) {
  const templates = useOnboardingTemplates();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [templateId, setTemplateId] = useState("");
  const [startDate, setStartDate] = useState(hireDate ?? "");
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (chosenId: string) =>
      api.post<OnboardingPlan>(`/people/${encodeURIComponent(personId)}/onboarding-plans`, {
        ...(chosenId ? { templateId: chosenId } : {}),
        startDate,
      }),
    onSuccess: (plan) => {
      queryClient.setQueryData(onboardingKey(plan.id), plan);
      void queryClient.invalidateQueries({ queryKey: onboardingListKey(personId) });
      navigate(`/onboarding/${plan.id}`);
    },
  });
  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  const items = templates.data?.items ?? [];
  const chosen = templateId || items.find((t) => t.isDefault)?.id || items[0]?.id || "";
  const template = items.find((t) => t.id === chosen);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!startDate) {
      setProblem("Choose the day the plan starts, usually the first working day.");
      return;
    }
    setProblem(null);
    create.mutate(chosen);
  };
  if (templates.isPending) return <Loading label="Loading templates…" />;
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Start an onboarding plan">
      <p className="text-sm text-stone-700">
        {firstName(name)} has no onboarding plan yet. Start one from a template: it says from day
        one what success looks like at each stage, and both of you see it.
      </p>
      {templates.isError ? (
        <Alert tone="error">{messageOf(templates.error)}</Alert>
      ) : (
        <Field
          label="Template"
          error={fieldErrors.templateId}
          hint={
            template
              ? `${template.stages.length} stages: ${template.stages.map((s) => `day ${s.day}`).join(", ")}.`
              : undefined
          }
        >
          {(p) => (
            <Select {...p} value={chosen} onChange={(e) => setTemplateId(e.target.value)}>
              {items.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                  {t.isDefault ? " (default)" : ""}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      <TextField
        label="Start date"
        type="date"
        required
        hint={
          hireDate
            ? `Their hire date is ${formatDate(hireDate)}.`
            : "Usually their first working day."
        }
        value={startDate}
        error={problem ?? fieldErrors.startDate}
        onChange={(e) => setStartDate(e.target.value)}
        className="max-w-xs"
      />
      {create.isError && !Object.keys(fieldErrors).length ? (
        <Alert tone="error">{messageOf(create.error)}</Alert>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" busy={create.isPending} busyLabel="Starting…">
          Start the onboarding plan
        </Button>
        {templates.data?.abilities.manage ? (
          <Link
            to="/onboarding/templates"
            className="text-sm text-teal-800 underline underline-offset-2"
          >
            Edit templates
          </Link>
        ) : null}
      </div>
    </form>
  );
}
