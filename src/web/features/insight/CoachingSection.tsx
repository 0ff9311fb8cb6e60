import type { ReactNode } from "react";
import { Link } from "react-router";
import {
  type CoachingSort,
  coachingSorts,
  type SortDirection,
  sortDirections,
  worstFirst,
} from "../../../modules/insight/insight.coaching.rules";
import type { CoachingReport } from "../../../modules/insight/insight.types";
import { Button, Card, cx, EmptyState, Table, TBody, Td, THead, Th } from "../../ui";
import { HorizontalBars } from "./InsightCharts";
import { useInsightFilters } from "./insightApi";
import { figure, percent, plural } from "./labels";

/** Feedback per report a month is often under one: two decimals then, so 0.04 is not "0.0". */
const perMonth = (v: number | null) => figure(v, v !== null && v < 1 ? 2 : 1);

import { SuppressedNote } from "./SuppressedNote";

export const COACHING_PAGE_SIZE = 25;

const sortLabel: Record<CoachingSort, Record<SortDirection, string>> = {
  held_rate: { asc: "1:1s held, lowest first", desc: "1:1s held, highest first" },
  feedback: { asc: "feedback given, least first", desc: "feedback given, most first" },
  kept_rate: { asc: "commitments kept, lowest first", desc: "commitments kept, highest first" },
  plans: { asc: "plans per 100 reports, fewest first", desc: "plans per 100 reports, most first" },
  name: { asc: "name, A to Z", desc: "name, Z to A" },
};

/** The managers' table order from the address: worst first by 1:1s held unless it says else. */
export function coachingOrder(params: URLSearchParams): {
  sort: CoachingSort;
  direction: SortDirection;
} {
  const sortParam = params.get("sort");
  const sort = (coachingSorts as readonly string[]).includes(sortParam ?? "")
    ? (sortParam as CoachingSort)
    : "held_rate";
  const directionParam = params.get("direction");
  const direction = (sortDirections as readonly string[]).includes(directionParam ?? "")
    ? (directionParam as SortDirection)
    : worstFirst[sort];
  return { sort, direction };
}

/** The sort and direction as the API takes them: only what differs from the default. */
export function coachingOrderQuery(params: URLSearchParams) {
  const { sort, direction } = coachingOrder(params);
  return {
    sort: sort === "held_rate" ? undefined : sort,
    direction: direction === worstFirst[sort] ? undefined : direction,
  };
}

/** The coaching report's own query: the order and page of the managers' table. */
export function coachingQuery(params: URLSearchParams) {
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  return {
    ...coachingOrderQuery(params),
    offset: (page - 1) * COACHING_PAGE_SIZE,
    limit: COACHING_PAGE_SIZE,
  };
}

function OrgFigure({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <div className="rounded-md border border-stone-200 px-3 py-2">
      <dt className="text-xs font-medium text-stone-600">{label}</dt>
      <dd className="text-2xl font-semibold text-stone-900 tabular-nums">{value}</dd>
      {hint ? <dd className="text-xs text-stone-600">{hint}</dd> : null}
    </div>
  );
}

function OrganisationFigures({
  o,
  filtered,
}: {
  o: CoachingReport["organisation"];
  filtered: boolean;
}) {
  return (
    <Card
      title={filtered ? "Everyone in this view" : "The organisation"}
      description={`${plural(o.managers, "manager")} with ${plural(o.reports, "report")}, in this period.`}
    >
      <dl
        className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5"
        aria-label="Coaching figures of the organisation"
      >
        <OrgFigure
          label="1:1s held"
          value={percent(o.heldRate)}
          hint={`${o.oneOnOnesHeld} held, ${o.oneOnOnesCancelled} cancelled`}
        />
        <OrgFigure
          label="Feedback per report a month"
          value={perMonth(o.feedbackPerReportPerMonth)}
          hint={`${o.feedbackGiven} given in all`}
        />
        <OrgFigure
          label="Commitments kept"
          value={percent(o.keptRate)}
          hint={`${o.commitmentsKept} of ${o.commitmentsDue} due`}
        />
        <OrgFigure
          label="Plans per 100 reports"
          value={figure(o.plansPer100Reports, 1)}
          hint={`${plural(o.plansOpened, "plan")} opened`}
        />
        <OrgFigure
          label="Plans without prior feedback"
          value={percent(o.shareWithoutPriorFeedback)}
          hint={`${o.plansWithoutPriorFeedback} of ${o.plansOpened}: the employee had no written feedback first`}
        />
      </dl>
    </Card>
  );
}

function Bands({ report }: { report: CoachingReport }) {
  const data = report.heldRateBands.map((b) => ({ label: b.band, value: b.managers }));
  const summary = `Managers by the share of their 1:1s held rather than cancelled: ${data
    .map((d) => `${d.label}, ${d.value}`)
    .join("; ")}.`;
  const any = data.some((d) => d.value > 0);
  return (
    <Card
      title="1:1s held, by manager"
      description="How many managers hold most of their 1:1s, and how many keep cancelling them: a manager who keeps cancelling is a signal."
    >
      {any ? (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,18rem)]">
          <HorizontalBars data={data} name="Managers" summary={summary} labelWidth={120} />
          <Table caption="Managers by share of 1:1s held" className="self-start">
            <THead>
              <tr>
                <Th>1:1s held</Th>
                <Th className="text-right">Managers</Th>
              </tr>
            </THead>
            <TBody>
              {data.map((d) => (
                <tr key={d.label}>
                  <Td>{d.label}</Td>
                  <Td className="text-right tabular-nums">{d.value}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
        </div>
      ) : (
        <EmptyState title="No 1:1s were held or cancelled in this period.">
          Managers schedule regular 1:1s from the 1:1s page; held and cancelled meetings show here
          as they happen.
        </EmptyState>
      )}
    </Card>
  );
}

type ManagerRow = CoachingReport["managers"][number];

const columns: {
  label: string;
  sort?: CoachingSort;
  cell: (m: ManagerRow) => ReactNode;
}[] = [
  {
    label: "Reports",
    cell: (m) => m.reports,
  },
  {
    label: "1:1s held",
    sort: "held_rate",
    cell: (m) => (
      <>
        {percent(m.heldRate)}
        <Sub>
          {m.oneOnOnesHeld} held, {m.oneOnOnesCancelled} cancelled
        </Sub>
      </>
    ),
  },
  {
    label: "Feedback a report a month",
    sort: "feedback",
    cell: (m) => (
      <>
        {perMonth(m.feedbackPerReportPerMonth)}
        <Sub>{m.feedbackGiven} given</Sub>
      </>
    ),
  },
  {
    label: "Commitments kept",
    sort: "kept_rate",
    cell: (m) => (
      <>
        {percent(m.keptRate)}
        <Sub>
          {m.commitmentsKept} of {m.commitmentsDue}
        </Sub>
      </>
    ),
  },
  {
    label: "Plans per 100 reports",
    sort: "plans",
    cell: (m) => (
      <>
        {figure(m.plansPer100Reports, 1)}
        <Sub>{plural(m.plansOpened, "plan")}</Sub>
      </>
    ),
  },
  {
    label: "Plans without prior feedback",
    cell: (m) => (
      <>
        {percent(m.shareWithoutPriorFeedback)}
        <Sub>
          {m.plansWithoutPriorFeedback} of {m.plansOpened}
        </Sub>
      </>
    ),
  },
];

function Sub({ children }: { children: ReactNode }) {
  return <span className="block text-xs font-normal text-stone-600">{children}</span>;
}

function SortButton({ sort, children }: { sort: CoachingSort; children: ReactNode }) {
  const { params, update } = useInsightFilters();
  const current = coachingOrder(params);
  const active = sort === current.sort;
  // A new column starts worst first; choosing the sorted column again turns its order round.
  const next: SortDirection = active
    ? current.direction === "asc"
      ? "desc"
      : "asc"
    : worstFirst[sort];
  return (
    <button
      type="button"
      onClick={() =>
        update({
          sort: sort === "held_rate" ? null : sort,
          direction: next === worstFirst[sort] ? null : next,
        })
      }
      className={cx(
        "inline-flex items-center gap-1 rounded-sm text-left uppercase tracking-wide hover:text-stone-900 focus-visible:outline-2 focus-visible:outline-teal-700",
        active ? "text-teal-800" : undefined,
      )}
      title={`Sort by ${sortLabel[sort][next]}`}
    >
      {children}
      <span aria-hidden="true">{active ? (current.direction === "asc" ? "▲" : "▼") : "↕"}</span>
      <span className="sr-only">{`, sort by ${sortLabel[sort][next]}`}</span>
    </button>
  );
}

function ManagersTable({ report }: { report: CoachingReport }) {
  const { params, update } = useInsightFilters();
  const { sort: current, direction } = coachingOrder(params);
  const { offset, limit, total } = report.page;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  const ariaSort = (sort?: CoachingSort) =>
    sort && sort === current ? (direction === "asc" ? "ascending" : "descending") : undefined;
  return (
    <Card
      title="Managers"
      description={`Each manager with reports in this period: ${sortLabel[current][direction]}. Choose a column heading to sort by it, and again to turn its order round.`}
      padded={false}
    >
      {report.managers.length === 0 ? (
        <div className="p-4 sm:p-5">
          <EmptyState title="No manager matches these filters.">
            Choose another department or manager, or a longer period.
          </EmptyState>
        </div>
      ) : (
        <>
          <Table caption={`Coaching health by manager, ${sortLabel[current][direction]}`}>
            <THead>
              <tr>
                <Th aria-sort={ariaSort("name")}>
                  <SortButton sort="name">Manager</SortButton>
                </Th>
                {columns.map((c) => (
                  <Th key={c.label} className="text-right" aria-sort={ariaSort(c.sort)}>
                    {c.sort ? <SortButton sort={c.sort}>{c.label}</SortButton> : c.label}
                  </Th>
                ))}
              </tr>
            </THead>
            <TBody>
              {report.managers.map((m) => (
                <tr key={m.managerId}>
                  <Td>
                    <Link
                      to={`/people/${m.managerId}`}
                      className="font-medium text-teal-800 underline-offset-2 hover:underline"
                    >
                      {m.name}
                    </Link>
                    <Sub>{m.department}</Sub>
                  </Td>
                  {columns.map((c) => (
                    <Td key={c.label} className="text-right tabular-nums">
                      {c.cell(m)}
                    </Td>
                  ))}
                </tr>
              ))}
            </TBody>
          </Table>
          <nav
            aria-label="Pages of managers"
            className="flex flex-wrap items-center justify-between gap-3 border-t border-stone-100 px-4 py-3 text-sm text-stone-600 sm:px-5"
          >
            <p>
              {offset + 1}–{Math.min(total, offset + report.managers.length)} of{" "}
              {plural(total, "manager")}
            </p>
            {pages > 1 ? (
              <div className="flex gap-2">
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={page <= 1}
                  onClick={() => update({ page: page > 2 ? String(page - 1) : null })}
                >
                  Previous page
                </Button>
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={page >= pages}
                  onClick={() => update({ page: String(page + 1) })}
                >
                  Next page
                </Button>
              </div>
            ) : null}
          </nav>
        </>
      )}
    </Card>
  );
}

export function CoachingSection({ report }: { report: CoachingReport }) {
  if (report.suppressed)
    return (
      <SuppressedNote meta={report.meta} periodHelps={false}>
        Fewer than {report.meta.minGroupSize} managers are in this view: figures are hidden so no
        one can be recognised.
      </SuppressedNote>
    );
  return (
    <div className="space-y-5">
      <OrganisationFigures
        o={report.organisation}
        filtered={Boolean(report.meta.filters.department || report.meta.filters.managerId)}
      />
      <Bands report={report} />
      {report.meta.view === "named" ? (
        <ManagersTable report={report} />
      ) : (
        <p className="text-sm text-stone-600">
          Figures by manager are for HR partners, who see the managers in their scope by name. You
          see the organisation as a whole.
        </p>
      )}
    </div>
  );
}
