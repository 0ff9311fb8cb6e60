import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { CausesReport, Rate } from "../../../modules/insight/insight.types";
import { Card, Table, TBody, Td, THead, Th } from "../../ui";
import { causeLabel, resourceLabel } from "../plans/labels";
import {
  axisTick,
  ChartFigure,
  colours,
  HorizontalBars,
  labelStyle,
  legendProps,
  NoChart,
  zeroSliver,
} from "./InsightCharts";
import { percent, plural, pValueText } from "./labels";
import { SuppressedNote } from "./SuppressedNote";

const SIGNIFICANCE = 0.05;

/** "3 of 4 (75%)", or "none closed". */
function rateText(r: Rate): string {
  if (!r.of) return "none closed";
  return `${r.count} of ${r.of} (${percent(r.rate)})`;
}

/** The association between support delivered and success, in words a reader can act on. */
export function associationText(a: CausesReport["association"]): string {
  const { allDelivered: all, someNotDelivered: some, pValue } = a;
  if (!all.of && !some.of)
    return "No closed plan in this period had support recorded, so there is nothing to compare yet.";
  const sides = `Of the ${plural(all.of, "closed plan")} whose support was all delivered, ${percent(all.rate)} ended with the goals met; of the ${plural(some.of, "plan")} where some support was not delivered, ${percent(some.rate)}.`;
  if (pValue === null) return `${sides} One side has no plans yet, so the two cannot be compared.`;
  if (pValue < SIGNIFICANCE)
    return `${sides} A difference this large would rarely happen by chance alone (p = ${pValueText(pValue)}, Fisher's exact test): delivering the support promised is linked with success here.`;
  return `${sides} The difference could easily be chance (p = ${pValueText(pValue)}, Fisher's exact test): more closed plans are needed before drawing a conclusion.`;
}

export function CausesSection({ report }: { report: CausesReport }) {
  if (report.suppressed)
    return (
      <SuppressedNote meta={report.meta}>
        Fewer than {report.meta.minGroupSize} plans closed in this period: why plans started and
        what helped are hidden so no one can be recognised.
      </SuppressedNote>
    );
  return (
    <div className="space-y-5">
      <RootCauses report={report} />
      <Support report={report} />
      <Confidence report={report} />
    </div>
  );
}

function RootCauses({ report }: { report: CausesReport }) {
  const rows = [...report.causes].sort((a, b) => b.plans - a.plans);
  const data = rows.map((c) => ({ label: causeLabel[c.cause], value: c.plans }));
  const summary = `Root causes named on plans opened in this period: ${data
    .map((d) => `${d.label}, ${d.value}`)
    .join("; ")}.`;
  return (
    <Card
      title="Why plans started"
      description="The root causes managers named on plans opened in this period (a plan may name several), and how those plans ended."
    >
      {rows.length === 0 ? (
        <NoChart>
          No plan opened in this period named a root cause. Managers name causes in the plan editor,
          under "Root cause", before they write goals.
        </NoChart>
      ) : (
        <div className="space-y-5">
          <HorizontalBars
            data={data}
            name="Plans"
            summary={summary}
            labelWidth={230}
            caption="The table below has the same figures, and the success of each cause."
          />
          <Table caption="Root causes and how those plans ended">
            <THead>
              <tr>
                <Th>Root cause</Th>
                <Th className="text-right">Plans</Th>
                <Th className="text-right">Closed</Th>
                <Th className="text-right">Goals met</Th>
                <Th className="text-right">Success rate</Th>
              </tr>
            </THead>
            <TBody>
              {rows.map((c) => (
                <tr key={c.cause}>
                  <Td>{causeLabel[c.cause]}</Td>
                  <Td className="text-right tabular-nums">{c.plans}</Td>
                  <Td className="text-right tabular-nums">{c.closed}</Td>
                  <Td className="text-right tabular-nums">{c.goalsMet}</Td>
                  <Td className="text-right tabular-nums">{percent(c.rate)}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
        </div>
      )}
    </Card>
  );
}

function Support({ report }: { report: CausesReport }) {
  const rows = report.resources.filter((r) => r.delivered.of + r.notDelivered.of > 0);
  const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 100));
  const data = rows.map((r) => ({
    label: resourceLabel[r.kind],
    delivered: pct(r.delivered.rate),
    notDelivered: pct(r.notDelivered.rate),
  }));
  const summary = `Success rate of closed plans by kind of support, delivered against not delivered: ${rows
    .map(
      (r) =>
        `${resourceLabel[r.kind]}: delivered ${rateText(r.delivered)}, not delivered ${rateText(r.notDelivered)}`,
    )
    .join("; ")}.`;
  const significant =
    report.association.pValue !== null && report.association.pValue < SIGNIFICANCE;
  return (
    <Card
      title="Support delivered and success"
      description="On closed plans: the support each goal was given (training, a mentor, time…), whether it was delivered, and how the plan ended."
    >
      <div className="space-y-5">
        <p
          className={
            significant
              ? "rounded-md border border-teal-200 bg-teal-50 px-4 py-3 text-sm text-teal-950"
              : "rounded-md border border-stone-200 bg-stone-50 px-4 py-3 text-sm text-stone-800"
          }
        >
          {associationText(report.association)}
        </p>
        {rows.length === 0 ? (
          <NoChart>
            No closed plan in this period had support recorded. Managers record support on each
            goal, and mark it delivered or not at check-ins.
          </NoChart>
        ) : (
          <>
            <ChartFigure
              summary={summary}
              height={280}
              caption="Share of closed plans that ended with the goals met, where that kind of support was delivered and where it was not. The table below has the counts."
            >
              <BarChart
                data={data}
                margin={{ top: 20, right: 8, bottom: 4, left: 0 }}
                accessibilityLayer={false}
              >
                <CartesianGrid stroke={colours.grid} strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="label" tick={axisTick} interval={0} />
                <YAxis
                  domain={[0, 100]}
                  ticks={[0, 25, 50, 75, 100]}
                  tickFormatter={(v: number) => `${v}%`}
                  tick={axisTick}
                  width={44}
                />
                <Tooltip formatter={(v) => (v === null ? "none closed" : `${v}%`)} />
                <Legend {...legendProps} />
                <Bar
                  isAnimationActive={false}
                  dataKey="delivered"
                  name="Delivered"
                  fill={colours.primary}
                  radius={[3, 3, 0, 0]}
                  maxBarSize={32}
                  minPointSize={zeroSliver}
                >
                  <LabelList
                    dataKey="delivered"
                    position="top"
                    style={labelStyle}
                    formatter={(v: unknown) => (v === null || v === undefined ? "" : `${v}%`)}
                  />
                </Bar>
                <Bar
                  isAnimationActive={false}
                  dataKey="notDelivered"
                  name="Not delivered"
                  fill={colours.secondary}
                  radius={[3, 3, 0, 0]}
                  maxBarSize={32}
                  minPointSize={zeroSliver}
                >
                  <LabelList
                    dataKey="notDelivered"
                    position="top"
                    style={labelStyle}
                    formatter={(v: unknown) => (v === null || v === undefined ? "" : `${v}%`)}
                  />
                </Bar>
              </BarChart>
            </ChartFigure>
            <Table caption="Support delivered or not, and the plans that ended with the goals met">
              <THead>
                <tr>
                  <Th>Support</Th>
                  <Th className="text-right">Delivered: goals met</Th>
                  <Th className="text-right">Not delivered: goals met</Th>
                </tr>
              </THead>
              <TBody>
                {rows.map((r) => (
                  <tr key={r.kind}>
                    <Td>{resourceLabel[r.kind]}</Td>
                    <Td className="text-right tabular-nums">{rateText(r.delivered)}</Td>
                    <Td className="text-right tabular-nums">{rateText(r.notDelivered)}</Td>
                  </tr>
                ))}
                <tr>
                  <Td className="font-semibold">Plans with all support delivered, against not</Td>
                  <Td className="text-right font-semibold tabular-nums">
                    {rateText(report.association.allDelivered)}
                  </Td>
                  <Td className="text-right font-semibold tabular-nums">
                    {rateText(report.association.someNotDelivered)}
                  </Td>
                </tr>
              </TBody>
            </Table>
          </>
        )}
      </div>
    </Card>
  );
}

const one = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

function Confidence({ report }: { report: CausesReport }) {
  // Check-ins no closed plan reached add nothing: the chart and table end at the last one held.
  const last = report.confidence.findLastIndex((c) => c.successfulPlans + c.unsuccessfulPlans > 0);
  const rows = report.confidence.slice(0, last + 1);
  const data = rows.map((c) => ({
    checkin: `Check-in ${c.checkin}`,
    successful: one(c.successful),
    unsuccessful: one(c.unsuccessful),
  }));
  const summary = `Average confidence (1 to 5) at each check-in, plans that ended with the goals met against the rest: ${rows
    .map(
      (c) =>
        `check-in ${c.checkin}, ${c.successful === null ? "no figure" : one(c.successful)} against ${c.unsuccessful === null ? "no figure" : one(c.unsuccessful)}`,
    )
    .join("; ")}.`;
  return (
    <Card
      title="Confidence along the way"
      description="The employee's confidence (1 to 5) at each check-in, on average: plans that ended with the goals met against the others. Falling confidence is a prompt to add support."
    >
      {rows.length === 0 ? (
        <NoChart>
          No closed plan in this period had a confidence rating. Employees rate their confidence at
          each check-in.
        </NoChart>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,24rem)]">
          <ChartFigure summary={summary} height={260}>
            <LineChart
              data={data}
              margin={{ top: 16, right: 16, bottom: 4, left: 0 }}
              accessibilityLayer={false}
            >
              <CartesianGrid stroke={colours.grid} strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="checkin" tick={axisTick} padding={{ left: 28, right: 28 }} />
              <YAxis domain={[1, 5]} ticks={[1, 2, 3, 4, 5]} tick={axisTick} width={28} />
              <Tooltip />
              <Legend {...legendProps} />
              <Line
                isAnimationActive={false}
                type="monotone"
                dataKey="successful"
                name="Goals met"
                stroke={colours.primary}
                strokeWidth={2}
                dot={{ r: 4, fill: colours.primary }}
                connectNulls
                label={{ position: "top", style: labelStyle }}
              />
              <Line
                isAnimationActive={false}
                type="monotone"
                dataKey="unsuccessful"
                name="Other outcomes"
                stroke={colours.secondary}
                strokeWidth={2}
                strokeDasharray="6 3"
                dot={{ r: 4, fill: colours.secondary }}
                connectNulls
                label={{ position: "bottom", style: labelStyle }}
              />
            </LineChart>
          </ChartFigure>
          <Table caption="Average confidence at each check-in" className="self-start">
            <THead>
              <tr>
                <Th>Check-in</Th>
                <Th className="text-right">Goals met</Th>
                <Th className="text-right">Other outcomes</Th>
              </tr>
            </THead>
            <TBody>
              {rows.map((c) => (
                <tr key={c.checkin}>
                  <Td>{c.checkin}</Td>
                  <Td className="text-right tabular-nums">
                    {c.successful === null ? "—" : one(c.successful)}
                    <span className="block text-xs text-stone-600">
                      {plural(c.successfulPlans, "plan")}
                    </span>
                  </Td>
                  <Td className="text-right tabular-nums">
                    {c.unsuccessful === null ? "—" : one(c.unsuccessful)}
                    <span className="block text-xs text-stone-600">
                      {plural(c.unsuccessfulPlans, "plan")}
                    </span>
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
        </div>
      )}
    </Card>
  );
}
