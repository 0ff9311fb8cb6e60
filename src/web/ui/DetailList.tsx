import type { ReactNode } from "react";

/** Label–value pairs, e.g. the fields of a record. */
export function DetailList({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2">
      {items.map((item) => (
        <div key={item.label}>
          <dt className="text-xs font-medium uppercase tracking-wide text-stone-500">
            {item.label}
          </dt>
          <dd className="mt-0.5 text-sm text-stone-900">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
