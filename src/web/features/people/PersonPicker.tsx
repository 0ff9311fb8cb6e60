import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api } from "../../api";
import { useDebounced } from "../../lib/hooks";
import type { Directory } from "../../types";
import { Button, Input, Spinner } from "../../ui";
import { roleLine } from "./PersonBits";

export type PickedPerson = { id: string; name: string; title?: string | null; department?: string };

/** Choose a person by searching the directory (a manager, a mentor, an HR partner). */
export function PersonPicker({
  legend,
  value,
  onChange,
  excludeIds = [],
  error,
  emptyText = "No one chosen",
  searchLabel = "Find a person",
  chooseSuffix = "",
  managersOnly = false,
}: {
  legend: string;
  value: PickedPerson | null;
  onChange: (person: PickedPerson | null) => void;
  excludeIds?: string[];
  error?: string | null;
  emptyText?: string;
  /** Label of the search box, e.g. "Find the new manager". */
  searchLabel?: string;
  /** Ends each option's accessible name, e.g. " as manager". */
  chooseSuffix?: string;
  /** Only people who manage someone (a filter by manager). */
  managersOnly?: boolean;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 250);
  const results = useQuery({
    queryKey: ["people", { q, limit: 8, managersOnly }],
    queryFn: () =>
      api.get<Directory>("/people", { q, limit: 8, ...(managersOnly ? { managers: "true" } : {}) }),
    enabled: open && q.length > 0,
  });
  const options = (results.data?.items ?? []).filter((p) => !excludeIds.includes(p.id) && p.active);

  return (
    <fieldset className="space-y-2" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-stone-800">{legend}</legend>
      <div className="flex flex-wrap items-center gap-2 rounded-md border border-stone-200 bg-stone-50 px-3 py-2">
        <p className="min-w-0 flex-1 text-sm">
          {value ? (
            <>
              <span className="font-medium">{value.name}</span>
              {value.title || value.department ? (
                <span className="text-stone-600">
                  {" "}
                  · {roleLine({ title: value.title ?? "", department: value.department ?? "" })}
                </span>
              ) : null}
            </>
          ) : (
            <span className="text-stone-600">{emptyText}</span>
          )}
        </p>
        <Button
          size="sm"
          variant="secondary"
          aria-expanded={open}
          aria-label={
            open ? `Cancel choosing: ${legend}` : `${value ? "Change" : "Choose"}: ${legend}`
          }
          onClick={() => setOpen((v) => !v)}
        >
          {open ? "Cancel" : value ? "Change" : "Choose"}
        </Button>
        {value ? (
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Remove: ${legend}`}
            onClick={() => onChange(null)}
          >
            Remove
          </Button>
        ) : null}
      </div>
      {open ? (
        <div className="space-y-2 rounded-md border border-stone-200 p-3">
          <label htmlFor={`${id}-q`} className="block text-sm font-medium text-stone-800">
            {searchLabel}
          </label>
          <Input
            id={`${id}-q`}
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Type a name or email"
            autoComplete="off"
          />
          <div aria-live="polite" className="text-sm text-stone-600">
            {results.isFetching ? <Spinner label="Searching…" /> : null}
            {q && results.data && options.length === 0 ? "No one found." : null}
          </div>
          {options.length ? (
            <ul className="divide-y divide-stone-100 rounded-md border border-stone-200 bg-white">
              {options.map((p) => (
                <li key={p.id} className="flex items-center gap-3 px-3 py-2">
                  <div className="min-w-0 flex-1 text-sm">
                    <p className="truncate font-medium">{p.name}</p>
                    <p className="truncate text-stone-600">{roleLine(p)}</p>
                  </div>
                  <Button
                    size="sm"
                    variant="secondary"
                    aria-label={`Choose ${p.name}${chooseSuffix}`}
                    onClick={() => {
                      onChange(p);
                      setOpen(false);
                      setSearch("");
                    }}
                  >
                    Choose
                  </Button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
