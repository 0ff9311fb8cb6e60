import type { UseQueryResult } from "@tanstack/react-query";
import { Navigate, NavLink, useLocation, useParams } from "react-router";
import {
  type InsightMeta,
  type InsightSection,
  insightSections,
} from "../../../modules/insight/insight.types";
import { ApiError } from "../../api";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import type { Me } from "../../types";
import { Alert, buttonClass, cx, Loading, PageHeader, Spinner } from "../../ui";
import { NotAvailable, NotFoundPage } from "../layout/NotFoundPage";
import { useSignedIn } from "../layout/session";
import { CausesSection } from "./CausesSection";
import { CoachingSection, coachingOrderQuery, coachingQuery } from "./CoachingSection";
import { FairnessSection } from "./FairnessSection";
import { FilterBar } from "./FilterBar";
import { csvHref, filterQuery, type Reports, useInsightFilters, useReport } from "./insightApi";
import { sectionLabel } from "./labels";
import { OutcomesSection } from "./OutcomesSection";
import { RiskSection } from "./RiskSection";

const isSection = (s: string | undefined): s is InsightSection =>
  (insightSections as readonly string[]).includes(s ?? "");

/** The sections this person may open, in order: fairness is HR's alone. */
export function sectionsFor(me: Me): InsightSection[] {
  return insightSections.filter(
    (s) => s !== "fairness" || Boolean(me.abilities["insight.view_fairness"]),
  );
}

const description: Record<InsightSection, string> = {
  outcomes:
    "How success plans ended: how many with the goals met, against the industry's 5–10%, and how long improvement took.",
  causes:
    "Why plans started, whether the support promised was delivered, and how confidence moved along the way.",
  coaching:
    "The coaching before any plan: 1:1s held and cancelled, feedback given, commitments kept.",
  risk: "Running plans that need a closer look now.",
  fairness:
    "Whether plans fall more often on one group of people than on another, by what HR has recorded.",
};

/**
 * Insight: HR and L&D's dashboards. One section at a time (/insight/outcomes …), the filters in
 * the address so a view can be shared; HR sees names in its scope, L&D sees counts only.
 */
export function InsightPage() {
  const me = useSignedIn();
  const { section } = useParams();
  const location = useLocation();
  const allowed = sectionsFor(me);
  useDocumentTitle(isSection(section) ? `Insight: ${sectionLabel[section]}` : "Insight");

  if (!me.abilities["insight.view"]) return <NotAvailable title="Insight" />;
  if (section === undefined) return <Navigate to={`/insight/outcomes${location.search}`} replace />;
  if (!isSection(section)) return <NotFoundPage />;
  if (!allowed.includes(section))
    return <NotAvailable title={`Insight: ${sectionLabel[section]}`} />;
  return <SectionView me={me} section={section} allowed={allowed} />;
}

function SectionView({
  me,
  section,
  allowed,
}: {
  me: Me;
  section: InsightSection;
  allowed: InsightSection[];
}) {
  const { values, params } = useInsightFilters();
  const extra =
    section === "fairness"
      ? { attribute: params.get("attribute") ?? undefined }
      : section === "coaching"
        ? coachingQuery(params)
        : {};
  const report = useReport(section, extra);
  const fieldErrors =
    report.error instanceof ApiError && report.error.code === "validation.failed"
      ? report.error.fieldErrors()
      : {};
  const meta = (report.data as { meta?: InsightMeta } | undefined)?.meta;
  const links = filterQuery(params);
  // The CSV lists every manager (not one page), in the order the table shows.
  const csvExtra =
    section === "fairness"
      ? { attribute: params.get("attribute") ?? undefined }
      : section === "coaching"
        ? coachingOrderQuery(params)
        : {};

  return (
    <>
      <PageHeader
        title="Insight"
        description={description[section]}
        actions={
          <a
            href={csvHref(section, values, csvExtra)}
            download
            className={buttonClass({ variant: "secondary" })}
          >
            Download CSV<span className="sr-only"> of {sectionLabel[section].toLowerCase()}</span>
          </a>
        }
      />
      <nav aria-label="Insight sections" className="mb-5 border-b border-stone-200">
        <ul className="-mb-px flex flex-wrap gap-1">
          {allowed.map((s) => (
            <li key={s}>
              <NavLink
                to={`/insight/${s}${links}`}
                className={({ isActive }) =>
                  cx(
                    "inline-flex items-center border-b-2 px-3 py-2 text-sm font-medium",
                    isActive
                      ? "border-teal-700 text-teal-800"
                      : "border-transparent text-stone-600 hover:border-stone-300 hover:text-stone-900",
                  )
                }
              >
                {sectionLabel[s]}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <FilterBar me={me} effective={meta?.filters} errors={fieldErrors} />
      {meta ? <ViewNote meta={meta} /> : null}
      <div aria-busy={report.isFetching || undefined} className="relative">
        <div aria-live="polite" className="sr-only">
          {report.isFetching && !report.isPending ? "Updating the figures…" : ""}
        </div>
        {report.isFetching && report.isPlaceholderData ? (
          <p className="mb-3 text-sm text-stone-600">
            <Spinner label="Updating the figures…" />
          </p>
        ) : null}
        <SectionBody section={section} report={report} fieldErrors={fieldErrors} me={me} />
      </div>
    </>
  );
}

/** Who may see what in these figures, in one line. */
function ViewNote({ meta }: { meta: InsightMeta }) {
  return (
    <p className="mb-5 text-sm text-stone-600">
      {meta.view === "named"
        ? `You see the people in your scope by name. In the fairness analysis, groups of fewer than ${meta.minGroupSize} people are hidden so no one can be recognised.`
        : `You see the organisation in counts only: no one is named, and figures about fewer than ${meta.minGroupSize} people or plans are hidden so no one can be recognised.`}
    </p>
  );
}

function SectionBody({
  section,
  report,
  fieldErrors,
  me,
}: {
  section: InsightSection;
  report: UseQueryResult<Reports[InsightSection]>;
  fieldErrors: Record<string, string>;
  me: Me;
}) {
  if (report.isPending) return <Loading label="Loading the figures…" />;
  if (report.isError) {
    if (Object.keys(fieldErrors).length)
      return (
        <Alert tone="warning" title="Check the filters">
          {report.error.message} Change the filter marked above to see the figures.
        </Alert>
      );
    return (
      <QueryError
        title="The figures could not be loaded."
        error={report.error}
        onRetry={() => void report.refetch()}
      />
    );
  }
  const data = report.data;
  switch (section) {
    case "outcomes":
      return <OutcomesSection report={data as Reports["outcomes"]} />;
    case "causes":
      return <CausesSection report={data as Reports["causes"]} />;
    case "coaching":
      return <CoachingSection report={data as Reports["coaching"]} />;
    case "risk":
      return <RiskSection report={data as Reports["risk"]} />;
    case "fairness":
      return <FairnessSection report={data as Reports["fairness"]} me={me} />;
  }
}
