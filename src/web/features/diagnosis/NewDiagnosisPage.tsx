import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { api, messageOf } from "../../api";
import { formatDate } from "../../lib/format";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import { Alert, Button, Card, LinkButton, Loading, PageHeader, Radio } from "../../ui";
import { PersonCrumb } from "../growth/bits";
import { usePerson } from "../growth/growthApi";
import {
  causeLabelOf,
  diagnosesKey,
  diagnosisKey,
  isNotFound,
  useDiagnoses,
  useGuide,
} from "./diagnosisApi";
import type { Diagnosis } from "./types";

// Starting the diagnostic guide for a report: what the conversation is for, the draft plan it may
// inform, and the conversations already under way.

const firstName = (name: string) => name.split(" ")[0] ?? name;
const NO_PLAN = "none";

export function NewDiagnosisPage() {
  const { id: personId = "" } = useParams();
  const [search] = useSearchParams();
  const person = usePerson(personId);
  const list = useDiagnoses(personId);
  const guide = useGuide();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const name = person.data?.person.name ?? "";
  const first = name ? firstName(name) : "them";
  useDocumentTitle(name ? `Diagnostic conversation with ${name}` : "Diagnostic conversation");
  const [choice, setChoice] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: (planId: string | null) =>
      api.post<Diagnosis>(`/people/${encodeURIComponent(personId)}/diagnoses`, { planId }),
    onSuccess: (d) => {
      queryClient.setQueryData(diagnosisKey(d.id), d);
      void queryClient.invalidateQueries({ queryKey: diagnosesKey(personId) });
      navigate(`/diagnoses/${d.id}`);
    },
  });

  if (list.isPending || person.isPending) return <Loading />;
  if ((list.isError && isNotFound(list.error)) || (person.isError && isNotFound(person.error)))
    return (
      <Alert
        tone="info"
        title="No such person, or you do not have access to them."
        actions={<LinkButton to="/people">Back to the directory</LinkButton>}
      />
    );
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;

  const { draftPlans, abilities, items } = list.data;
  const underway = items.filter((d) => d.status === "in_progress");
  const asked = search.get("planId");
  const selected =
    choice ?? (draftPlans.some((p) => p.id === asked) ? asked! : (draftPlans[0]?.id ?? NO_PLAN));
  const opening = guide.data?.opening;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate(selected === NO_PLAN ? null : selected);
  };

  return (
    <>
      <PersonCrumb person={person.data?.person ?? null} here="Diagnostic conversation" />
      <PageHeader
        title={`A diagnostic conversation${name ? ` with ${name}` : ""}`}
        description={`Before any goal is written: find out with ${first} what is getting in the way, and what would help. The guide walks you through it, cause by cause.`}
      />
      {!abilities.create ? (
        <Alert tone="info" title="Only their direct manager or HR runs this conversation.">
          You can read the conversations completed with you on your page.
        </Alert>
      ) : (
        <div className="grid items-start gap-6 lg:grid-cols-3">
          <Card className="lg:col-span-2" title="What this conversation is for">
            <div className="space-y-3 text-sm text-stone-700">
              {opening ? (
                opening.paragraphs.map((p) => (
                  <p key={p} className="max-w-prose">
                    {p}
                  </p>
                ))
              ) : (
                <p>
                  A conversation to understand what is getting in the way, before deciding anything.
                </p>
              )}
            </div>
            <form onSubmit={submit} className="mt-6 space-y-4" aria-label="Start the conversation">
              <fieldset className="space-y-3">
                <legend className="text-sm font-medium text-stone-800">
                  Which plan does it inform?
                </legend>
                {draftPlans.map((p) => (
                  <Radio
                    key={p.id}
                    name="plan"
                    value={p.id}
                    checked={selected === p.id}
                    onChange={() => setChoice(p.id)}
                    label={`The ${p.statusLabel.toLowerCase()} success plan, last changed ${formatDate(p.updatedAt)}`}
                    hint={
                      p.standard
                        ? `Standard: ${p.standard.length > 140 ? `${p.standard.slice(0, 140)}…` : p.standard}`
                        : "No standard written yet."
                    }
                  />
                ))}
                <Radio
                  name="plan"
                  value={NO_PLAN}
                  checked={selected === NO_PLAN}
                  onChange={() => setChoice(NO_PLAN)}
                  label="No plan: a conversation on its own"
                  hint={
                    draftPlans.length
                      ? "You can still use what you learn when you write the plan."
                      : `${first} has no draft plan. Often the conversation shows that a plan is not the right tool at all.`
                  }
                />
              </fieldset>
              {start.isError ? <Alert tone="error">{messageOf(start.error)}</Alert> : null}
              <div className="flex flex-wrap gap-2">
                <Button type="submit" busy={start.isPending} busyLabel="Starting…">
                  Start the conversation
                </Button>
                <LinkButton variant="ghost" to={`/people/${personId}`}>
                  Cancel
                </LinkButton>
              </div>
            </form>
          </Card>
          <div className="space-y-5">
            <Card title="Good to know" level={2}>
              <ul className="list-disc space-y-2 pl-5 text-sm text-stone-700">
                <li>
                  Only you and HR covering {first}'s department read it while you work on it. Their
                  other managers and colleagues never do.
                </li>
                <li>Once you complete it, {first} reads what you recorded, and is told.</li>
                <li>
                  {first}'s own answers are recorded only if they agree; the guide gives you the
                  words to ask.
                </li>
              </ul>
            </Card>
            {underway.length ? (
              <Card title="Already under way" level={2}>
                <ul className="space-y-2 text-sm">
                  {underway.map((d) => (
                    <li key={d.id}>
                      <Link
                        to={`/diagnoses/${d.id}`}
                        className="font-medium text-teal-800 underline underline-offset-2"
                      >
                        Continue the conversation of {formatDate(d.createdAt)}
                      </Link>
                      {d.causes.length ? (
                        <span className="block text-stone-600">
                          {d.causes.map((c) => causeLabelOf(guide.data, c)).join(" · ")}
                        </span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </Card>
            ) : null}
          </div>
        </div>
      )}
    </>
  );
}
