import type { ReactNode } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { cx } from "../../ui";

// What every insight chart shares: a picture named for assistive tech (the table beside it is the
// accessible equivalent, with the same numbers), value labels a reader can read off the bars, and
// colours that keep their contrast on white.

export const colours = {
  primary: "#0f766e", // teal-700
  secondary: "#b45309", // amber-700
  muted: "#57534e", // stone-600
  grid: "#e7e5e4", // stone-200
  band: "#ccfbf1", // teal-100
  danger: "#b91c1c", // red-700
  sky: "#0369a1", // sky-700
};

export const axisTick = { fontSize: 12, fill: colours.muted };
export const labelStyle = { fontSize: 12, fill: "#292524", fontWeight: 600 };

/** Legend entries in dark text: the default takes each series' colour, too pale for some. */
export const legendProps = {
  wrapperStyle: { fontSize: 12 },
  formatter: (value: unknown) => <span style={{ color: "#44403c" }}>{String(value)}</span>,
};

/** A bar of zero gets a sliver, so its value label is drawn and reads "0" rather than nothing. */
export const zeroSliver = (value: unknown) => (Number(value) === 0 ? 2 : 0);

/**
 * A chart as one named picture. `summary` says in words what it shows (its accessible name);
 * `caption` is the visible line under it.
 */
export function ChartFigure({
  summary,
  caption,
  height = 256,
  className,
  children,
}: {
  summary: string;
  caption?: ReactNode;
  /** In pixels. */
  height?: number;
  className?: string;
  children: ReactNode;
}) {
  return (
    <figure className={cx("min-w-0", className)}>
      <div role="img" aria-label={summary} className="w-full" style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
      {caption ? <figcaption className="mt-2 text-xs text-stone-600">{caption}</figcaption> : null}
    </figure>
  );
}

/** Nothing to draw: say so where the chart would be, and what brings figures. */
export function NoChart({ children }: { children: ReactNode }) {
  return (
    <p className="self-center rounded-lg border border-dashed border-stone-300 px-4 py-6 text-center text-sm text-stone-600">
      {children}
    </p>
  );
}

export type BarDatum = { label: string; value: number; display?: string };

/**
 * Horizontal bars, one a category, each with its value written at its end: long category names
 * stay readable, and the value can be read without hovering.
 */
export function HorizontalBars({
  data,
  summary,
  caption,
  name,
  colour = colours.primary,
  labelWidth = 190,
  valueFormatter,
  domainMax,
}: {
  data: BarDatum[];
  summary: string;
  caption?: ReactNode;
  /** What a value counts, for the tooltip ("Plans"). */
  name: string;
  colour?: string;
  labelWidth?: number;
  valueFormatter?: (value: number) => string;
  domainMax?: number;
}) {
  const height = Math.max(120, data.length * 40 + 24);
  const format = (v: unknown) =>
    valueFormatter ? valueFormatter(Number(v)) : String(Math.round(Number(v) * 100) / 100);
  return (
    <ChartFigure summary={summary} caption={caption} height={height}>
      <BarChart
        data={data}
        layout="vertical"
        margin={{ top: 4, right: 48, bottom: 4, left: 4 }}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke={colours.grid} strokeDasharray="3 3" horizontal={false} />
        <XAxis
          type="number"
          allowDecimals={false}
          tick={axisTick}
          domain={[0, domainMax ?? "auto"]}
          tickFormatter={valueFormatter}
        />
        <YAxis
          type="category"
          dataKey="label"
          width={labelWidth}
          tick={{ ...axisTick, fill: "#44403c" }}
          interval={0}
        />
        <Tooltip cursor={{ fill: "#f5f5f4" }} formatter={(v) => format(v)} />
        <Bar
          isAnimationActive={false}
          dataKey="value"
          name={name}
          fill={colour}
          radius={[0, 3, 3, 0]}
          maxBarSize={26}
          minPointSize={zeroSliver}
        >
          <LabelList dataKey="value" position="right" style={labelStyle} formatter={format} />
        </Bar>
      </BarChart>
    </ChartFigure>
  );
}
