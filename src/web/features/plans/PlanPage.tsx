import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError, api, messageOf } from "../../api";
import { formatDate, formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import type { Outcome, PlanAction, PlanDetail } from "../../types";
import {
  Alert,
  Badge,
  Button,
  buttonClass,
  Card,
  DetailList,
  Dialog,
  Field,
  LinkButton,
  Loading,
  Radio,
  TextArea,
  TextField,
} from "../../ui";
import { useSignedIn } from "../layout/session";
import { EngagementBeforeClose, EngagementRecord, EngagementTalkFirst } from "./EngagementPanel";
import {
  actionLabel,
  goalStatusLabel,
  goalStatusTone,
  outcomeLabel,
  planTitle,
  statusLabel,
  statusTone,
} from "./labels";
import {
  AchievementsSection,
  PrivateNotesSection,
  ReviewsSection,
  ThreadsSection,
  VersionsSection,
} from "./PlanActivity";
import { CheckinsSection, ConfidenceSection, nextCheckin } from "./PlanCheckins";
import { GoalsSection } from "./PlanGoals";
import { PriorNoticeSection, ReviewCard } from "./PlanReviewCard";
import { type CarryOnGoal, CarryOnGoalsFields, carryOnBody, SealedBanner } from "./PlanSealing";
import { DiagnosisSection, EvidenceSection, type PlanCtx, StandardSection } from "./PlanSections";
import { usePlan, usePlanWrite, useTransition } from "./planApi";
import { usePlanReview } from "./reviewApi";

export function PlanPage() {
  const { id = "" } = useParams();
  const me = useSignedIn();
  const plan = usePlan(id);
  const isEmployee = plan.data?.plan.employee.id === me.person.id;
  useDocumentTitle(
    plan.data
      ? isEmployee
        ? "Your success plan"
        : planTitle(plan.data.plan.employee.name)
      : "Success plan",
  );
  if (plan.isPending) return <Loading />;
  if (plan.isError) {
    if (plan.error instanceof ApiError && plan.error.status === 404)
      return (
        <Alert
          tone="info"
          title="This success plan does not exist, or is not yours to see."
          actions={<LinkButton to="/plans">Back to success plans</LinkButton>}
        />
      );
    return <QueryError error={plan.error} onRetry={() => void plan.refetch()} />;
  }
  const detail = plan.data;
  const ctx: PlanCtx = {
    detail,
    isEmployee,
    canRespond: isEmployee && Boolean(detail.abilities["plan.respond"]),
  };
  const p = detail.plan;
  const closed = p.status === "closed";
  // The review is for the people who write and check the plan, never for the employee.
  const showsReview = !isEmployee && Boolean(detail.abilities["plan.view_review"]);
  const beforeIssue = ["draft", "in_review", "changes_requested", "approved"].includes(p.status);

  return (
    <>
      <div className="mb-6">
        <p className="mb-1 text-sm text-stone-600">
          <Link to="/plans" className="text-teal-800 underline-offset-2 hover:underline">
            Success plans
          </Link>
        </p>
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div className="min-w-0">
            <h1 className="text-2xl font-semibold tracking-tight text-stone-900">
              {isEmployee ? "Your success plan" : planTitle(p.employee.name)}
            </h1>
            <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-stone-600">
              <Badge tone={statusTone[p.status]}>{statusLabel[p.status]}</Badge>
              {p.outcome ? <Badge>{outcomeLabel[p.outcome]}</Badge> : null}
              <span>
                {p.startDate
                  ? `${formatDate(p.startDate)} – ${formatDate(p.endDate)}`
                  : "Dates not set"}
              </span>
              {p.issuedVersion ? <span>· Version {p.issuedVersion}</span> : null}
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            {detail.abilities["plan.edit"] ? (
              <LinkButton to={`/plans/${p.id}/edit`}>Edit plan</LinkButton>
            ) : null}
            <a
              href={`/api/v1/plans/${p.id}/pdf`}
              download
              className={buttonClass({ variant: "secondary" })}
            >
              Download PDF
            </a>
          </div>
        </div>
      </div>

      <div className="space-y-6">
        <LifecycleActions detail={detail} />
        {isEmployee ? <AcknowledgeBanner detail={detail} /> : null}
        <EngagementTalkFirst planId={p.id} status={p.status} employeeName={p.employee.name} />
        <SealedBanner detail={detail} isEmployee={isEmployee} />
        {closed ? <ClosingSummary ctx={ctx} /> : null}
        {isEmployee && !closed ? <AtAGlance ctx={ctx} /> : null}

        <div className="grid gap-6 lg:grid-cols-3">
          <div className="min-w-0 space-y-6 lg:col-span-2">
            {showsReview && beforeIssue ? <ReviewCard detail={detail} /> : null}
            {isEmployee ? <GoalsSection ctx={ctx} /> : null}
            <PriorNoticeSection ctx={ctx} />
            <StandardSection ctx={ctx} />
            <EvidenceSection ctx={ctx} />
            <DiagnosisSection ctx={ctx} />
            {isEmployee ? null : <GoalsSection ctx={ctx} />}
            <CheckinsSection ctx={ctx} />
            <ThreadsSection ctx={ctx} />
            <EngagementRecord planId={p.id} issued={p.issuedVersion > 0} />
            {showsReview && !beforeIssue ? <ReviewCard detail={detail} /> : null}
          </div>
          <div className="min-w-0 space-y-6">
            <Card title="People and schedule">
              <DetailList
                items={[
                  { label: "Employee", value: p.employee.name },
                  { label: "Manager", value: p.manager.name },
                  { label: "HR partner", value: p.hrPartner?.name ?? "Not chosen yet" },
                  {
                    label: "Check-ins",
                    value: p.cadenceDays === 14 ? "Every two weeks" : "Weekly",
                  },
                  { label: "Last change", value: formatDateTime(p.updatedAt) },
                ]}
              />
            </Card>
            <ConfidenceSection ctx={ctx} />
            <AchievementsSection ctx={ctx} />
            <ReviewsSection ctx={ctx} />
            <VersionsSection ctx={ctx} />
            <PrivateNotesSection ctx={ctx} />
          </div>
        </div>
      </div>
    </>
  );
}

// ---------- the employee's answers at the top ----------

function AtAGlance({ ctx }: { ctx: PlanCtx }) {
  const { detail } = ctx;
  const today = new Date().toISOString().slice(0, 10);
  const milestones = detail.goals
    .flatMap((g) => g.milestones.map((m) => ({ ...m, goal: g.description })))
    .filter((m) => !m.doneAt && m.dueDate >= today)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const nextMilestone = milestones[0];
  const next = nextCheckin(detail.checkins);
  return (
    <section aria-labelledby="glance" className="grid gap-4 md:grid-cols-3">
      <h2 id="glance" className="sr-only">
        At a glance
      </h2>
      <Card title="What is expected" level={3}>
        <p className="text-sm whitespace-pre-wrap">{detail.plan.standard || "—"}</p>
        <p className="mt-2 text-sm text-stone-600">
          {detail.goals.length} {detail.goals.length === 1 ? "goal" : "goals"} by{" "}
          {formatDate(detail.plan.endDate)}.
        </p>
      </Card>
      <Card title="How you are doing" level={3}>
        {detail.goalProgress.every((g) => g.points.length === 0) ? (
          <p className="text-sm text-stone-600">No check-in has been recorded yet.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {detail.goalProgress.map((g) => {
              const last = g.points.at(-1);
              return (
                <li key={g.goalId} className="flex flex-wrap items-center gap-2">
                  {last ? (
                    <Badge tone={goalStatusTone[last.status]}>{goalStatusLabel[last.status]}</Badge>
                  ) : (
                    <Badge>Not measured</Badge>
                  )}
                  <span className="min-w-0">
                    {g.metric || g.description}: {last ? last.value : "—"} of {g.target ?? "—"}
                    {g.unit ? ` ${g.unit}` : ""}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </Card>
      <Card title="What is next" level={3}>
        <ul className="space-y-2 text-sm">
          <li>
            <span className="font-medium">Next check-in: </span>
            {next ? formatDate(next.scheduledOn) : "None scheduled"}
          </li>
          <li>
            <span className="font-medium">Next milestone: </span>
            {nextMilestone
              ? `${nextMilestone.title} (${formatDate(nextMilestone.dueDate)})`
              : "None ahead"}
          </li>
        </ul>
      </Card>
    </section>
  );
}

function AcknowledgeBanner({ detail }: { detail: PlanDetail }) {
  const transition = useTransition(detail.plan.id);
  if (!detail.plan.pendingAcknowledgement || !detail.allowedActions.includes("acknowledge"))
    return null;
  const first = detail.plan.issuedVersion <= 1;
  return (
    <Alert
      tone="warning"
      title={
        first
          ? "Your manager has issued this plan to you"
          : `Version ${detail.plan.issuedVersion} of your plan is waiting for you`
      }
      actions={
        <Button
          busy={transition.isPending}
          onClick={() => transition.mutate({ action: "acknowledge", version: detail.plan.version })}
        >
          Acknowledge receipt
        </Button>
      }
    >
      <p>
        Acknowledging confirms that you received the plan,{" "}
        <strong>not that you agree with it</strong>. You can still answer each piece of evidence,
        respond to any section, and ask questions.
        {first ? null : " See “What changed” under Versions."}
      </p>
      {transition.isError ? (
        <p className="mt-2 font-medium text-red-800">{messageOf(transition.error)}</p>
      ) : null}
    </Alert>
  );
}

// ---------- lifecycle ----------

/** Actions that need words from the person before they happen. */
const withDialog: PlanAction[] = [
  "request_changes",
  "approve",
  "reopen",
  "extend",
  "close",
  "pause",
];

function LifecycleActions({ detail }: { detail: PlanDetail }) {
  const [dialog, setDialog] = useState<PlanAction | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const transition = useTransition(detail.plan.id);
  const actions = detail.allowedActions.filter((a) => a !== "acknowledge");
  if (actions.length === 0 && !message) return null;
  const run = (action: PlanAction) => {
    setMessage(null);
    transition.mutate(
      { action, version: detail.plan.version },
      { onSuccess: (data) => setMessage((data as { message?: string })?.message ?? null) },
    );
  };
  const errorText = transition.error ? messageOf(transition.error) : null;
  const inReview = detail.plan.status === "in_review";
  return (
    <section
      aria-labelledby="plan-actions"
      className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm"
    >
      <h2 id="plan-actions" className="text-sm font-semibold text-stone-900">
        {inReview && detail.abilities["plan.review"] ? "Your review" : "Next steps for this plan"}
      </h2>
      {inReview && detail.abilities["plan.review"] ? (
        <p className="mt-1 text-sm text-stone-600">
          Read the plan below, then approve it or ask the manager for changes. Your comment stays on
          the plan's record.
        </p>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-2">
        {actions.map((a) => (
          <Button
            key={a}
            variant={
              a === "close" || a === "request_changes"
                ? "secondary"
                : a === "reopen" || a === "pause"
                  ? "secondary"
                  : "primary"
            }
            busy={transition.isPending && transition.variables?.action === a}
            onClick={() => (withDialog.includes(a) ? setDialog(a) : run(a))}
          >
            {actionLabel[a]}
          </Button>
        ))}
      </div>
      <div aria-live="polite">
        {message ? <p className="mt-3 text-sm font-medium text-green-800">{message}</p> : null}
      </div>
      {errorText ? (
        <TransitionError error={transition.error} className="mt-3">
          {errorText}
        </TransitionError>
      ) : null}
      {dialog ? (
        <TransitionDialog
          detail={detail}
          action={dialog}
          onClose={() => setDialog(null)}
          onDone={(m) => {
            setDialog(null);
            setMessage(m);
          }}
        />
      ) : null}
    </section>
  );
}

const dialogText: Partial<
  Record<PlanAction, { title: string; confirm: string; description: string }>
> = {
  request_changes: {
    title: "Request changes",
    confirm: "Send request for changes",
    description: "Say what the manager should change. The comment stays on the plan's record.",
  },
  approve: {
    title: "Approve this plan",
    confirm: "Confirm approval",
    description: "Once approved, the plan can be issued to the employee.",
  },
  reopen: {
    title: "Reopen as a draft",
    confirm: "Reopen the draft",
    description: "The plan goes back to a draft the manager can change and submit again.",
  },
  pause: {
    title: "Pause the plan",
    confirm: "Pause the plan",
    description: "Check-ins stop until the plan resumes, for example during leave.",
  },
  extend: {
    title: "Extend the plan",
    confirm: "Extend the plan",
    description:
      "Choose the new end date. The extension makes a new version the employee acknowledges.",
  },
  close: {
    title: "Close the plan",
    confirm: "Close the plan",
    description:
      "Record the outcome and your closing reflection. The employee can add theirs. When the goals are met, a growth plan carries on and the plan is sealed.",
  },
};

function TransitionDialog({
  detail,
  action,
  onClose,
  onDone,
}: {
  detail: PlanDetail;
  action: PlanAction;
  onClose: () => void;
  onDone: (message: string | null) => void;
}) {
  const text = dialogText[action]!;
  const [comment, setComment] = useState("");
  const [outcome, setOutcome] = useState<Outcome | "">("");
  const [reflection, setReflection] = useState(detail.plan.managerReflection);
  const [newEndDate, setNewEndDate] = useState("");
  // The growth plan that carries on (goals met): null until the drafted goals are in place.
  const [carryOn, setCarryOn] = useState<CarryOnGoal[] | null>(null);
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const transition = useTransition(detail.plan.id);
  const ran = ["issued", "acknowledged", "active", "paused", "extended"].includes(
    detail.plan.status,
  );
  const outcomes: Outcome[] = ran
    ? ["goals_met", "extended", "moved", "separation", "withdrawn"]
    : ["withdrawn"];
  const fieldErrors = transition.error instanceof ApiError ? transition.error.fieldErrors() : {};
  const review = usePlanReview(
    detail.plan.id,
    action === "approve" && Boolean(detail.abilities["plan.view_review"]),
  );
  const open = action === "approve" ? (review.data?.summary.openBlockers ?? 0) : 0;

  return (
    <Dialog
      open
      onClose={onClose}
      title={text.title}
      description={text.description}
      className={action === "close" ? "max-w-2xl!" : undefined}
    >
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (action === "request_changes" && !comment.trim())
            return setError("Say what should change.");
          if (action === "close" && !outcome) return setError("Choose the outcome.");
          if (action === "extend" && !newEndDate) return setError("Choose the new end date.");
          setError(null);
          transition.mutate(
            {
              action,
              version: detail.plan.version,
              ...(comment.trim() ? { comment: comment.trim() } : {}),
              ...(action === "close"
                ? { outcome: outcome || undefined, managerReflection: reflection }
                : {}),
              ...(action === "close" && outcome === "goals_met" && carryOn
                ? { growthGoals: carryOnBody(carryOn) }
                : {}),
              ...(action === "extend"
                ? { newEndDate, ...(comment.trim() ? { reason: comment.trim() } : {}) }
                : {}),
            },
            {
              onSuccess: (data) => {
                // A growth plan may now carry on from it: the person's goals are read again.
                if (action === "close")
                  void queryClient.invalidateQueries({ queryKey: ["growth"] });
                onDone((data as { message?: string })?.message ?? null);
              },
            },
          );
        }}
      >
        {action === "close" ? <EngagementBeforeClose planId={detail.plan.id} /> : null}
        {action === "close" ? (
          <fieldset>
            <legend className="text-sm font-medium text-stone-800">Outcome</legend>
            <div className="mt-2 space-y-2">
              {outcomes.map((o) => (
                <Radio
                  key={o}
                  name="outcome"
                  label={outcomeLabel[o]}
                  checked={outcome === o}
                  onChange={() => setOutcome(o)}
                />
              ))}
            </div>
            {fieldErrors.outcome ? (
              <p className="mt-1 text-sm text-red-700">{fieldErrors.outcome}</p>
            ) : null}
          </fieldset>
        ) : null}
        {action === "close" && outcome === "goals_met" ? (
          <CarryOnGoalsFields
            detail={detail}
            goals={carryOn}
            onChange={setCarryOn}
            errors={fieldErrors}
          />
        ) : null}
        {action === "extend" ? (
          <TextField
            label="New end date"
            type="date"
            required
            min={detail.plan.endDate ?? undefined}
            value={newEndDate}
            error={fieldErrors.newEndDate}
            onChange={(e) => setNewEndDate(e.target.value)}
          />
        ) : null}
        {action === "close" ? (
          <Field label="Your closing reflection" optional error={fieldErrors.managerReflection}>
            {(p) => (
              <TextArea
                {...p}
                rows={4}
                value={reflection}
                onChange={(e) => setReflection(e.target.value)}
              />
            )}
          </Field>
        ) : (
          <Field
            label={action === "extend" ? "Reason for the extension" : "Comment"}
            optional={action !== "request_changes"}
            error={fieldErrors.comment}
          >
            {(p) => (
              <TextArea
                {...p}
                rows={4}
                required={action === "request_changes"}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
            )}
          </Field>
        )}
        {open && !transition.isError ? (
          <Alert tone="warning">
            The review has {open === 1 ? "an open blocker" : `${open} open blockers`}: the plan
            cannot be approved until {open === 1 ? "it is" : "they are"} fixed or overridden with a
            reason.
          </Alert>
        ) : null}
        {error ? <Alert tone="error">{error}</Alert> : null}
        {transition.isError ? (
          <TransitionError error={transition.error} inDialog>
            {messageOf(transition.error)}
          </TransitionError>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" busy={transition.isPending}>
            {text.confirm}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** A refused move; when the review stopped it, says so and points at the review. */
function TransitionError({
  error,
  className,
  inDialog = false,
  children,
}: {
  error: unknown;
  className?: string;
  inDialog?: boolean;
  children: ReactNode;
}) {
  const blocked = error instanceof ApiError && error.code === "plan.review_blocked";
  return (
    <Alert
      tone="error"
      className={className}
      title={blocked ? "The review stops this for now" : undefined}
      actions={
        blocked && !inDialog ? (
          <a
            href="#plan-review"
            className="text-sm font-medium text-red-900 underline underline-offset-2"
          >
            See the review
          </a>
        ) : undefined
      }
    >
      {children}
    </Alert>
  );
}

// ---------- closing ----------

function ClosingSummary({ ctx }: { ctx: PlanCtx }) {
  const { detail } = ctx;
  const p = detail.plan;
  const [text, setText] = useState(p.employeeReflection);
  const [editing, setEditing] = useState(false);
  const save = useReflection(p.id, () => setEditing(false));
  return (
    <Card
      title="How the plan ended"
      description={p.closedAt ? `Closed ${formatDate(p.closedAt)}` : undefined}
    >
      <p className="text-lg font-semibold text-stone-900">
        {p.outcome ? outcomeLabel[p.outcome] : "No outcome recorded"}
      </p>
      <div className="mt-4 grid gap-4 md:grid-cols-2">
        <div>
          <h3 className="text-sm font-semibold">The manager's reflection</h3>
          <p className="mt-1 text-sm whitespace-pre-wrap">
            {p.managerReflection || "Not written."}
          </p>
        </div>
        <div>
          <h3 className="text-sm font-semibold">
            {ctx.isEmployee ? "Your reflection" : "The employee's reflection"}
          </h3>
          {editing ? (
            <form
              className="mt-1 space-y-2"
              onSubmit={(e) => {
                e.preventDefault();
                save.mutate(text);
              }}
            >
              <Field label="Your closing reflection">
                {(f) => (
                  <TextArea
                    {...f}
                    rows={4}
                    value={text}
                    onChange={(e) => setText(e.target.value)}
                  />
                )}
              </Field>
              {save.isError ? <Alert tone="error">{messageOf(save.error)}</Alert> : null}
              <div className="flex gap-2">
                <Button type="submit" size="sm" busy={save.isPending}>
                  Save reflection
                </Button>
                <Button size="sm" variant="secondary" onClick={() => setEditing(false)}>
                  Cancel
                </Button>
              </div>
            </form>
          ) : (
            <>
              <p className="mt-1 text-sm whitespace-pre-wrap">
                {p.employeeReflection || "Not written yet."}
              </p>
              {ctx.isEmployee ? (
                <Button
                  size="sm"
                  variant="secondary"
                  className="mt-2"
                  onClick={() => setEditing(true)}
                >
                  {p.employeeReflection ? "Change your reflection" : "Add your reflection"}
                </Button>
              ) : null}
            </>
          )}
        </div>
      </div>
      <h3 className="mt-5 text-sm font-semibold">Goals against their targets</h3>
      <ul className="mt-2 space-y-1 text-sm">
        {detail.goalProgress.map((g) => {
          const last = g.points.at(-1);
          const met =
            last && g.target !== null
              ? g.direction === "up"
                ? last.value >= g.target
                : last.value <= g.target
              : false;
          return (
            <li key={g.goalId} className="flex flex-wrap items-center gap-2">
              <Badge tone={met ? "success" : "neutral"}>
                {met ? "Target reached" : "Target not reached"}
              </Badge>
              <span>{g.description}</span>
              <span className="text-stone-600">
                baseline {g.baseline ?? "—"}, target {g.target ?? "—"}, last{" "}
                {last ? last.value : "—"}
                {g.unit ? ` ${g.unit}` : ""}
              </span>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

function useReflection(planId: string, onDone: () => void) {
  return usePlanWrite(
    planId,
    (employeeReflection: string) => api.post(`/plans/${planId}/reflection`, { employeeReflection }),
    onDone,
  );
}
