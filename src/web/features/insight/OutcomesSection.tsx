import {
  Bar,
  CartesianGrid,
  ComposedChart,
  LabelList,
  Legend,
  Line,
  ReferenceArea,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { OutcomesReport } from "../../../modules/insight/insight.types";
import { outcomes } from "../../../modules/plans/plans.types";
import { Card, Table, TBody, Td, THead, Th } from "../../ui";
import { outcomeLabel } from "../plans/labels";
import {
  axisTick,
  ChartFigure,
  colours,
  HorizontalBars,
  labelStyle,
  legendProps,
  NoChart,
} from "./InsightCharts";
import { INDUSTRY_TEXT, monthLabel, percent, plural } from "./labels";
import { SuppressedNote } from "./SuppressedNote";

/** Where a success rate stands against the industry's 5–10%, in words. */
export function againstIndustry(report: Pick<OutcomesReport, "success" | "industry">): string {
  const { rate } = report.success;
  if (rate === null) return `The industry's record is ${INDUSTRY_TEXT}.`;
  if (rate > report.industry.high)
    return `Above the industry's ${INDUSTRY_TEXT}: more people stay after a plan here than in most organisations.`;
  if (rate >= report.industry.low)
    return `Within the industry's ${INDUSTRY_TEXT}: most people on a plan still leave. Look at causes and support for what would help.`;
  return `Below the industry's ${INDUSTRY_TEXT}. Look at causes and support, and at coaching before plans, for what would help.`;
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-md border border-stone-200 px-3 py-2">
      <dt className="text-xs font-medium text-stone-600">{label}</dt>
      <dd className="text-2xl font-semibold text-stone-900 tabular-nums">{value}</dd>
      {hint ? <dd className="text-xs text-stone-600">{hint}</dd> : null}
    </div>
  );
}

export function OutcomesSection({ report }: { report: OutcomesReport }) {
  if (report.suppressed)
    return (
      <SuppressedNote meta={report.meta}>
        Fewer than {report.meta.minGroupSize} plans closed in this period: figures are hidden so no
        one can be recognised.
      </SuppressedNote>
    );
  const closed = report.success.of;
  return (
    <div className="space-y-5">
      <Card title="Success rate">
        <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]">
          <div>
            <p className="text-4xl font-semibold tracking-tight text-teal-800 tabular-nums">
              {closed ? percent(report.success.rate) : "—"}
            </p>
            <p className="mt-1 text-sm text-stone-700">
              {closed
                ? `${report.success.count} of ${plural(closed, "plan")} closed in this period ended with the goals met.`
                : "No plan closed in this period. Pick a longer period, or come back when plans close."}
            </p>
            <p className="mt-2 text-sm text-stone-700">{againstIndustry(report)}</p>
          </div>
          <dl className="grid grid-cols-2 gap-3 self-start" aria-label="Plans in this period">
            <Figure label="Plans running now" value={String(report.running)} />
            <Figure label="Plans given more time" value={String(report.extended)} />
            <Figure label="Plans withdrawn" value={String(report.withdrawn)} />
            <Figure
              label="Median days to improvement"
              value={
                report.timeToImprovement.medianDays === null
                  ? "—"
                  : String(report.timeToImprovement.medianDays)
              }
              hint="From issue to a close with the goals met"
            />
          </dl>
        </div>
      </Card>
      <ByOutcome report={report} />
      <OverTime report={report} />
      <TimeToImprovement report={report} />
    </div>
  );
}

function ByOutcome({ report }: { report: OutcomesReport }) {
  // Every outcome has a row, those with none included: a missing bar reads as zero, not unknown.
  const rows = outcomes.map((outcome) => ({
    outcome,
    label: outcomeLabel[outcome],
    value: report.byOutcome.find((o) => o.outcome === outcome)?.count ?? 0,
  }));
  const total = rows.reduce((n, r) => n + r.value, 0);
  const summary = `Plans closed, by outcome: ${rows.map((r) => `${r.label}, ${r.value}`).join("; ")}.`;
  return (
    <Card
      title="How plans ended"
      description="Plans closed in this period, by their outcome."
      className="scroll-mt-4"
    >
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,20rem)]">
        {total ? (
          <HorizontalBars
            data={rows}
            name="Plans"
            summary={summary}
            caption="The table beside the chart has the same figures."
          />
        ) : (
          <NoChart>No plan closed in this period, so there is nothing to chart yet.</NoChart>
        )}
        <Table caption="Plans closed by outcome" className="self-start">
          <THead>
            <tr>
              <Th>Outcome</Th>
              <Th className="text-right">Plans</Th>
            </tr>
          </THead>
          <TBody>
            {rows.map((r) => (
              <tr key={r.outcome}>
                <Td>{r.label}</Td>
                <Td className="text-right tabular-nums">{r.value}</Td>
              </tr>
            ))}
            <tr>
              <Td className="font-semibold">All closed plans</Td>
              <Td className="text-right font-semibold tabular-nums">{total}</Td>
            </tr>
          </TBody>
        </Table>
      </div>
    </Card>
  );
}

function OverTime({ report }: { report: OutcomesReport }) {
  const data = report.overTime.map((m) => ({
    month: monthLabel(m.month),
    closed: m.closed,
    goalsMet: m.goalsMet,
    rate: m.rate === null ? null : Math.round(m.rate * 1000) / 10,
  }));
  const any = data.some((d) => d.closed > 0);
  const summary = `Success rate month by month, against the industry's ${INDUSTRY_TEXT} shaded: ${report.overTime
    .filter((m) => m.closed)
    .map((m) => `${monthLabel(m.month)}, ${m.goalsMet} of ${m.closed} closed (${percent(m.rate)})`)
    .join("; ")}.`;
  return (
    <Card
      title="Success rate over time"
      description={`Month by month, by the day plans closed. The shaded band is the industry's ${INDUSTRY_TEXT}.`}
    >
      <div className="space-y-5">
        {any ? (
          <ChartFigure
            summary={summary}
            height={300}
            caption={`Bars: plans closed each month (left scale). Line: the share that ended with the goals met (right scale). Shaded: the industry's ${INDUSTRY_TEXT}.`}
          >
            <ComposedChart
              data={data}
              margin={{ top: 20, right: 8, bottom: 4, left: 0 }}
              accessibilityLayer={false}
            >
              <CartesianGrid stroke={colours.grid} strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="month" tick={axisTick} interval="preserveStartEnd" minTickGap={12} />
              <YAxis
                yAxisId="count"
                allowDecimals={false}
                tick={axisTick}
                width={36}
                label={{
                  value: "Closed",
                  angle: -90,
                  position: "insideLeft",
                  style: { ...axisTick, textAnchor: "middle" },
                }}
              />
              <YAxis
                yAxisId="rate"
                orientation="right"
                domain={[0, 100]}
                ticks={[0, 25, 50, 75, 100]}
                tickFormatter={(v: number) => `${v}%`}
                tick={axisTick}
                width={44}
              />
              <ReferenceArea
                yAxisId="rate"
                y1={report.industry.low * 100}
                y2={report.industry.high * 100}
                fill={colours.secondary}
                fillOpacity={0.18}
                stroke="none"
                ifOverflow="extendDomain"
                label={{
                  value: `Industry ${INDUSTRY_TEXT}`,
                  position: "insideTopLeft",
                  style: { fontSize: 11, fill: "#78350f" },
                }}
              />
              <Tooltip
                formatter={(value, name) =>
                  name === "Success rate" && value !== null ? `${value}%` : String(value)
                }
              />
              <Legend {...legendProps} />
              <Bar
                isAnimationActive={false}
                yAxisId="count"
                dataKey="closed"
                name="Plans closed"
                fill="#99f6e4"
                stroke={colours.primary}
                radius={[3, 3, 0, 0]}
                maxBarSize={36}
              >
                <LabelList dataKey="closed" position="top" style={labelStyle} />
              </Bar>
              <Line
                isAnimationActive={false}
                yAxisId="rate"
                type="linear"
                dataKey="rate"
                name="Success rate"
                stroke={colours.primary}
                strokeWidth={2}
                dot={{ r: 3, fill: colours.primary }}
                connectNulls
              />
            </ComposedChart>
          </ChartFigure>
        ) : (
          <NoChart>No plan closed in this period, so there is no rate to draw yet.</NoChart>
        )}
        <Table caption="Success rate by month">
          <THead>
            <tr>
              <Th>Month</Th>
              <Th className="text-right">Plans closed</Th>
              <Th className="text-right">Goals met</Th>
              <Th className="text-right">Success rate</Th>
            </tr>
          </THead>
          <TBody>
            {report.overTime.map((m) => (
              <tr key={m.month}>
                <Td>{monthLabel(m.month)}</Td>
                <Td className="text-right tabular-nums">{m.closed}</Td>
                <Td className="text-right tabular-nums">{m.goalsMet}</Td>
                <Td className="text-right tabular-nums">{percent(m.rate)}</Td>
              </tr>
            ))}
          </TBody>
        </Table>
      </div>
    </Card>
  );
}

function TimeToImprovement({ report }: { report: OutcomesReport }) {
  const t = report.timeToImprovement;
  const rows = t.buckets.map((b) => ({ label: b.label, value: b.count }));
  const summary = `Plans that ended with the goals met, by days from issue to close: ${rows
    .map((r) => `${r.label}, ${r.value}`)
    .join("; ")}.`;
  return (
    <Card
      title="Time to improvement"
      description="Days from the day a plan was issued to its close with the goals met."
    >
      {t.plans === 0 ? (
        <NoChart>
          No plan ended with the goals met in this period, so there is no time to measure yet.
        </NoChart>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,20rem)]">
          <div>
            <p className="mb-3 text-sm text-stone-700">
              Half of the {plural(t.plans, "plan")} that ended with the goals met took{" "}
              <strong>{t.medianDays} days</strong> or less.
            </p>
            <HorizontalBars data={rows} name="Plans" summary={summary} labelWidth={130} />
          </div>
          <Table caption="Plans with the goals met, by days to improvement" className="self-start">
            <THead>
              <tr>
                <Th>Days</Th>
                <Th className="text-right">Plans</Th>
              </tr>
            </THead>
            <TBody>
              {rows.map((r) => (
                <tr key={r.label}>
                  <Td>{r.label}</Td>
                  <Td className="text-right tabular-nums">{r.value}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
        </div>
      )}
    </Card>
  );
}
