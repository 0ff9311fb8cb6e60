import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api, messageOf } from "../../api";
import { formatDate } from "../../lib/format";
import { useDebounced, useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import type { PlanDetail, PlanSummary, Team } from "../../types";
import {
  Alert,
  Badge,
  Button,
  Card,
  Dialog,
  EmptyState,
  Field,
  Input,
  LinkButton,
  Loading,
  PageHeader,
  Radio,
  Select,
  Table,
  TBody,
  Td,
  THead,
  Th,
} from "../../ui";
import { Guidance } from "../guidance/Guidance";
import { useSignedIn } from "../layout/session";
import { roleLine } from "../people/PersonBits";
import { outcomeLabel, statusLabel, statusOrder, statusTone } from "./labels";
import { type PlanQuery, plansKey, usePlanList } from "./planApi";

export function PlansListPage() {
  useDocumentTitle("Success plans");
  const me = useSignedIn();
  const isManager = me.roles.includes("manager");
  const isHr = Boolean(me.abilities["plan.view_queue"]) || me.roles.includes("hr");
  const [params, setParams] = useSearchParams();
  const status = params.get("status") ?? "";
  const [search, setSearch] = useState(params.get("q") ?? "");
  const q = useDebounced(search.trim(), 300);
  const filters = { status: status || undefined, q: q || undefined };

  const mine = usePlanList({ scope: "mine" });
  const team = usePlanList({ scope: "team", ...filters }, isManager);
  const review = usePlanList({ scope: "review", q: filters.q }, isHr);
  const all = usePlanList({ scope: "all", ...filters }, isHr);

  const setStatus = (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set("status", value);
    else next.delete("status");
    setParams(next, { replace: true });
  };

  const ownPlans = mine.data?.items ?? [];
  const showFilters = isManager || isHr;

  return (
    <>
      <PageHeader
        title="Success plans"
        description="A success plan sets out clear goals, the support that makes them reachable, and regular check-ins, so both sides can see progress."
        actions={isManager ? <StartPlanButton /> : null}
      />
      <div className="space-y-6">
        {mine.isError ? (
          <QueryError error={mine.error} onRetry={() => void mine.refetch()} />
        ) : ownPlans.length ? (
          <Card title={ownPlans.length === 1 ? "Your plan" : "Your plans"}>
            <ul className="divide-y divide-stone-100">
              {ownPlans.map((p) => (
                <li
                  key={p.id}
                  className="flex flex-wrap items-center gap-3 py-3 first:pt-0 last:pb-0"
                >
                  <div className="min-w-0 flex-1">
                    <Link
                      to={`/plans/${p.id}`}
                      className="font-medium text-teal-800 underline-offset-2 hover:underline"
                    >
                      Your success plan
                    </Link>
                    <p className="text-sm text-stone-600">
                      {formatDate(p.startDate)} – {formatDate(p.endDate)} · with {p.manager.name}
                    </p>
                  </div>
                  <Badge tone={statusTone[p.status]}>{statusLabel[p.status]}</Badge>
                  {p.pendingAcknowledgement ? (
                    <Badge tone="warning">Waiting for your acknowledgement</Badge>
                  ) : null}
                </li>
              ))}
            </ul>
          </Card>
        ) : null}

        {showFilters ? (
          <section className="flex flex-wrap items-end gap-3" aria-label="Filter plans">
            <Field label="Search plans" className="w-full sm:w-72">
              {(p) => (
                <Input
                  {...p}
                  type="search"
                  value={search}
                  onChange={(e) => {
                    setSearch(e.target.value);
                    const next = new URLSearchParams(params);
                    if (e.target.value) next.set("q", e.target.value);
                    else next.delete("q");
                    setParams(next, { replace: true });
                  }}
                  placeholder="Name, department, PIP…"
                />
              )}
            </Field>
            <Field label="Status" className="w-full sm:w-56">
              {(p) => (
                <Select {...p} value={status} onChange={(e) => setStatus(e.target.value)}>
                  <option value="">Any status</option>
                  {statusOrder.map((s) => (
                    <option key={s} value={s}>
                      {statusLabel[s]}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          </section>
        ) : null}

        {isHr ? (
          <PlanTable
            title="Review queue"
            description="Plans waiting for your review before they can be issued."
            query={review}
            empty="No plan is waiting for review. Plans appear here when a manager submits one."
            showManager
          />
        ) : null}
        {isManager ? (
          <PlanTable
            title="Plans you manage"
            query={team}
            empty="You have no success plans. Start one only after regular 1:1s and written feedback have not been enough."
          />
        ) : null}
        {isHr ? (
          <PlanTable
            title="All plans in your scope"
            query={all}
            empty="No success plans in your scope match."
            showManager
          />
        ) : null}

        {!isManager && !isHr && mine.isSuccess && ownPlans.length === 0 ? (
          <EmptyState
            title="You have no success plan."
            action={<LinkButton to="/">Back to home</LinkButton>}
          >
            A success plan is a structured, supported way to reach a clear standard. If your manager
            ever starts one, it will appear here and you will be able to answer every part of it.
          </EmptyState>
        ) : null}
        {mine.isPending && !isManager && !isHr ? <Loading /> : null}
      </div>
    </>
  );
}

function PlanTable({
  title,
  description,
  query,
  empty,
  showManager = false,
}: {
  title: string;
  description?: string;
  query: ReturnType<typeof usePlanList>;
  empty: string;
  showManager?: boolean;
}) {
  return (
    <Card title={title} description={description} padded={false}>
      {query.isPending ? (
        <div className="px-4 sm:px-5">
          <Loading />
        </div>
      ) : query.isError ? (
        <div className="p-4">
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        </div>
      ) : query.data.items.length === 0 ? (
        <p className="px-4 py-6 text-sm text-stone-600 sm:px-5">{empty}</p>
      ) : (
        <Table caption={title}>
          <THead>
            <tr>
              <Th>Employee</Th>
              {showManager ? <Th>Manager</Th> : null}
              <Th>Status</Th>
              <Th>Dates</Th>
              <Th>Updated</Th>
            </tr>
          </THead>
          <TBody>
            {query.data.items.map((p) => (
              <PlanRow key={p.id} plan={p} showManager={showManager} />
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}

function PlanRow({ plan, showManager }: { plan: PlanSummary; showManager: boolean }) {
  return (
    <tr>
      <Td>
        <Link
          to={`/plans/${plan.id}`}
          className="font-medium text-teal-800 underline-offset-2 hover:underline"
        >
          {plan.employee.name}
        </Link>
        <p className="text-xs text-stone-600">
          {roleLine({
            title: plan.employee.title ?? "",
            department: plan.employee.department ?? "",
          } as { title: string; department: string })}
        </p>
      </Td>
      {showManager ? <Td>{plan.manager.name}</Td> : null}
      <Td>
        <div className="flex flex-wrap gap-1">
          <Badge tone={statusTone[plan.status]}>{statusLabel[plan.status]}</Badge>
          {plan.outcome ? <Badge>{outcomeLabel[plan.outcome]}</Badge> : null}
          {plan.pendingAcknowledgement ? <Badge tone="warning">Not acknowledged</Badge> : null}
        </div>
      </Td>
      <Td className="whitespace-nowrap">
        {plan.startDate ? `${formatDate(plan.startDate)} – ${formatDate(plan.endDate)}` : "Not set"}
      </Td>
      <Td className="whitespace-nowrap">{formatDate(plan.updatedAt)}</Td>
    </tr>
  );
}

function StartPlanButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Start a success plan</Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Start a success plan"
        description="A plan is not the first step. Continuous coaching comes first: regular 1:1s, written feedback that names the behaviour and its impact, and growth goals. Start a plan only when that has not been enough, and the person has already heard about the issue from you."
      >
        <Guidance moment="plan.start" className="mb-4" />
        <StartPlanForm onCancel={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function StartPlanForm({ onCancel }: { onCancel: () => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const team = useQuery({ queryKey: ["team"], queryFn: () => api.get<Team>("/team") });
  const [employeeId, setEmployeeId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => api.post<PlanDetail>("/plans", { employeeId }),
    onSuccess: (plan) => {
      void queryClient.invalidateQueries({ queryKey: plansKey });
      navigate(`/plans/${plan.plan.id}/edit`);
    },
  });

  if (team.isPending) return <Loading />;
  if (team.isError) return <QueryError error={team.error} onRetry={() => void team.refetch()} />;
  const reports = team.data.direct;

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (!employeeId) {
          setError("Choose who the plan is for.");
          return;
        }
        setError(null);
        create.mutate();
      }}
    >
      {reports.length === 0 ? (
        <p className="text-sm text-stone-600">
          No one reports to you, so there is no one to start a plan for.
        </p>
      ) : (
        <fieldset aria-describedby={error ? "start-plan-error" : undefined}>
          <legend className="text-sm font-medium text-stone-800">Who is the plan for?</legend>
          <div className="mt-2 max-h-72 space-y-2 overflow-y-auto">
            {reports.map((r) => (
              <Radio
                key={r.id}
                name="employee"
                value={r.id}
                checked={employeeId === r.id}
                onChange={() => setEmployeeId(r.id)}
                label={r.name}
                hint={roleLine(r)}
              />
            ))}
          </div>
          {error ? (
            <p id="start-plan-error" className="mt-2 text-sm font-medium text-red-700">
              {error}
            </p>
          ) : null}
        </fieldset>
      )}
      {create.isError ? <Alert tone="error">{messageOf(create.error)}</Alert> : null}
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        {reports.length ? (
          <Button type="submit" busy={create.isPending} busyLabel="Starting…">
            Start the draft
          </Button>
        ) : null}
      </div>
    </form>
  );
}

export type { PlanQuery };
