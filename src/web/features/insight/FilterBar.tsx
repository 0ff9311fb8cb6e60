import { useQuery } from "@tanstack/react-query";
import { shiftMonths } from "../../../modules/insight/insight.rules";
import type { InsightFilters } from "../../../modules/insight/insight.types";
import { api } from "../../api";
import { formatDate } from "../../lib/format";
import type { Department, Me, PersonPage } from "../../types";
import { Button, Field, Input, Select } from "../../ui";
import { PersonPicker } from "../people/PersonPicker";
import { type FilterValues, useInsightFilters } from "./insightApi";

/** Today in the reader's own calendar, as YYYY-MM-DD. */
function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const presets = [
  { months: 3, label: "Last 3 months" },
  { months: 12, label: "Last 12 months" },
  { months: 24, label: "Last 2 years" },
] as const;

/** The period a preset stands for, ending today. */
export function presetPeriod(months: number, end = today()) {
  return { from: shiftMonths(end, -months), to: end };
}

/** Which preset the address shows: none set means the server's default, the last 12 months. */
function activePreset(values: FilterValues): number | null {
  if (!values.from && !values.to) return 12;
  for (const p of presets) {
    const period = presetPeriod(p.months);
    if (values.from === period.from && (values.to === period.to || !values.to)) return p.months;
  }
  return null;
}

/**
 * The filters of every section: department, manager (HR only: L&D sees no one by name) and the
 * period. Each change goes into the address at once; the API's objections show under the field
 * they are about.
 */
export function FilterBar({
  me,
  effective,
  errors,
}: {
  me: Me;
  /** The filters the last report was made with (the period filled in by the server). */
  effective: InsightFilters | undefined;
  errors: Record<string, string>;
}) {
  const { values, update } = useInsightFilters();
  const named = Boolean(me.abilities["insight.view_named"]);
  const departments = useQuery({
    queryKey: ["departments"],
    queryFn: () => api.get<{ items: Department[] }>("/departments"),
  });
  // HR partners see the departments they cover; L&D and organisation-wide HR see them all.
  const inScope = (name: string) =>
    !named || me.hrScope.all || me.hrScope.departments.includes(name);
  const options = (departments.data?.items ?? []).filter((d) => d.name && inScope(d.name));
  const manager = useQuery({
    queryKey: ["person", values.managerId],
    queryFn: () => api.get<PersonPage>(`/people/${values.managerId}`),
    enabled: named && Boolean(values.managerId),
  });
  const pressed = activePreset(values);
  const filtered = Boolean(values.department || values.managerId || values.from || values.to);

  return (
    <search
      aria-label="Filters"
      className="mb-6 rounded-lg border border-stone-200 bg-white px-4 py-4 shadow-sm sm:px-5"
    >
      <div className="grid gap-4 md:grid-cols-[16rem_minmax(0,1fr)]">
        <Field label="Department" error={errors.department}>
          {(p) => (
            <Select
              {...p}
              value={values.department}
              onChange={(e) => update({ department: e.target.value })}
            >
              <option value="">
                {named && !me.hrScope.all ? "All your departments" : "All departments"}
              </option>
              {values.department && !options.some((d) => d.name === values.department) ? (
                <option value={values.department}>{values.department}</option>
              ) : null}
              {options.map((d) => (
                <option key={d.name} value={d.name}>
                  {d.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {named ? (
          <PersonPicker
            legend="Manager"
            searchLabel="Find a manager"
            chooseSuffix=" as the manager to filter by"
            managersOnly
            emptyText="Everyone: choose a manager to see their whole organisation"
            value={
              values.managerId
                ? {
                    id: values.managerId,
                    name: manager.data?.person.name ?? "Loading…",
                    title: manager.data?.person.title,
                    department: manager.data?.person.department,
                  }
                : null
            }
            onChange={(person) => update({ managerId: person?.id ?? null })}
            error={errors.managerId}
          />
        ) : null}
      </div>
      <fieldset className="mt-4">
        <legend className="text-sm font-medium text-stone-800">Period</legend>
        <div className="mt-1.5 flex flex-wrap items-start gap-x-4 gap-y-3">
          <Field label="From" error={errors.from} className="w-44">
            {(p) => (
              <Input
                {...p}
                type="date"
                value={values.from || effective?.from || ""}
                max={values.to || effective?.to || undefined}
                onChange={(e) => update({ from: e.target.value || null })}
              />
            )}
          </Field>
          <Field label="To" error={errors.to} className="w-44">
            {(p) => (
              <Input
                {...p}
                type="date"
                value={values.to || effective?.to || ""}
                min={values.from || effective?.from || undefined}
                onChange={(e) => update({ to: e.target.value || null })}
              />
            )}
          </Field>
          <div className="flex flex-wrap items-center gap-2 md:pt-7">
            {presets.map((p) => (
              <Button
                key={p.months}
                size="sm"
                variant={pressed === p.months ? "primary" : "secondary"}
                aria-pressed={pressed === p.months}
                onClick={() => update(presetPeriod(p.months))}
              >
                {p.label}
              </Button>
            ))}
            {filtered ? (
              <Button
                size="sm"
                variant="ghost"
                onClick={() => update({ department: null, managerId: null, from: null, to: null })}
              >
                Clear filters
              </Button>
            ) : null}
          </div>
        </div>
        {effective ? (
          <p className="mt-2 text-sm text-stone-600">
            Showing {formatDate(effective.from)} to {formatDate(effective.to)}, both days included.
          </p>
        ) : null}
      </fieldset>
    </search>
  );
}
