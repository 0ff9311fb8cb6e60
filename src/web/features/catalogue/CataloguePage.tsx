import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type KeyboardEvent, type ReactNode, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { api, messageOf } from "../../api";
import { formatDate } from "../../lib/format";
import { useDebounced, useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import type { CauseKind } from "../../types";
import {
  Alert,
  Badge,
  Button,
  buttonClass,
  Checkbox,
  cx,
  Dialog,
  EmptyState,
  Field,
  Input,
  Loading,
  PageHeader,
  Select,
  Table,
  TBody,
  Td,
  THead,
  Th,
} from "../../ui";
import { MentorDirectory } from "../mentoring/MentorDirectory";
import { causeLabel } from "../plans/labels";
import { CatalogueImport } from "./CatalogueImport";
import { CatalogueItemForm } from "./CatalogueItemForm";
import {
  type CatalogueFilters,
  catalogueKey,
  formatHours,
  kindOptions,
  seatsLeft,
  useCatalogue,
  useCatalogueUsage,
} from "./catalogueApi";
import type { CatalogueItem, CatalogueKind, CatalogueUsageRow } from "./types";

const causes = Object.keys(causeLabel) as CauseKind[];

/**
 * L&D's resource catalogue. Everyone searches it (by text, skill, root cause and kind); L&D and
 * admins add, edit, archive and import; L&D, HR and admins also see how often each was used.
 */
export function CataloguePage() {
  useDocumentTitle("Resource catalogue");
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get("q") ?? "");
  const [skillText, setSkillText] = useState(params.get("skill") ?? "");
  const q = useDebounced(text, 300);
  const skill = useDebounced(skillText, 300);
  const cause = params.get("cause") ?? "";
  const kind = (params.get("kind") ?? "") as CatalogueKind | "";
  const archived = params.get("archived") === "true";
  const filters: CatalogueFilters = { q, skill, cause, kind, archived };
  const list = useCatalogue(filters);
  const abilities = list.data?.abilities;
  const mayManage = Boolean(abilities?.["catalogue.manage"]);
  const mayViewStats = Boolean(abilities?.["catalogue.view_stats"]);
  const usage = useCatalogueUsage(mayViewStats);
  const [addingNow, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const tab: Tab = params.get("tab") === "mentors" ? "mentors" : "resources";
  // A link straight to the form (the L&D home's "Add a resource"): ?add=resource opens it.
  const adding = addingNow || (mayManage && params.get("add") === "resource");
  const stopAdding = () => {
    setAdding(false);
    if (params.has("add")) {
      const next = new URLSearchParams(params);
      next.delete("add");
      setParams(next, { replace: true });
    }
  };

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const filtered = Boolean(q.trim() || skill.trim() || cause || kind);
  const clear = () => {
    setText("");
    setSkillText("");
    setParams(new URLSearchParams(archived ? { archived: "true" } : {}), { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Resource catalogue"
        description="Courses, workshops, tools and internal guides that make a goal reachable. Search by the skill to build or the root cause you found."
        actions={
          mayManage && tab === "resources" ? (
            <>
              <Button onClick={() => setAdding(true)}>Add a resource</Button>
              <Button variant="secondary" onClick={() => setImporting(true)}>
                Import CSV
              </Button>
              <a
                href="/api/v1/catalogue/export.csv"
                download="catalogue.csv"
                className={buttonClass({ variant: "secondary" })}
              >
                Export CSV
              </a>
            </>
          ) : null
        }
      />
      <Tabs tab={tab} onChange={(t) => setParam("tab", t === "mentors" ? "mentors" : "")} />
      {tab === "mentors" ? (
        <div role="tabpanel" id={panelId("mentors")} aria-labelledby={tabId("mentors")}>
          <MentorDirectory />
        </div>
      ) : (
        <div
          className="space-y-5"
          role="tabpanel"
          id={panelId("resources")}
          aria-labelledby={tabId("resources")}
        >
          <section
            aria-label="Search the catalogue"
            className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4"
          >
            <Field label="Search">
              {(p) => (
                <Input
                  {...p}
                  type="search"
                  value={text}
                  onChange={(e) => {
                    setText(e.target.value);
                    setParam("q", e.target.value);
                  }}
                />
              )}
            </Field>
            <Field label="Skill" hint="Several? Separate them with commas.">
              {(p) => (
                <Input
                  {...p}
                  value={skillText}
                  onChange={(e) => {
                    setSkillText(e.target.value);
                    setParam("skill", e.target.value);
                  }}
                />
              )}
            </Field>
            <Field label="Root cause">
              {(p) => (
                <Select {...p} value={cause} onChange={(e) => setParam("cause", e.target.value)}>
                  <option value="">Any root cause</option>
                  {causes.map((c) => (
                    <option key={c} value={c}>
                      {causeLabel[c]}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label="Kind">
              {(p) => (
                <Select {...p} value={kind} onChange={(e) => setParam("kind", e.target.value)}>
                  <option value="">Any kind</option>
                  {kindOptions.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            {mayManage ? (
              <Checkbox
                className="sm:col-span-2 lg:col-span-4"
                label="Show archived resources too"
                checked={archived}
                onChange={(e) => setParam("archived", e.target.checked ? "true" : "")}
              />
            ) : null}
          </section>

          {list.isError ? (
            <QueryError error={list.error} onRetry={() => void list.refetch()} />
          ) : list.isPending ? (
            <Loading />
          ) : list.data.items.length === 0 ? (
            filtered ? (
              <EmptyState
                title="Nothing matches these filters."
                action={
                  <Button variant="secondary" onClick={clear}>
                    Clear the filters
                  </Button>
                }
              >
                Try another skill or root cause, or fewer words. A skill matches its exact tag
                (“sql”, “negotiation”).
              </EmptyState>
            ) : mayManage ? (
              <EmptyState
                title="No resources yet."
                action={
                  <>
                    <Button onClick={() => setAdding(true)}>Add a resource</Button>
                    <Button variant="secondary" onClick={() => setImporting(true)}>
                      Import a CSV
                    </Button>
                  </>
                }
              >
                Add your first course, or import a CSV.
              </EmptyState>
            ) : (
              <EmptyState title="No resources yet.">
                L&amp;D adds courses, workshops, tools and guides here. Until then, ask your manager
                or HR what support is available.
              </EmptyState>
            )
          ) : (
            <Results
              items={list.data.items}
              usage={mayViewStats ? usage.data?.items : undefined}
              mayManage={mayManage}
            />
          )}
        </div>
      )}

      {mayManage ? (
        <>
          <CatalogueItemForm open={adding} onClose={stopAdding} />
          <Dialog
            open={importing}
            onClose={() => setImporting(false)}
            title="Import the catalogue from a CSV"
            description="Nothing is written until you confirm, and a file with any problem imports nothing."
            className="max-w-3xl"
          >
            <CatalogueImport />
            <div className="mt-4 flex justify-end">
              <Button variant="secondary" onClick={() => setImporting(false)}>
                Close
              </Button>
            </div>
          </Dialog>
        </>
      ) : null}
    </>
  );
}

type Tab = "resources" | "mentors";
const tabs: { value: Tab; label: string }[] = [
  { value: "resources", label: "Courses, workshops and tools" },
  { value: "mentors", label: "Mentors" },
];
const tabId = (t: Tab) => `catalogue-tab-${t}`;
const panelId = (t: Tab) => `catalogue-panel-${t}`;

/** The catalogue's two halves; arrow keys move between tabs (the WAI-ARIA tabs pattern). */
function Tabs({ tab, onChange }: { tab: Tab; onChange: (tab: Tab) => void }) {
  const move = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    e.preventDefault();
    const next = tabs[(tabs.findIndex((t) => t.value === tab) + 1) % tabs.length]!.value;
    onChange(next);
    document.getElementById(tabId(next))?.focus();
  };
  return (
    <div
      role="tablist"
      aria-label="Catalogue"
      className="mb-5 flex gap-1 border-b border-stone-200"
    >
      {tabs.map((t) => (
        <button
          key={t.value}
          type="button"
          role="tab"
          id={tabId(t.value)}
          aria-selected={tab === t.value}
          aria-controls={panelId(t.value)}
          tabIndex={tab === t.value ? 0 : -1}
          onClick={() => onChange(t.value)}
          onKeyDown={move}
          className={cx(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-teal-700",
            tab === t.value
              ? "border-teal-700 text-teal-800"
              : "border-transparent text-stone-600 hover:text-stone-900",
          )}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

/** The next upcoming workshop date with seats left, or the next one at all. */
function nextSession(item: CatalogueItem) {
  return item.sessions.find((s) => seatsLeft(s) > 0) ?? item.sessions[0] ?? null;
}

function Results({
  items,
  usage,
  mayManage,
}: {
  items: CatalogueItem[];
  usage?: CatalogueUsageRow[];
  mayManage: boolean;
}) {
  const usageById = new Map((usage ?? []).map((u) => [u.itemId, u]));
  const [editing, setEditing] = useState<CatalogueItem | null>(null);
  return (
    <>
      <p className="text-sm text-stone-600" aria-live="polite">
        {items.length === 1 ? "1 resource" : `${items.length} resources`}, best matches first.
      </p>
      <div className="rounded-lg border border-stone-200 bg-white shadow-sm">
        <Table caption="Resources in the catalogue">
          <THead>
            <tr>
              <Th>Resource</Th>
              <Th>Kind</Th>
              <Th className="hidden md:table-cell">Format</Th>
              <Th className="hidden md:table-cell">Duration</Th>
              <Th>Skills</Th>
              <Th className="hidden lg:table-cell">Next workshop</Th>
              {usage ? <Th>Used</Th> : null}
              {mayManage ? (
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              ) : null}
            </tr>
          </THead>
          <TBody>
            {items.map((item) => (
              <Row
                key={item.id}
                item={item}
                usage={usage ? (usageById.get(item.id) ?? null) : undefined}
                mayManage={mayManage}
                onEdit={() => setEditing(item)}
              />
            ))}
          </TBody>
        </Table>
      </div>
      {editing ? (
        <CatalogueItemForm
          key={`${editing.id}:${editing.version}`}
          open
          item={editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

function Row({
  item,
  usage,
  mayManage,
  onEdit,
}: {
  item: CatalogueItem;
  usage?: CatalogueUsageRow | null;
  mayManage: boolean;
  onEdit: () => void;
}) {
  const next = nextSession(item);
  return (
    <tr className={cx(!item.active && "bg-stone-50")}>
      <Td className="min-w-56">
        <Link
          to={`/catalogue/${item.id}`}
          className="font-medium text-teal-800 underline-offset-2 hover:underline"
        >
          {item.title}
        </Link>
        {!item.active ? (
          <Badge tone="neutral" className="ml-2">
            Archived
          </Badge>
        ) : null}
        {item.provider ? (
          <span className="block text-xs text-stone-600">{item.provider}</span>
        ) : null}
        {item.link ? (
          <a
            href={item.link}
            target="_blank"
            rel="noopener noreferrer"
            className="mt-0.5 block text-xs text-teal-800 underline underline-offset-2"
          >
            Open the resource<span className="sr-only"> {item.title}</span> (new tab)
          </a>
        ) : null}
      </Td>
      <Td>{item.kindLabel}</Td>
      <Td className="hidden md:table-cell">{item.formatLabel}</Td>
      <Td className="hidden tabular-nums md:table-cell">{formatHours(item.durationHours)}</Td>
      <Td>
        <TagList tags={item.skills} />
      </Td>
      <Td className="hidden lg:table-cell">
        {item.kind !== "workshop" ? (
          <span className="text-stone-500">—</span>
        ) : next ? (
          <>
            <span className="block">{formatDate(next.startsAt)}</span>
            <span
              className={cx(
                "block text-xs",
                seatsLeft(next) === 0 ? "text-red-700" : "text-stone-600",
              )}
            >
              {seatsLeft(next) === 0 ? "Full" : `${seatsLeft(next)} of ${next.seats} seats left`}
            </span>
          </>
        ) : (
          <span className="text-stone-600">No upcoming date</span>
        )}
      </Td>
      {usage !== undefined ? (
        <Td className="tabular-nums">
          {usage?.uses ? (
            <>
              <span className="block">
                {usage.uses} {usage.uses === 1 ? "goal" : "goals"}
              </span>
              <span className="block text-xs text-stone-600">{usage.delivered} delivered</span>
            </>
          ) : (
            <span className="text-stone-500">Not yet</span>
          )}
        </Td>
      ) : null}
      {mayManage ? (
        <Td className="text-right">
          <ManageButtons item={item} onEdit={onEdit} />
        </Td>
      ) : null}
    </tr>
  );
}

export function TagList({ tags }: { tags: string[] }): ReactNode {
  if (!tags.length) return <span className="text-stone-500">—</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Skills">
      {tags.map((t) => (
        <li key={t}>
          <Badge tone="accent">{t}</Badge>
        </li>
      ))}
    </ul>
  );
}

/** Edit, and archive or restore: L&D's buttons on a row or an item page. */
export function ManageButtons({ item, onEdit }: { item: CatalogueItem; onEdit: () => void }) {
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: () =>
      api.post<CatalogueItem>(
        `/catalogue/items/${encodeURIComponent(item.id)}/${item.active ? "archive" : "restore"}`,
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: catalogueKey }),
  });
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <Button size="sm" variant="secondary" onClick={onEdit}>
        Edit<span className="sr-only"> {item.title}</span>
      </Button>
      <Button
        size="sm"
        variant={item.active ? "ghost" : "secondary"}
        busy={toggle.isPending}
        onClick={() => toggle.mutate()}
      >
        {item.active ? "Archive" : "Restore"}
        <span className="sr-only"> {item.title}</span>
      </Button>
      {toggle.isError ? (
        <Alert tone="error" className="basis-full text-left">
          {messageOf(toggle.error)}
        </Alert>
      ) : null}
    </div>
  );
}
