import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatDate } from "../../lib/format";
import type { GoalProgress } from "../../types";

const t = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`).getTime();
const tickDate = (ms: number) =>
  new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" }).format(ms);

function withUnit(value: number | null, unit: string) {
  if (value === null) return "—";
  return unit ? `${value} ${unit}` : String(value);
}

/**
 * A goal's progress: baseline and target as reference lines, the values recorded at check-ins,
 * and milestones as markers. Screen-reader users get the same numbers as a table.
 */
export function GoalChart({
  progress,
  startDate,
  endDate,
  title,
}: {
  progress: GoalProgress;
  startDate: string | null;
  endDate: string | null;
  title: string;
}) {
  const points: { x: number; value: number | null; date: string }[] = progress.points.map((p) => ({
    x: t(p.date),
    value: p.value,
    date: p.date,
  }));
  const xs = [
    ...points.map((p) => p.x),
    ...progress.milestones.map((m) => t(m.date)),
    ...(startDate ? [t(startDate)] : []),
    ...(endDate ? [t(endDate)] : []),
  ];
  const ys = [
    ...progress.points.map((p) => p.value),
    ...progress.milestones.flatMap((m) => (m.target === null ? [] : [m.target])),
    ...(progress.baseline === null ? [] : [progress.baseline]),
    ...(progress.target === null ? [] : [progress.target]),
  ];
  if (xs.length === 0) return null;
  const minY = Math.min(...ys, 0);
  const maxY = Math.max(...ys, 1);
  const pad = (maxY - minY) * 0.1 || 1;
  const domainX: [number, number] = [Math.min(...xs), Math.max(...xs)];
  if (domainX[0] === domainX[1]) domainX[1] += 86_400_000;
  const summary = `${title}. Baseline ${withUnit(progress.baseline, progress.unit)}, target ${withUnit(progress.target, progress.unit)}. ${
    points.length
      ? `${points.length} recorded ${points.length === 1 ? "value" : "values"}, latest ${withUnit(progress.points.at(-1)!.value, progress.unit)} on ${formatDate(points.at(-1)!.date)}.`
      : "No values recorded yet."
  }`;

  return (
    <figure className="mt-3">
      <div role="img" aria-label={summary} className="h-56 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart
            // With nothing recorded yet, one empty point keeps the axes, baseline and target drawn.
            data={points.length ? points : [{ x: domainX[0], value: null, date: "" }]}
            margin={{ top: 16, right: 24, bottom: 4, left: 0 }}
          >
            <CartesianGrid stroke="#e7e5e4" strokeDasharray="3 3" />
            <XAxis
              dataKey="x"
              type="number"
              scale="time"
              domain={domainX}
              tickFormatter={tickDate}
              tick={{ fontSize: 12, fill: "#57534e" }}
              minTickGap={24}
            />
            <YAxis
              domain={[Math.floor(minY - pad), Math.ceil(maxY + pad)]}
              tick={{ fontSize: 12, fill: "#57534e" }}
              width={44}
            />
            <Tooltip
              labelFormatter={(v) => formatDate(new Date(Number(v)).toISOString())}
              formatter={(v) => [withUnit(Number(v), progress.unit), "Value"]}
            />
            {progress.baseline !== null ? (
              <ReferenceLine
                y={progress.baseline}
                stroke="#78716c"
                strokeDasharray="4 4"
                label={{
                  value: "Baseline",
                  position: "insideBottomLeft",
                  fontSize: 12,
                  fill: "#57534e",
                }}
              />
            ) : null}
            {progress.target !== null ? (
              <ReferenceLine
                y={progress.target}
                stroke="#047857"
                strokeDasharray="6 3"
                label={{
                  value: "Target",
                  position: "insideTopLeft",
                  fontSize: 12,
                  fill: "#065f46",
                }}
              />
            ) : null}
            {progress.milestones.map((m) =>
              m.target !== null ? (
                <ReferenceDot
                  key={`${m.date}-${m.title}`}
                  x={t(m.date)}
                  y={m.target}
                  r={5}
                  fill={m.earlyWin ? "#f59e0b" : "#a8a29e"}
                  stroke="#fff"
                />
              ) : (
                <ReferenceLine
                  key={`${m.date}-${m.title}`}
                  x={t(m.date)}
                  stroke={m.earlyWin ? "#f59e0b" : "#a8a29e"}
                  strokeDasharray="2 3"
                />
              ),
            )}
            <Line
              type="monotone"
              dataKey="value"
              stroke="#0f766e"
              strokeWidth={2}
              dot={{ r: 4, fill: "#0f766e" }}
              isAnimationActive={false}
              name="Value"
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-600">
        <span>
          <span
            aria-hidden="true"
            className="mr-1 inline-block h-0.5 w-4 bg-teal-700 align-middle"
          />
          Recorded values
        </span>
        <span>
          <span
            aria-hidden="true"
            className="mr-1 inline-block w-4 border-t-2 border-dashed border-stone-500 align-middle"
          />
          Baseline
        </span>
        <span>
          <span
            aria-hidden="true"
            className="mr-1 inline-block w-4 border-t-2 border-dashed border-emerald-700 align-middle"
          />
          Target
        </span>
        <span>
          <span
            aria-hidden="true"
            className="mr-1 inline-block size-2.5 rounded-full bg-amber-500 align-middle"
          />
          Early win
        </span>
        <span>
          <span
            aria-hidden="true"
            className="mr-1 inline-block size-2.5 rounded-full bg-stone-400 align-middle"
          />
          Milestone
        </span>
      </figcaption>
      <details className="mt-2 text-sm">
        <summary className="text-teal-800">Show the numbers</summary>
        <table className="mt-2 text-left text-sm">
          <caption className="sr-only">{title}: recorded values</caption>
          <thead>
            <tr>
              <th scope="col" className="pr-6 font-medium">
                Date
              </th>
              <th scope="col" className="font-medium">
                Value
              </th>
            </tr>
          </thead>
          <tbody>
            {points.length === 0 ? (
              <tr>
                <td colSpan={2} className="text-stone-600">
                  No values recorded yet.
                </td>
              </tr>
            ) : (
              points.map((p) => (
                <tr key={p.date}>
                  <td className="pr-6">{formatDate(p.date)}</td>
                  <td>{withUnit(p.value, progress.unit)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

const confidenceWords = ["", "Very low", "Low", "Medium", "High", "Very high"];

/** Confidence (1–5) at each held check-in; a fall is a prompt to add support. */
export function ConfidenceChart({ trend }: { trend: { date: string; confidence: number }[] }) {
  const data = trend.map((p) => ({ x: t(p.date), confidence: p.confidence, date: p.date }));
  const last = trend.at(-1);
  const summary = last
    ? `Confidence over ${trend.length} check-ins; latest ${last.confidence} of 5 on ${formatDate(last.date)}.`
    : "No confidence ratings yet.";
  return (
    <figure>
      <div role="img" aria-label={summary} className="h-48 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 12, right: 24, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="#e7e5e4" strokeDasharray="3 3" />
            <XAxis
              dataKey="x"
              type="number"
              scale="time"
              domain={
                data.length > 1
                  ? ["dataMin", "dataMax"]
                  : ["dataMin - 86400000", "dataMax + 86400000"]
              }
              tickFormatter={tickDate}
              tick={{ fontSize: 12, fill: "#57534e" }}
              minTickGap={24}
            />
            <YAxis
              domain={[1, 5]}
              ticks={[1, 2, 3, 4, 5]}
              width={32}
              tick={{ fontSize: 12, fill: "#57534e" }}
            />
            <Tooltip
              labelFormatter={(v) => formatDate(new Date(Number(v)).toISOString())}
              formatter={(v) => [`${v} of 5 (${confidenceWords[Number(v)]})`, "Confidence"]}
            />
            <Line
              type="monotone"
              dataKey="confidence"
              stroke="#b45309"
              strokeWidth={2}
              dot={{ r: 4, fill: "#b45309" }}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">{summary}</figcaption>
    </figure>
  );
}

export { confidenceWords };
