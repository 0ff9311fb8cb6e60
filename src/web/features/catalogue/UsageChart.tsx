import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Table, TBody, Td, THead, Th } from "../../ui";
import type { CatalogueUsage } from "./types";

/**
 * How the goals that used a resource went: delivered, not delivered, in use (and offered).
 * The chart is one picture; the table beside it gives the same numbers to everyone.
 */
export function UsageChart({ usage, title }: { usage: CatalogueUsage; title: string }) {
  const bars = [
    { label: "Delivered", value: usage.delivered },
    { label: "Not delivered", value: usage.notDelivered },
    { label: "In use", value: usage.inUse },
    { label: "Offered", value: usage.offered },
  ];
  const summary = `${title}: ${bars.map((b) => `${b.value} ${b.label.toLowerCase()}`).join(", ")}.`;
  return (
    <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_16rem]">
      <figure>
        <div role="img" aria-label={summary} className="h-56 w-full">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={bars} margin={{ top: 8, right: 8, bottom: 4, left: -16 }}>
              <CartesianGrid stroke="#e7e5e4" strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#57534e" }} />
              <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#57534e" }} />
              <Tooltip cursor={{ fill: "#f5f5f4" }} />
              <Bar dataKey="value" name="Goals" fill="#0f766e" radius={[3, 3, 0, 0]} />
            </BarChart>
          </ResponsiveContainer>
        </div>
        <figcaption className="sr-only">{summary}</figcaption>
      </figure>
      <Table
        caption={`${title}, as numbers`}
        className="self-start rounded-md border border-stone-200"
      >
        <THead>
          <tr>
            <Th>Goals where it was</Th>
            <Th className="text-right">Count</Th>
          </tr>
        </THead>
        <TBody>
          {bars.map((b) => (
            <tr key={b.label}>
              <Td>{b.label}</Td>
              <Td className="text-right tabular-nums">{b.value}</Td>
            </tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
