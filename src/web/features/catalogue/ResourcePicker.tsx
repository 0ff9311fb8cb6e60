import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type KeyboardEvent, useId, useRef, useState } from "react";
import type { MentorSuggestion } from "../../../modules/mentoring/mentoring.service";
import { ApiError, api, messageOf } from "../../api";
import { formatDateTime } from "../../lib/format";
import { useDebounced } from "../../lib/hooks";
import type { CauseKind } from "../../types";
import { Alert, Badge, Button, Checkbox, cx, Dialog, Field, Select, TextField } from "../../ui";
import { causeLabel } from "../plans/labels";
import { formatHours, kindOptions, seatsLeft } from "./catalogueApi";
import type { CatalogueItem, CatalogueKind, CatalogueList } from "./types";

// "Add a resource": a goal's manager (or the person themselves, on a growth goal) picks from
// L&D's catalogue — searchable by words, skill and root cause — or asks a suggested mentor.
// Each pick is one request; the caller sends it and keeps the result (a plan editor takes the
// plan's new version from it).

export type CataloguePick = { catalogueItemId: string; sessionId: string | null };
export type MentorPick = { mentorId: string; topic: string; skills: string[] };

const causes = Object.keys(causeLabel) as CauseKind[];

export function ResourcePicker({
  open,
  onClose,
  goalTitle,
  person,
  context,
  initialCauses = [],
  initialSkill = "",
  taken,
  onAddCatalogue,
  onAddMentor,
}: {
  open: boolean;
  onClose: () => void;
  /** The goal the resource is for, as the dialog names it. */
  goalTitle: string;
  /** Who the goal is about: mentors are suggested for them, never from their management chain. */
  person: { id: string; name: string };
  /** On a plan, the dialog says that the mentor never learns of the plan. */
  context: "plan" | "growth";
  /** Pre-filled root causes (a plan's diagnosed causes). */
  initialCauses?: CauseKind[];
  initialSkill?: string;
  /** What is on the goal already: shown as such instead of an add button. */
  taken: { catalogueItemIds: string[]; mentorIds: string[] };
  onAddCatalogue: (pick: CataloguePick) => Promise<unknown>;
  onAddMentor: (pick: MentorPick) => Promise<unknown>;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Add a resource"
      description={
        <>
          For <strong>{goalTitle}</strong>. A course, a workshop date, a tool or a guide from the
          catalogue, or a mentor: each becomes a commitment on this goal.
        </>
      }
      className="max-w-3xl!"
    >
      <PickerBody
        person={person}
        context={context}
        initialCauses={initialCauses}
        initialSkill={initialSkill}
        taken={taken}
        onAddCatalogue={onAddCatalogue}
        onAddMentor={onAddMentor}
        onClose={onClose}
      />
    </Dialog>
  );
}

type Tab = "catalogue" | "mentors";
const tabs: { id: Tab; label: string }[] = [
  { id: "catalogue", label: "Catalogue" },
  { id: "mentors", label: "Mentors" },
];

function PickerBody({
  person,
  context,
  initialCauses,
  initialSkill,
  taken,
  onAddCatalogue,
  onAddMentor,
  onClose,
}: {
  person: { id: string; name: string };
  context: "plan" | "growth";
  initialCauses: CauseKind[];
  initialSkill: string;
  taken: { catalogueItemIds: string[]; mentorIds: string[] };
  onAddCatalogue: (pick: CataloguePick) => Promise<unknown>;
  onAddMentor: (pick: MentorPick) => Promise<unknown>;
  onClose: () => void;
}) {
  const id = useId();
  const [tab, setTab] = useState<Tab>("catalogue");
  const [skill, setSkill] = useState(initialSkill);
  const [added, setAdded] = useState<string | null>(null);
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ catalogue: null, mentors: null });

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft" && e.key !== "Home" && e.key !== "End")
      return;
    e.preventDefault();
    const i = tabs.findIndex((t) => t.id === tab);
    const next =
      e.key === "Home"
        ? 0
        : e.key === "End"
          ? tabs.length - 1
          : (i + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length;
    const to = tabs[next]!.id;
    setTab(to);
    tabRefs.current[to]?.focus();
  };

  return (
    <div>
      <div role="tablist" aria-label="Where the resource comes from" className="flex gap-1">
        {tabs.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              tabRefs.current[t.id] = el;
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`${id}-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
            onKeyDown={onTabKey}
            className={cx(
              "rounded-t-md border-b-2 px-4 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-teal-700",
              tab === t.id
                ? "border-teal-700 text-teal-900"
                : "border-transparent text-stone-600 hover:text-stone-900",
            )}
          >
            {t.label}
          </button>
        ))}
      </div>
      <p aria-live="polite" className="mt-2 min-h-5 text-sm text-green-800">
        {added ? `Added to this goal: ${added}.` : ""}
      </p>
      <div
        role="tabpanel"
        id={`${id}-panel-${tab}`}
        aria-labelledby={`${id}-tab-${tab}`}
        className="mt-2"
      >
        {tab === "catalogue" ? (
          <CatalogueTab
            initialCauses={initialCauses}
            skill={skill}
            onSkill={setSkill}
            takenIds={taken.catalogueItemIds}
            onAdd={async (item, sessionId) => {
              await onAddCatalogue({ catalogueItemId: item.id, sessionId });
              setAdded(item.title);
            }}
          />
        ) : (
          <MentorsTab
            person={person}
            context={context}
            skill={skill}
            onSkill={setSkill}
            takenIds={taken.mentorIds}
            onAdd={async (s, pick) => {
              await onAddMentor(pick);
              setAdded(`mentoring with ${s.mentor.name}`);
            }}
          />
        )}
      </div>
      <div className="mt-5 flex justify-end border-t border-stone-100 pt-4">
        <Button variant="secondary" onClick={onClose}>
          Done
        </Button>
      </div>
    </div>
  );
}

// ---------- the catalogue ----------

function CatalogueTab({
  initialCauses,
  skill,
  onSkill,
  takenIds,
  onAdd,
}: {
  initialCauses: CauseKind[];
  skill: string;
  onSkill: (v: string) => void;
  takenIds: string[];
  onAdd: (item: CatalogueItem, sessionId: string | null) => Promise<void>;
}) {
  const [q, setQ] = useState("");
  const [kind, setKind] = useState<CatalogueKind | "">("");
  const [chosen, setChosen] = useState<CauseKind[]>(initialCauses);
  const filters = useDebounced({ q: q.trim(), skill: skill.trim(), causes: chosen, kind }, 250);
  const results = useQuery({
    queryKey: ["catalogue", "items", "picker", filters],
    queryFn: () =>
      api.get<CatalogueList>("/catalogue/items", {
        q: filters.q || undefined,
        skill: filters.skill || undefined,
        cause: filters.causes.join(",") || undefined,
        kind: filters.kind || undefined,
      }),
    placeholderData: (previous) => previous,
  });
  const toggle = (c: CauseKind, on: boolean) =>
    setChosen((list) => (on ? [...list, c] : list.filter((x) => x !== c)));
  const items = results.data?.items ?? [];
  const filtered = Boolean(filters.q || filters.skill || filters.causes.length || filters.kind);
  return (
    <div className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          label="Search"
          type="search"
          hint="Words in the title, provider or description."
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <TextField
          label="Skill"
          hint="A skill tag, such as sql or negotiation."
          value={skill}
          onChange={(e) => onSkill(e.target.value)}
        />
        <Field label="Kind">
          {(p) => (
            <Select
              {...p}
              value={kind}
              onChange={(e) => setKind(e.target.value as CatalogueKind | "")}
            >
              <option value="">Any kind</option>
              {kindOptions.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-stone-800">Root causes it fits</legend>
        <p className="text-sm text-stone-600">
          {initialCauses.length
            ? "Pre-filled with the causes chosen in the diagnosis. Clear them to see everything."
            : "Pick the causes you diagnosed, or leave them all clear."}
        </p>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {causes.map((c) => (
            <Checkbox
              key={c}
              label={causeLabel[c]}
              checked={chosen.includes(c)}
              onChange={(e) => toggle(c, e.target.checked)}
            />
          ))}
        </div>
      </fieldset>

      <section aria-label="Catalogue results" aria-busy={results.isFetching || undefined}>
        {results.isError ? (
          <Alert tone="error">{messageOf(results.error)}</Alert>
        ) : results.isPending ? (
          <p className="text-sm text-stone-600">Searching the catalogue…</p>
        ) : items.length === 0 ? (
          <p className="rounded-md border border-dashed border-stone-300 px-4 py-6 text-center text-sm text-stone-600">
            {filtered
              ? "Nothing in the catalogue matches. Try fewer words, another skill, or clear the root causes."
              : "The catalogue is empty. L&D adds courses, workshops, tools and guides on the Catalogue page."}
          </p>
        ) : (
          <ul className="max-h-[50vh] space-y-3 overflow-y-auto pr-1">
            {items.map((item) => (
              <li key={item.id}>
                <CatalogueResult item={item} taken={takenIds.includes(item.id)} onAdd={onAdd} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function CatalogueResult({
  item,
  taken,
  onAdd,
}: {
  item: CatalogueItem;
  taken: boolean;
  onAdd: (item: CatalogueItem, sessionId: string | null) => Promise<void>;
}) {
  const queryClient = useQueryClient();
  const isWorkshop = item.kind === "workshop";
  const open = item.sessions.filter((s) => !s.cancelled);
  const firstFree = open.find((s) => seatsLeft(s) > 0);
  const [sessionId, setSessionId] = useState(firstFree?.id ?? "");
  const add = useMutation({
    mutationFn: () => onAdd(item, isWorkshop ? sessionId || null : null),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["catalogue"] }),
  });
  const headingId = useId();
  const noDates = isWorkshop && !firstFree;
  return (
    <article
      aria-labelledby={headingId}
      className="rounded-md border border-stone-200 bg-white p-3 text-sm"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 id={headingId} className="font-semibold text-stone-900">
            {item.title}
          </h3>
          <p className="text-stone-600">
            {[
              item.kindLabel,
              item.provider,
              item.formatLabel,
              item.durationHours !== null ? formatHours(item.durationHours) : null,
            ]
              .filter(Boolean)
              .join(" · ")}
          </p>
        </div>
        {taken ? <Badge tone="success">On this goal</Badge> : null}
      </div>
      {item.description ? <p className="mt-1 text-stone-700">{item.description}</p> : null}
      {item.skills.length || item.causes.length ? (
        <p className="mt-1 flex flex-wrap gap-1">
          <span className="sr-only">Skills and causes: </span>
          {item.skills.map((s) => (
            <Badge key={`s-${s}`}>{s}</Badge>
          ))}
          {item.causes.map((c) => (
            <Badge key={`c-${c}`} tone="accent">
              {causeLabel[c as CauseKind] ?? c}
            </Badge>
          ))}
        </p>
      ) : null}
      {item.link ? (
        <a
          href={item.link}
          target="_blank"
          rel="noreferrer noopener"
          className="mt-1 inline-block break-all text-teal-800 underline"
        >
          Open the page<span className="sr-only"> of {item.title}</span> (new tab)
        </a>
      ) : null}
      {taken ? null : (
        <div className="mt-3 flex flex-wrap items-end gap-3">
          {isWorkshop && open.length ? (
            <Field label="Date" className="min-w-64">
              {(p) => (
                <Select {...p} value={sessionId} onChange={(e) => setSessionId(e.target.value)}>
                  {open.map((s) => {
                    const left = seatsLeft(s);
                    return (
                      <option key={s.id} value={s.id} disabled={left === 0}>
                        {formatDateTime(s.startsAt)}
                        {s.location ? ` · ${s.location}` : ""} ·{" "}
                        {left === 0 ? "full" : left === 1 ? "1 seat left" : `${left} seats left`}
                      </option>
                    );
                  })}
                </Select>
              )}
            </Field>
          ) : null}
          {noDates ? (
            <p className="text-stone-600">
              {open.length
                ? "Every upcoming date is full. Ask L&D for more seats or another date."
                : "No upcoming dates. Ask L&D to add one."}
            </p>
          ) : (
            <Button
              size="sm"
              busy={add.isPending}
              busyLabel="Adding…"
              onClick={() => add.mutate()}
              aria-label={`Add to this goal: ${item.title}`}
            >
              Add to this goal
            </Button>
          )}
        </div>
      )}
      {add.isError ? (
        <Alert tone="error" className="mt-2">
          {messageOf(add.error)}
        </Alert>
      ) : null}
    </article>
  );
}

// ---------- mentors ----------

function MentorsTab({
  person,
  context,
  skill,
  onSkill,
  takenIds,
  onAdd,
}: {
  person: { id: string; name: string };
  context: "plan" | "growth";
  skill: string;
  onSkill: (v: string) => void;
  takenIds: string[];
  onAdd: (s: MentorSuggestion, pick: MentorPick) => Promise<void>;
}) {
  const [topic, setTopic] = useState("");
  const topicHintId = useId();
  const wanted = useDebounced(skill.trim(), 250);
  const suggestions = useQuery({
    queryKey: ["mentoring", "suggestions", person.id, wanted],
    queryFn: () =>
      api.get<{ items: MentorSuggestion[] }>(
        `/people/${encodeURIComponent(person.id)}/mentor-suggestions`,
        { skill: wanted || undefined },
      ),
    placeholderData: (previous) => previous,
  });
  const items = suggestions.data?.items ?? [];
  const hidden = suggestions.error instanceof ApiError && suggestions.error.status === 404;
  return (
    <div className="space-y-4">
      <p className="text-sm text-stone-700">
        Volunteers with a free place, never from {person.name}'s management chain. The mentor is
        asked about the topic and accepts or declines
        {context === "plan" ? "; they are never told about the plan." : "."}
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label="Skill"
          hint="Best matches first."
          value={skill}
          onChange={(e) => onSkill(e.target.value)}
        />
        <TextField
          label="What the mentoring is for"
          required
          maxLength={200}
          hint="The mentor reads this, so keep it about the skill: “SQL for monthly reporting”."
          value={topic}
          onChange={(e) => setTopic(e.target.value)}
        />
      </div>
      <section aria-label="Suggested mentors" aria-busy={suggestions.isFetching || undefined}>
        {hidden ? (
          <Alert tone="info">You cannot look for mentors for {person.name}.</Alert>
        ) : suggestions.isError ? (
          <Alert tone="error">{messageOf(suggestions.error)}</Alert>
        ) : suggestions.isPending ? (
          <p className="text-sm text-stone-600">Looking for mentors…</p>
        ) : items.length === 0 ? (
          <p className="rounded-md border border-dashed border-stone-300 px-4 py-6 text-center text-sm text-stone-600">
            {wanted
              ? "No mentor with a free place has this skill. Try another skill, or clear it to see every mentor."
              : "No mentor has a free place right now. L&D can add mentors on the Mentoring page."}
          </p>
        ) : (
          <ul className="max-h-[50vh] space-y-3 overflow-y-auto pr-1">
            {items.map((s) => (
              <li key={s.mentor.id}>
                <MentorResult
                  suggestion={s}
                  taken={takenIds.includes(s.mentor.id)}
                  topic={topic}
                  topicHintId={topicHintId}
                  onAdd={(pick) => onAdd(s, pick)}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      <p id={topicHintId} className="sr-only">
        {topic.trim() ? "" : "Write what the mentoring is for before asking a mentor."}
      </p>
    </div>
  );
}

function MentorResult({
  suggestion: s,
  taken,
  topic,
  topicHintId,
  onAdd,
}: {
  suggestion: MentorSuggestion;
  taken: boolean;
  topic: string;
  topicHintId: string;
  onAdd: (pick: MentorPick) => Promise<void>;
}) {
  const queryClient = useQueryClient();
  const add = useMutation({
    mutationFn: () =>
      onAdd({
        mentorId: s.mentor.id,
        topic: topic.trim(),
        skills: s.matchingSkills.length ? s.matchingSkills : s.skills.slice(0, 5),
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["mentoring"] }),
  });
  const headingId = useId();
  const noTopic = !topic.trim();
  return (
    <article
      aria-labelledby={headingId}
      className="rounded-md border border-stone-200 bg-white p-3 text-sm"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 id={headingId} className="font-semibold text-stone-900">
            {s.mentor.name}
          </h3>
          <p className="text-stone-600">
            {[s.mentor.title, s.mentor.department].filter(Boolean).join(" · ")}
          </p>
        </div>
        <Badge tone={s.freeCapacity > 0 ? "success" : "neutral"}>
          {s.freeCapacity === 1 ? "1 free place" : `${s.freeCapacity} free places`}
        </Badge>
      </div>
      {s.skills.length ? (
        <p className="mt-1 flex flex-wrap gap-1">
          <span className="sr-only">Skills: </span>
          {s.skills.map((k) => (
            <Badge key={k} tone={s.matchingSkills.includes(k) ? "accent" : "neutral"}>
              {k}
              {s.matchingSkills.includes(k) ? <span className="sr-only"> (matches)</span> : null}
            </Badge>
          ))}
        </p>
      ) : null}
      <p className="mt-1 text-stone-700">
        <span className="font-medium">Availability:</span> {s.availability || "Not given"}
      </p>
      <div className="mt-3">
        {taken ? (
          <Badge tone="success">Asked for this goal</Badge>
        ) : (
          <Button
            size="sm"
            busy={add.isPending}
            busyLabel="Asking…"
            disabled={noTopic}
            aria-describedby={noTopic ? topicHintId : undefined}
            onClick={() => add.mutate()}
            aria-label={`Add to this goal: mentoring with ${s.mentor.name}`}
          >
            Add to this goal
          </Button>
        )}
      </div>
      {add.isError ? (
        <Alert tone="error" className="mt-2">
          {messageOf(add.error)}
        </Alert>
      ) : null}
    </article>
  );
}
