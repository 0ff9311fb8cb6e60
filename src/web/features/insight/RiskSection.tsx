import { Link } from "react-router";
import { type RiskReport, riskFlags } from "../../../modules/insight/insight.types";
import type { PlanStatus } from "../../../modules/plans/plans.types";
import { Badge, Card, EmptyState, Table, TBody, Td, THead, Th } from "../../ui";
import { statusLabel } from "../plans/labels";
import { HorizontalBars } from "./InsightCharts";
import { plural, riskFlagLabel, riskFlagShort, riskFlagTone } from "./labels";
import { SuppressedNote } from "./SuppressedNote";

const flagHint: Record<(typeof riskFlags)[number], string> = {
  open_blockers: "The plan review found a blocker that is still open.",
  overridden_findings: "HR overrode a finding of the review, with a recorded reason.",
  retaliation_window:
    "The plan was opened soon after the employee complained or asked for a promotion, transfer, leave or an accommodation.",
  overdue_checkins: "A check-in is past its date and not recorded.",
  unanswered_clarifications: "The employee asked what a goal means and has no answer yet.",
};

export function RiskSection({ report }: { report: RiskReport }) {
  if (report.suppressed)
    return (
      <SuppressedNote meta={report.meta} periodHelps={false}>
        Fewer than {report.meta.minGroupSize} plans are running now: the counts are hidden so no one
        can be recognised.
      </SuppressedNote>
    );
  const rows = riskFlags.map((flag) => ({
    flag,
    label: riskFlagShort[flag],
    value: report.counts.find((c) => c.flag === flag)?.plans ?? 0,
  }));
  const flagged = rows.some((r) => r.value > 0);
  const summary = `Running plans with each risk flag: ${rows
    .map((r) => `${riskFlagLabel[r.flag]}, ${r.value}`)
    .join("; ")}.`;
  return (
    <div className="space-y-5">
      <Card
        title="Risk flags on running plans"
        description={`${plural(report.running, "plan")} running now. A plan may carry several flags.`}
      >
        {report.running === 0 ? (
          <EmptyState title="No plan is running now.">
            Flags appear here while plans run: open blockers, overridden findings, plans opened soon
            after a protected activity, overdue check-ins and unanswered questions.
          </EmptyState>
        ) : (
          <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
            {flagged ? (
              <HorizontalBars data={rows} name="Plans" summary={summary} labelWidth={160} />
            ) : (
              <p className="self-center text-sm text-stone-700">
                None of the running plans carries a risk flag.
              </p>
            )}
            <Table caption="Running plans with each risk flag" className="self-start">
              <THead>
                <tr>
                  <Th>Flag</Th>
                  <Th className="text-right">Plans</Th>
                </tr>
              </THead>
              <TBody>
                {rows.map((r) => (
                  <tr key={r.flag}>
                    <Td>
                      {riskFlagLabel[r.flag]}
                      <span className="block text-xs text-stone-600">{flagHint[r.flag]}</span>
                    </Td>
                    <Td className="text-right tabular-nums">{r.value}</Td>
                  </tr>
                ))}
              </TBody>
            </Table>
          </div>
        )}
      </Card>
      {report.meta.view === "named" ? (
        <PlansAtRisk report={report} />
      ) : (
        <p className="text-sm text-stone-600">
          The plans themselves are listed for HR partners only. You see the counts.
        </p>
      )}
    </div>
  );
}

function PlansAtRisk({ report }: { report: RiskReport }) {
  return (
    <Card
      title="Plans to look at"
      description="Running plans with at least one flag. Open a plan to see its review, check-ins and questions."
      padded={false}
    >
      {report.plans.length === 0 ? (
        <div className="p-4 sm:p-5">
          <EmptyState title="No running plan carries a risk flag.">
            Nothing needs a closer look now for these filters.
          </EmptyState>
        </div>
      ) : (
        <Table caption="Running plans with risk flags">
          <THead>
            <tr>
              <Th>Employee</Th>
              <Th>Manager</Th>
              <Th>Status</Th>
              <Th>Flags</Th>
              <Th className="text-right">Overdue check-ins</Th>
              <Th className="text-right">Unanswered questions</Th>
            </tr>
          </THead>
          <TBody>
            {report.plans.map((p) => (
              <tr key={p.planId}>
                <Td>
                  <Link
                    to={`/plans/${p.planId}`}
                    className="font-medium text-teal-800 underline-offset-2 hover:underline"
                  >
                    {p.employeeName}
                  </Link>
                  <span className="block text-xs text-stone-600">{p.department}</span>
                </Td>
                <Td>{p.managerName}</Td>
                <Td>{statusLabel[p.status as PlanStatus] ?? p.status}</Td>
                <Td>
                  <ul className="flex flex-wrap gap-1" aria-label="Flags">
                    {p.flags.map((f) => (
                      <li key={f}>
                        <Badge tone={riskFlagTone[f]}>{riskFlagLabel[f]}</Badge>
                      </li>
                    ))}
                  </ul>
                </Td>
                <Td className="text-right tabular-nums">{p.overdueCheckins}</Td>
                <Td className="text-right tabular-nums">{p.unansweredClarifications}</Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
