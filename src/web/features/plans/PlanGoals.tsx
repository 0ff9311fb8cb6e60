import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, messageOf } from "../../api";
import { formatDate } from "../../lib/format";
import type {
  PlanDetail,
  PlanGoal,
  PlanStatus,
  ResourceKind,
  ResourceStatus,
  ThreadKind,
} from "../../types";
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Dialog,
  Field,
  Input,
  Select,
  TextArea,
  TextField,
} from "../../ui";
import { ResourceBadges } from "../catalogue/ResourceBadges";
import { ResourcePicker } from "../catalogue/ResourcePicker";
import { GoalChart } from "./charts";
import {
  goalStatusLabel,
  goalStatusTone,
  resourceLabel,
  resourceStatusLabel,
  resourceStatusTone,
} from "./labels";
import { type PlanCtx, SectionResponses } from "./PlanSections";
import { planKey, plansKey, usePlanWrite } from "./planApi";

const fmt = (v: number | null, unit: string) =>
  v === null ? "—" : unit ? `${v} ${unit}` : String(v);

export function GoalsSection({ ctx }: { ctx: PlanCtx }) {
  const { goals } = ctx.detail;
  return (
    <Card
      title="Goals"
      description="Each goal with how it is measured, the support committed to it, and the milestones on the way."
    >
      {goals.length === 0 ? (
        <p className="text-sm text-stone-600">No goals have been set yet.</p>
      ) : (
        <ol className="space-y-6">
          {goals.map((g, i) => (
            <li key={g.id} className="rounded-md border border-stone-200 p-4">
              <GoalItem ctx={ctx} goal={g} index={i} />
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function GoalItem({ ctx, goal, index }: { ctx: PlanCtx; goal: PlanGoal; index: number }) {
  const { detail } = ctx;
  const progress = detail.goalProgress.find((p) => p.goalId === goal.id);
  const latest = progress?.points.at(-1);
  const title = `Goal ${index + 1}: ${goal.description}`;
  return (
    <article aria-labelledby={`goal-${goal.id}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 id={`goal-${goal.id}`} className="font-semibold text-stone-900">
          <span className="text-stone-500">Goal {index + 1}. </span>
          {goal.description}
        </h3>
        {latest ? (
          <Badge tone={goalStatusTone[latest.status]}>{goalStatusLabel[latest.status]}</Badge>
        ) : null}
      </div>
      <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-xs text-stone-500 uppercase">Metric</dt>
          <dd>{goal.metric || "—"}</dd>
        </div>
        <div>
          <dt className="text-xs text-stone-500 uppercase">Baseline → target</dt>
          <dd>
            {fmt(goal.baseline, goal.unit)} → <strong>{fmt(goal.target, goal.unit)}</strong>
            <span className="sr-only">
              {goal.direction === "up" ? " (higher is better)" : " (lower is better)"}
            </span>
          </dd>
        </div>
        <div>
          <dt className="text-xs text-stone-500 uppercase">Latest</dt>
          <dd>
            {latest
              ? `${fmt(latest.value, goal.unit)} (${formatDate(latest.date)})`
              : "Not measured yet"}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-stone-500 uppercase">Due</dt>
          <dd>{formatDate(goal.dueDate)}</dd>
        </div>
      </dl>
      {goal.measurement ? (
        <p className="mt-1 text-sm text-stone-600">Measured: {goal.measurement}</p>
      ) : null}
      {progress ? (
        <GoalChart
          progress={progress}
          startDate={detail.plan.startDate}
          endDate={detail.plan.endDate}
          title={`Progress on goal ${index + 1}`}
        />
      ) : null}

      <div className="mt-4 grid gap-4 md:grid-cols-2">
        <section aria-label={`Milestones of goal ${index + 1}`}>
          <h4 className="text-sm font-semibold text-stone-900">Milestones</h4>
          {goal.milestones.length === 0 ? (
            <p className="text-sm text-stone-600">No milestones.</p>
          ) : (
            <ol className="mt-1 space-y-1 text-sm">
              {goal.milestones.map((m) => (
                <li key={m.id} className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{formatDate(m.dueDate)}</span>
                  <span>{m.title}</span>
                  {m.target !== null ? (
                    <span className="text-stone-600">({fmt(m.target, goal.unit)})</span>
                  ) : null}
                  {m.earlyWin ? <Badge tone="warning">Early win</Badge> : null}
                  {m.doneAt ? <Badge tone="success">Done</Badge> : null}
                </li>
              ))}
            </ol>
          )}
        </section>
        <section aria-label={`Support for goal ${index + 1}`}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h4 className="text-sm font-semibold text-stone-900">Support committed</h4>
            <AddSupport ctx={ctx} goal={goal} index={index} />
          </div>
          {goal.resources.length === 0 ? (
            <p className="text-sm text-stone-600">No resources yet.</p>
          ) : (
            <ul className="mt-1 space-y-2 text-sm">
              {goal.resources.map((r) => (
                <li key={r.id}>
                  <ResourceRow ctx={ctx} resource={r} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <ActionItems ctx={ctx} goal={goal} index={index} />

      {ctx.canRespond ? (
        <div className="mt-4 flex flex-wrap gap-2">
          <ThreadButton ctx={ctx} goal={goal} kind="clarification" />
          <ThreadButton ctx={ctx} goal={goal} kind="support" />
        </div>
      ) : null}
      <SectionResponses ctx={ctx} section={`goal:${goal.id}`} sectionTitle={title} />
    </article>
  );
}

function ResourceRow({ ctx, resource }: { ctx: PlanCtx; resource: PlanGoal["resources"][number] }) {
  const planId = ctx.detail.plan.id;
  const update = usePlanWrite(planId, (status: ResourceStatus) =>
    api.patch(`/plans/${planId}/resources/${resource.id}`, { status }),
  );
  const canManage = Boolean(ctx.detail.abilities["plan.manage"]);
  return (
    <div>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{resourceLabel[resource.kind]}</span>
        {canManage ? null : (
          <Badge tone={resourceStatusTone[resource.status]}>
            {resourceStatusLabel[resource.status]}
          </Badge>
        )}
        {resource.requestedByEmployee ? (
          <Badge tone="accent">Requested by the employee</Badge>
        ) : null}
        <ResourceBadges resource={resource} />
      </div>
      <p>
        {resource.description}
        {resource.mentor ? ` · mentor: ${resource.mentor.name}` : ""}
        {resource.hoursPerWeek ? ` · ${resource.hoursPerWeek} h/week` : ""}
      </p>
      {resource.link ? (
        <a
          href={resource.link}
          className="break-all text-teal-800 underline"
          target="_blank"
          rel="noreferrer noopener"
        >
          {resource.link}
        </a>
      ) : null}
      {canManage ? (
        <div className="mt-1 flex items-center gap-2 text-sm">
          <span className="text-stone-600" aria-hidden="true">
            Status
          </span>
          <Select
            className="h-8 w-40"
            value={resource.status}
            aria-label={`Status of ${resourceLabel[resource.kind]}: ${resource.description}`}
            onChange={(e) => update.mutate(e.target.value as ResourceStatus)}
          >
            {(Object.keys(resourceStatusLabel) as ResourceStatus[]).map((s) => (
              <option key={s} value={s}>
                {resourceStatusLabel[s]}
              </option>
            ))}
          </Select>
        </div>
      ) : null}
      {update.isError ? <p className="text-sm text-red-700">{messageOf(update.error)}</p> : null}
    </div>
  );
}

const runningStatuses: PlanStatus[] = ["issued", "acknowledged", "active", "paused", "extended"];

/**
 * "Add a resource" from the catalogue or a mentor: the manager while the plan is drafted, the
 * manager or HR while it runs. The plan comes back with its new version.
 */
function AddSupport({ ctx, goal, index }: { ctx: PlanCtx; goal: PlanGoal; index: number }) {
  const [open, setOpen] = useState(false);
  const queryClient = useQueryClient();
  const { detail } = ctx;
  const status = detail.plan.status;
  const allowed = runningStatuses.includes(status)
    ? detail.abilities["plan.manage"]
    : (status === "draft" || status === "changes_requested") && detail.abilities["plan.edit"];
  if (!allowed || ctx.isEmployee) return null;
  const planId = detail.plan.id;
  const send = async (kind: "catalogue" | "mentor", body: object) => {
    const saved = await api.post<PlanDetail>(
      `/plans/${planId}/goals/${goal.id}/resources/${kind}`,
      body,
    );
    queryClient.setQueryData(planKey(planId), saved);
    void queryClient.invalidateQueries({ queryKey: plansKey, refetchType: "none" });
  };
  return (
    <>
      <Button
        size="sm"
        variant="secondary"
        aria-label={`Add support to goal ${index + 1} from the catalogue or a mentor`}
        onClick={() => setOpen(true)}
      >
        Add support
      </Button>
      <ResourcePicker
        open={open}
        onClose={() => setOpen(false)}
        goalTitle={`Goal ${index + 1}: ${goal.description}`}
        person={{ id: detail.plan.employee.id, name: detail.plan.employee.name }}
        context="plan"
        initialCauses={detail.causes.map((c) => c.cause)}
        taken={{
          catalogueItemIds: goal.resources.flatMap((r) => r.catalogueItemId ?? []),
          mentorIds: goal.resources.flatMap((r) =>
            r.mentorshipStatus && r.mentorId ? [r.mentorId] : [],
          ),
        }}
        onAddCatalogue={(pick) => send("catalogue", pick)}
        onAddMentor={(pick) => send("mentor", pick)}
      />
    </>
  );
}

function ActionItems({ ctx, goal, index }: { ctx: PlanCtx; goal: PlanGoal; index: number }) {
  const items = ctx.detail.actionItems.filter((a) => a.goalId === goal.id);
  const planId = ctx.detail.plan.id;
  const [title, setTitle] = useState("");
  const [due, setDue] = useState("");
  const add = usePlanWrite(
    planId,
    () =>
      api.post(`/plans/${planId}/action-items`, { goalId: goal.id, title, dueDate: due || null }),
    () => {
      setTitle("");
      setDue("");
    },
  );
  const toggle = usePlanWrite(planId, ({ id, done }: { id: string; done: boolean }) =>
    api.patch(`/plans/${planId}/action-items/${id}`, { done }),
  );
  const remove = usePlanWrite(planId, (id: string) =>
    api.delete(`/plans/${planId}/action-items/${id}`),
  );
  if (!items.length && !ctx.canRespond) return null;
  return (
    <section className="mt-4" aria-label={`Action plan for goal ${index + 1}`}>
      <h4 className="text-sm font-semibold text-stone-900">
        {ctx.isEmployee ? "Your action plan" : "The employee's action plan"}
      </h4>
      {items.length === 0 ? (
        <p className="text-sm text-stone-600">
          No tasks yet. Break the goal into small steps you will take.
        </p>
      ) : (
        <ul className="mt-1 space-y-1">
          {items.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-2 text-sm">
              {ctx.canRespond ? (
                <Checkbox
                  label={a.title}
                  checked={a.done}
                  onChange={(e) => toggle.mutate({ id: a.id, done: e.target.checked })}
                />
              ) : (
                <span className={a.done ? "line-through" : undefined}>{a.title}</span>
              )}
              {a.dueDate ? (
                <span className="text-stone-600">by {formatDate(a.dueDate)}</span>
              ) : null}
              {ctx.canRespond ? (
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Delete task: ${a.title}`}
                  onClick={() => remove.mutate(a.id)}
                >
                  Delete
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {ctx.canRespond ? (
        <form
          className="mt-2 flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (title.trim()) add.mutate(undefined);
          }}
        >
          <TextField
            label={`New task for goal ${index + 1}`}
            className="min-w-48 flex-1"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
          <TextField
            label="By"
            type="date"
            className="w-40"
            value={due}
            onChange={(e) => setDue(e.target.value)}
          />
          <Button type="submit" size="md" variant="secondary" busy={add.isPending}>
            Add task
          </Button>
        </form>
      ) : null}
      {add.isError || toggle.isError || remove.isError ? (
        <Alert tone="error" className="mt-2">
          {messageOf(add.error ?? toggle.error ?? remove.error)}
        </Alert>
      ) : null}
    </section>
  );
}

const resourceKinds = Object.keys(resourceLabel) as ResourceKind[];

function ThreadButton({ ctx, goal, kind }: { ctx: PlanCtx; goal: PlanGoal; kind: ThreadKind }) {
  const [open, setOpen] = useState(false);
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const [resourceKind, setResourceKind] = useState<ResourceKind>("training");
  const planId = ctx.detail.plan.id;
  const send = usePlanWrite(
    planId,
    () =>
      api.post(`/plans/${planId}/threads`, {
        kind,
        goalId: goal.id,
        subject,
        body,
        resourceKind: kind === "support" ? resourceKind : null,
      }),
    () => {
      setOpen(false);
      setSubject("");
      setBody("");
    },
  );
  const label = kind === "clarification" ? "Ask for clarification" : "Request support";
  return (
    <>
      <Button size="sm" variant="secondary" onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={label}
        description={
          <>
            About: <strong>{goal.description}</strong>.{" "}
            {kind === "clarification"
              ? "Your manager must answer; the question and answer stay on the plan."
              : "Ask for what would help: training, a mentor, time, a tool, coaching, or less of something else."}
          </>
        }
      >
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            send.mutate(undefined);
          }}
        >
          <TextField
            label="Subject"
            required
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
          />
          {kind === "support" ? (
            <Field label="What kind of support">
              {(p) => (
                <Select
                  {...p}
                  value={resourceKind}
                  onChange={(e) => setResourceKind(e.target.value as ResourceKind)}
                >
                  {resourceKinds.map((k) => (
                    <option key={k} value={k}>
                      {resourceLabel[k]}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          ) : null}
          <Field label={kind === "clarification" ? "Your question" : "What would help"}>
            {(p) => (
              <TextArea
                {...p}
                rows={4}
                required
                value={body}
                onChange={(e) => setBody(e.target.value)}
              />
            )}
          </Field>
          {send.isError ? <Alert tone="error">{messageOf(send.error)}</Alert> : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" busy={send.isPending}>
              {kind === "clarification" ? "Send question" : "Send request"}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}

export { Input };
