import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { FairnessGroup, FairnessReport } from "../../../modules/insight/insight.types";
import type { Me } from "../../types";
import {
  Badge,
  Card,
  EmptyState,
  Field,
  LinkButton,
  Select,
  Table,
  TBody,
  Td,
  THead,
  Th,
} from "../../ui";
import { axisTick, ChartFigure, colours, labelStyle, NoChart, zeroSliver } from "./InsightCharts";
import { useInsightFilters } from "./insightApi";
import { attributeLabel, figure, fourFifthsLine, percent, plural, pValueText } from "./labels";

type Shown = FairnessGroup & { people: number; placed: number; rate: number };
const isShown = (g: FairnessGroup): g is Shown =>
  !g.suppressed && g.people !== null && g.placed !== null && g.rate !== null;

export function FairnessSection({ report, me }: { report: FairnessReport; me: Me }) {
  const { update } = useInsightFilters();
  const min = report.meta.minGroupSize;
  if (report.attributes.length === 0)
    return (
      <EmptyState
        title="Nothing has been recorded to compare groups by."
        action={
          me.abilities["insight.view_named"] ? (
            <LinkButton to="/people" variant="primary">
              Open the directory
            </LinkButton>
          ) : undefined
        }
      >
        Fairness compares groups by what people have recorded about themselves, such as gender or
        age band. HR records it on each person's page, under Demographics, with the person's
        consent.
      </EmptyState>
    );
  const attribute = report.attribute ?? report.attributes[0]!;
  const name = attributeLabel(attribute).toLowerCase();
  return (
    <div className="space-y-5">
      <div className="max-w-xs">
        <Field label="Compare groups by">
          {(p) => (
            <Select
              {...p}
              value={attribute}
              onChange={(e) => update({ attribute: e.target.value })}
            >
              {report.attributes.map((a) => (
                <option key={a} value={a}>
                  {attributeLabel(a)}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <Card
        title={`Plan placement by ${name}`}
        description="The share of people in each group who were given a success plan in this period."
      >
        <div className="space-y-5">
          <PlacementChart report={report} name={name} />
          <Table caption={`Placement rate by ${name}, with the four-fifths rule and significance`}>
            <THead>
              <tr>
                <Th>{attributeLabel(attribute)}</Th>
                <Th className="text-right">People</Th>
                <Th className="text-right">Placed on a plan</Th>
                <Th className="text-right">Placement rate</Th>
                <Th className="text-right">Impact ratio</Th>
                <Th className="text-right">z</Th>
                <Th className="text-right">p</Th>
                <Th>Findings</Th>
              </tr>
            </THead>
            <TBody>
              {report.groups.map((g) =>
                isShown(g) ? (
                  <tr key={g.group}>
                    <Td className="font-medium">
                      {g.group}
                      {g.reference ? (
                        <span className="block text-xs font-normal text-stone-600">
                          Reference group
                        </span>
                      ) : null}
                    </Td>
                    <Td className="text-right tabular-nums">{g.people}</Td>
                    <Td className="text-right tabular-nums">{g.placed}</Td>
                    <Td className="text-right tabular-nums">{percent(g.rate)}</Td>
                    <Td className="text-right tabular-nums">{figure(g.impactRatio, 2)}</Td>
                    <Td className="text-right tabular-nums">{figure(g.z, 2)}</Td>
                    <Td className="text-right tabular-nums">
                      {g.pValue === null ? "—" : pValueText(g.pValue)}
                    </Td>
                    <Td>
                      <span className="flex flex-wrap gap-1">
                        {g.fourFifthsFails ? (
                          <Badge tone="danger">Fails the four-fifths rule</Badge>
                        ) : null}
                        {g.significant ? (
                          <Badge tone="warning">Statistically significant</Badge>
                        ) : null}
                        {!g.fourFifthsFails && !g.significant ? (
                          <span className="text-stone-600">None</span>
                        ) : null}
                      </span>
                    </Td>
                  </tr>
                ) : (
                  <tr key={g.group}>
                    <Td className="font-medium">{g.group}</Td>
                    <Td colSpan={7} className="text-stone-600">
                      Hidden (fewer than {min} people, or to protect a group that has)
                    </Td>
                  </tr>
                ),
              )}
            </TBody>
          </Table>
          <p className="text-sm text-stone-700">
            {report.notRecorded === null
              ? `Fewer than ${min} people in scope have nothing recorded for ${name}.`
              : report.notRecorded === 0
                ? `Everyone in scope has something recorded for ${name}.`
                : `${plural(report.notRecorded, "person", "people")} in scope ${report.notRecorded === 1 ? "has" : "have"} nothing recorded for ${name}: counted, never compared.`}
          </p>
        </div>
      </Card>
      <Method min={min} level={report.significanceLevel} />
    </div>
  );
}

function PlacementChart({ report, name }: { report: FairnessReport; name: string }) {
  const shown = report.groups.filter(isShown);
  if (shown.length === 0)
    return (
      <NoChart>
        Every group has fewer than {report.meta.minGroupSize} people, so none can be shown without
        someone being recognised. Choose a wider department or all departments.
      </NoChart>
    );
  const line = fourFifthsLine(report.groups);
  // A reference group with no plans puts the line at 0: every group placed at all fails, and a
  // line on the axis shows nothing, so the caption says it instead.
  const linePct = line === null || line === 0 ? null : Math.round(line * 1000) / 10;
  const data = shown.map((g) => ({
    label: g.group,
    rate: Math.round(g.rate * 1000) / 10,
    fails: g.fourFifthsFails,
  }));
  // A round top with four even steps: 0–40% by tens, 0–80% by twenties.
  const top = Math.max(...data.map((d) => d.rate), linePct ?? 0, 1) * 1.2;
  const max = Math.min(100, top > 40 ? Math.ceil(top / 20) * 20 : Math.ceil(top / 4) * 4);
  const ticks = [0, 1, 2, 3, 4].map((i) => (max * i) / 4);
  const summary = `Placement rate by ${name}: ${shown
    .map(
      (g) =>
        `${g.group}, ${percent(g.rate)} (${g.placed} of ${g.people})${g.fourFifthsFails ? ", fails the four-fifths rule" : ""}`,
    )
    .join("; ")}.${linePct === null ? "" : ` Groups above ${linePct}% fail the four-fifths rule.`}`;
  return (
    <ChartFigure
      summary={summary}
      height={260}
      caption={
        line === 0
          ? "Placement rate of each group. The reference group had no plans, so any group placed on a plan at all fails the four-fifths rule (red bars). The table below has the counts."
          : linePct === null
            ? "Placement rate of each group. The table below has the counts."
            : `Placement rate of each group. Dashed line: the four-fifths threshold (${linePct}%): a group above it is placed on plans disproportionately often. Red bars fail the rule.`
      }
    >
      <BarChart
        data={data}
        margin={{ top: 20, right: 16, bottom: 4, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke={colours.grid} strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={axisTick} interval={0} />
        <YAxis
          domain={[0, max]}
          ticks={ticks}
          tickFormatter={(v: number) => `${v}%`}
          tick={axisTick}
          width={44}
        />
        <Tooltip formatter={(v) => `${v}%`} />
        <Bar
          dataKey="rate"
          name="Placement rate"
          radius={[3, 3, 0, 0]}
          maxBarSize={56}
          isAnimationActive={false}
          minPointSize={zeroSliver}
        >
          {data.map((d) => (
            <Cell key={d.label} fill={d.fails ? colours.danger : colours.primary} />
          ))}
          <LabelList
            dataKey="rate"
            position="top"
            style={labelStyle}
            formatter={(v: unknown) => `${v}%`}
          />
        </Bar>
        {linePct === null ? null : (
          <ReferenceLine
            y={linePct}
            stroke="#44403c"
            strokeDasharray="6 4"
            ifOverflow="extendDomain"
            label={{
              value: "Four-fifths threshold",
              position: "insideTopRight",
              style: { fontSize: 11, fill: "#44403c" },
            }}
          />
        )}
      </BarChart>
    </ChartFigure>
  );
}

function Method({ min, level }: { min: number; level: number }) {
  return (
    <Card title="How this is worked out" level={2}>
      <ul className="max-w-prose list-disc space-y-1.5 pl-5 text-sm text-stone-700">
        <li>
          <strong>Placement rate</strong>: the people in a group given a success plan in this
          period, divided by the people in that group at any time in the period.
        </li>
        <li>
          <strong>Four-fifths rule</strong> (used in US adverse-impact analysis): a plan is an
          adverse action, so the reference is the group placed on plans least often. Its rate
          divided by a group's rate is that group's impact ratio. Under 0.8 (four fifths), the group
          is placed on plans disproportionately often: more than 1.25 times as often as the
          reference.
        </li>
        <li>
          <strong>Statistical significance</strong>: each group is compared with the reference group
          by Fisher's exact test (two-sided). A p-value under {level} means a difference this large
          would rarely happen by chance alone; z says how many standard deviations apart the two
          rates are.
        </li>
        <li>
          A finding is a prompt to look closer at how plans are opened, not proof of bias. Small
          groups give unsteady rates: read them with their counts.
        </li>
        <li>
          Groups of fewer than {min} people are hidden, and so is the next smallest group when only
          one is hidden (its figures would give the hidden one away), so no one can be recognised.
        </li>
      </ul>
    </Card>
  );
}
