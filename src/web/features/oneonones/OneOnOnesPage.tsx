import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api } from "../../api";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import type { Team, TeamMember } from "../../types";
import {
  Alert,
  Badge,
  Button,
  Card,
  EmptyState,
  Field,
  Loading,
  PageHeader,
  Select,
} from "../../ui";
import { useSignedIn } from "../layout/session";
import { Avatar } from "../people/PersonBits";
import { meetingWhen, scheduleText } from "./labels";
import { oneOnOneApi, useOneOnOneWrite, useSeriesList } from "./oneononesApi";
import { defaultSchedule, ScheduleFields, type ScheduleValues, saveProblems } from "./ScheduleForm";
import type { SeriesDetail, SeriesSummary } from "./types";

export function OneOnOnesPage() {
  useDocumentTitle("1:1s");
  const me = useSignedIn();
  const isManager = me.roles.includes("manager");
  const list = useSeriesList();
  const team = useQuery({
    queryKey: ["team"],
    queryFn: () => api.get<Team>("/team"),
    enabled: isManager,
  });
  const [params, setParams] = useSearchParams();
  const preselected = params.get("with") ?? "";
  // "?with=<person>" opens the form for that report; "?schedule" opens it.
  const [formOpen, setFormOpen] = useState(Boolean(preselected) || params.has("schedule"));

  if (list.isPending) return <Loading label="Loading your 1:1s…" />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;

  const { asManager, asReport } = list.data;
  const scheduled = new Set(asManager.filter((s) => s.status !== "ended").map((s) => s.reportId));
  const unscheduled = (team.data?.direct ?? []).filter((m) => !scheduled.has(m.id));
  const canSchedule = isManager && unscheduled.length > 0;
  const openForm = () => setFormOpen(true);
  const closeForm = () => {
    setFormOpen(false);
    if (preselected || params.has("schedule")) {
      const next = new URLSearchParams(params);
      next.delete("with");
      next.delete("schedule");
      setParams(next, { replace: true });
    }
  };

  return (
    <>
      <PageHeader
        title="1:1s"
        description="Regular time between a manager and each report: an agenda you both add to, shared notes, and the commitments you make to each other. Held, cancelled and moved meetings are all kept."
        actions={
          canSchedule && !formOpen ? <Button onClick={openForm}>Schedule 1:1s</Button> : null
        }
      />
      <div className="space-y-6">
        {formOpen && isManager ? (
          team.isPending ? (
            <Loading label="Loading your team…" />
          ) : team.isError ? (
            <QueryError error={team.error} onRetry={() => void team.refetch()} />
          ) : (
            <ScheduleCard
              reports={unscheduled}
              preselected={unscheduled.some((r) => r.id === preselected) ? preselected : ""}
              onCancel={closeForm}
            />
          )
        ) : null}

        {isManager && !formOpen && unscheduled.length > 0 && asManager.length > 0 ? (
          <Alert
            tone="warning"
            title={`${unscheduled.length} of your direct reports ${
              unscheduled.length === 1 ? "has" : "have"
            } no 1:1s yet`}
            actions={
              <Button size="sm" variant="secondary" onClick={openForm}>
                Schedule 1:1s
              </Button>
            }
          >
            {unscheduled.map((m) => m.name).join(", ")}. Regular 1:1s mean no one is ever surprised.
          </Alert>
        ) : null}

        {asManager.length ? (
          <SeriesCard
            title="1:1s you run"
            description="With each of your direct reports."
            items={asManager}
          />
        ) : null}
        {asReport.length ? (
          <SeriesCard
            title="Your 1:1s with your manager"
            description="Add what you want to talk about to the agenda before each meeting."
            items={asReport}
          />
        ) : null}

        {asManager.length === 0 && asReport.length === 0 && !formOpen ? (
          isManager ? (
            <EmptyState
              title="You have no 1:1s yet."
              action={canSchedule ? <Button onClick={openForm}>Schedule 1:1s</Button> : undefined}
            >
              {team.data && team.data.direct.length === 0
                ? "1:1s are set up by a manager with a direct report. When someone reports to you, schedule regular 1:1s with them here."
                : "Set up a regular 1:1 with each of your direct reports: pick a day and time, and Headway keeps the next meetings, the agenda and your commitments."}
            </EmptyState>
          ) : (
            <EmptyState title="You have no 1:1s yet.">
              Your manager sets up your regular 1:1s. Once they do, you will find the meetings here
              and can add your own talking points to each agenda. You can also ask them for one.
            </EmptyState>
          )
        ) : null}
      </div>
    </>
  );
}

function SeriesCard({
  title,
  description,
  items,
}: {
  title: string;
  description: string;
  items: SeriesSummary[];
}) {
  return (
    <Card title={title} description={description} padded={false}>
      <ul className="divide-y divide-stone-100" aria-label={title}>
        {items.map((s) => (
          <SeriesItem key={s.id} series={s} />
        ))}
      </ul>
    </Card>
  );
}

function SeriesItem({ series: s }: { series: SeriesSummary }) {
  return (
    <li className="grid gap-3 px-4 py-4 sm:px-5 md:grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)_minmax(0,1fr)_auto] md:items-center">
      <div className="flex min-w-0 items-center gap-3">
        <Avatar name={s.other.name} size="sm" />
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2">
            <Link
              to={`/one-on-ones/${s.id}`}
              className="font-medium text-teal-800 underline-offset-2 hover:underline"
            >
              1:1 with {s.other.name}
            </Link>
            {s.status === "paused" ? <Badge tone="warning">Paused</Badge> : null}
            {s.status === "ended" ? <Badge tone="neutral">Ended</Badge> : null}
          </p>
          <p className="text-sm text-stone-600">{scheduleText(s)}</p>
        </div>
      </div>
      <div className="text-sm">
        <p className="text-xs font-medium uppercase tracking-wide text-stone-500">Next meeting</p>
        {s.next ? (
          <Link
            to={`/one-on-ones/${s.id}/meetings/${s.next.id}`}
            className="text-teal-800 underline-offset-2 hover:underline"
          >
            {meetingWhen(s.next)}
          </Link>
        ) : (
          <p className="text-stone-600">
            {s.status === "paused" ? "Paused" : s.status === "ended" ? "Ended" : "None scheduled"}
          </p>
        )}
      </div>
      <div className="text-sm">
        <p className="text-xs font-medium uppercase tracking-wide text-stone-500">Last held</p>
        <p className="text-stone-800">{s.lastHeld ? meetingWhen(s.lastHeld) : "Not yet"}</p>
      </div>
      <div>
        {s.openCommitments ? (
          <Badge tone="accent">
            {s.openCommitments} open {s.openCommitments === 1 ? "commitment" : "commitments"}
          </Badge>
        ) : (
          <span className="text-sm text-stone-600">No open commitments</span>
        )}
      </div>
    </li>
  );
}

/** A manager sets up a 1:1 series with one of their direct reports who has none yet. */
function ScheduleCard({
  reports,
  preselected,
  onCancel,
}: {
  reports: TeamMember[];
  preselected: string;
  onCancel: () => void;
}) {
  const navigate = useNavigate();
  const [reportId, setReportId] = useState(
    preselected || (reports.length === 1 ? reports[0]!.id : ""),
  );
  const [values, setValues] = useState<ScheduleValues>(defaultSchedule);
  const [missing, setMissing] = useState<string | null>(null);
  const create = useOneOnOneWrite(
    (input: ScheduleValues & { reportId: string }) => oneOnOneApi.create(input),
    (series: SeriesDetail) => navigate(`/one-on-ones/${series.series.id}`),
  );
  const problems = saveProblems(create.error);

  return (
    <Card
      title="Schedule 1:1s"
      description="A regular 1:1 with one of your direct reports. They are told, and can add to the agenda of every meeting."
    >
      {reports.length === 0 ? (
        <div className="space-y-3">
          <p className="text-sm text-stone-600">
            Every one of your direct reports already has a 1:1 series with you. To change a
            schedule, open the series.
          </p>
          <Button variant="secondary" onClick={onCancel}>
            Close
          </Button>
        </div>
      ) : (
        <form
          aria-label="Schedule 1:1s"
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (!reportId) {
              setMissing("Choose whom the 1:1s are with.");
              return;
            }
            setMissing(null);
            create.mutate({ ...values, reportId });
          }}
        >
          <Field
            label="With"
            hint="Your direct reports without a 1:1 series."
            error={missing ?? problems.fields.reportId}
          >
            {(p) => (
              <Select {...p} value={reportId} onChange={(e) => setReportId(e.target.value)}>
                <option value="">Choose a person…</option>
                {reports.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                    {r.title ? ` — ${r.title}` : ""}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <ScheduleFields values={values} onChange={setValues} errors={problems.fields} />
          {problems.message ? <Alert tone="error">{problems.message}</Alert> : null}
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" busy={create.isPending} busyLabel="Scheduling…">
              Schedule 1:1s
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
