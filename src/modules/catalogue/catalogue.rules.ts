// Pure rules for L&D's resource catalogue: what a catalogue item and a workshop date must be.
import { type CauseKind, causeKinds, labels } from "../plans/plans.types.js";
import {
  type CatalogueFormat,
  type CatalogueKind,
  catalogueFormats,
  catalogueKinds,
  catalogueLabels,
} from "./catalogue.types.js";

export const MAX_TITLE = 200;
export const MAX_PROVIDER = 200;
export const MAX_DESCRIPTION = 4000;
export const MAX_LINK = 2000;
export const MAX_DURATION_HOURS = 1000;
export const MAX_SKILLS = 20;
export const MAX_SKILL_LENGTH = 40;
export const MAX_SEATS = 1000;
export const MAX_LOCATION = 200;

export type Problem = { path: string; message: string };

export type CatalogueItemInput = {
  kind: CatalogueKind;
  title: string;
  provider: string;
  link: string;
  description: string;
  durationHours: number | null;
  format: CatalogueFormat;
  skills: string[];
  causes: string[];
};

/** The item as it is stored: trimmed text, normalised skill tags, causes in their fixed order. */
export type NormalisedItem = Omit<CatalogueItemInput, "causes"> & { causes: CauseKind[] };

export const LINK_MESSAGE = "A link must be a web address starting with https:// or http://";

/** A link is followed by whoever reads it: web addresses only (no javascript:, data:, file:). */
export function isWebLink(value: string): boolean {
  return /^https?:\/\//i.test(value) && URL.canParse(value);
}

/** Skill tags as L&D writes them: trimmed, lower case, each once, in the order first given. */
export function normaliseSkills(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const tag of tags) {
    const t = tag.trim().replace(/\s+/g, " ").toLowerCase();
    if (t) seen.add(t);
  }
  return [...seen];
}

/** A cause given by its key or its label ("skill" or "Missing skill"), or null if neither. */
export function causeOf(value: string): CauseKind | null {
  const v = value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  const byKey = causeKinds.find((k) => k === v);
  if (byKey) return byKey;
  const w = value.trim().toLowerCase();
  return causeKinds.find((k) => labels.cause[k].toLowerCase() === w) ?? null;
}

/** Checks and normalises an item; problems name the field and say what to write instead. */
export function checkCatalogueItem(input: CatalogueItemInput): {
  item: NormalisedItem;
  problems: Problem[];
} {
  const problems: Problem[] = [];
  const title = input.title.trim();
  const provider = input.provider.trim();
  const link = input.link.trim();
  const description = input.description.trim();
  if (!catalogueKinds.includes(input.kind))
    problems.push({
      path: "kind",
      message: `Choose the kind: ${catalogueKinds.join(", ")}.`,
    });
  if (!catalogueFormats.includes(input.format))
    problems.push({
      path: "format",
      message: `Choose the format: ${catalogueFormats.join(", ")}.`,
    });
  if (!title) problems.push({ path: "title", message: "Write the title." });
  else if (title.length > MAX_TITLE)
    problems.push({ path: "title", message: `Keep the title under ${MAX_TITLE} characters.` });
  if (provider.length > MAX_PROVIDER)
    problems.push({
      path: "provider",
      message: `Keep the provider under ${MAX_PROVIDER} characters.`,
    });
  if (link.length > MAX_LINK)
    problems.push({ path: "link", message: "Keep a link under 2,000 characters." });
  else if (link && !isWebLink(link)) problems.push({ path: "link", message: LINK_MESSAGE });
  if (description.length > MAX_DESCRIPTION)
    problems.push({
      path: "description",
      message: `Keep the description under ${MAX_DESCRIPTION.toLocaleString("en")} characters.`,
    });
  const d = input.durationHours;
  if (d !== null && (!Number.isFinite(d) || d < 0 || d > MAX_DURATION_HOURS))
    problems.push({
      path: "durationHours",
      message: `The duration is a number of hours from 0 to ${MAX_DURATION_HOURS}.`,
    });
  const skills = normaliseSkills(input.skills);
  const long = skills.find((s) => s.length > MAX_SKILL_LENGTH);
  if (long)
    problems.push({
      path: "skills",
      message: `Keep each skill under ${MAX_SKILL_LENGTH} characters ("${long.slice(0, MAX_SKILL_LENGTH)}…" is longer).`,
    });
  if (skills.length > MAX_SKILLS)
    problems.push({ path: "skills", message: `Keep to at most ${MAX_SKILLS} skills.` });
  const unknown = input.causes.filter((c) => !causeKinds.includes(c as CauseKind));
  if (unknown.length)
    problems.push({
      path: "causes",
      message: `Unknown root cause${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${u}"`).join(", ")}. Choose from: ${causeKinds.map((k) => labels.cause[k]).join(", ")}.`,
    });
  const causes = causeKinds.filter((k) => input.causes.includes(k));
  return {
    item: {
      kind: input.kind,
      title,
      provider,
      link,
      description,
      durationHours: d,
      format: input.format,
      skills,
      causes,
    },
    problems,
  };
}

export type SessionInput = {
  kind: CatalogueKind;
  startsAt: Date;
  endsAt: Date | null;
  location: string;
  seats: number;
};

const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2101, 0, 1);
/** A workshop happens in this century (and year 0, which PostgreSQL cannot store, is refused). */
const plausible = (d: Date) => {
  const t = d.getTime();
  return Number.isFinite(t) && t >= EARLIEST && t < LATEST;
};

/** A workshop date: only workshops have dates; seats 1–1000; it ends after it starts. */
export function checkSession(input: SessionInput): Problem[] {
  const problems: Problem[] = [];
  if (input.kind !== "workshop")
    problems.push({
      path: "kind",
      message: "Only a workshop has dates and seats. Change the kind to workshop first.",
    });
  if (!Number.isInteger(input.seats) || input.seats < 1 || input.seats > MAX_SEATS)
    problems.push({ path: "seats", message: `Offer from 1 to ${MAX_SEATS} seats.` });
  if (!plausible(input.startsAt))
    problems.push({
      path: "startsAt",
      message: "Give the start as a date and time between the years 2000 and 2100.",
    });
  if (input.endsAt && !plausible(input.endsAt))
    problems.push({
      path: "endsAt",
      message: "Give the end as a date and time between the years 2000 and 2100.",
    });
  else if (input.endsAt && !(input.endsAt.getTime() > input.startsAt.getTime()))
    problems.push({ path: "endsAt", message: "The end must come after the start." });
  if (input.location.trim().length > MAX_LOCATION)
    problems.push({
      path: "location",
      message: `Keep the location under ${MAX_LOCATION} characters.`,
    });
  return problems;
}

/** Seats still free on a date (never negative, even if more were booked before seats shrank). */
export function seatsLeft(session: { seats: number; seatsTaken: number }): number {
  return Math.max(0, session.seats - session.seatsTaken);
}

/** True when an update would change nothing (an import row that matches what is stored). */
export function sameItem(
  a: NormalisedItem & { active: boolean },
  b: NormalisedItem & { active: boolean },
): boolean {
  return (
    a.kind === b.kind &&
    a.title === b.title &&
    a.provider === b.provider &&
    a.link === b.link &&
    a.description === b.description &&
    a.durationHours === b.durationHours &&
    a.format === b.format &&
    a.active === b.active &&
    a.skills.join("\u0000") === b.skills.join("\u0000") &&
    [...a.causes].sort().join(",") === [...b.causes].sort().join(",")
  );
}

// ---------- CSV import ----------

/** One CSV row as read (after the formula guard is undone); an absent column is undefined. */
export type CatalogueImportRow = {
  line: number;
  id?: string;
  kind?: string;
  title?: string;
  provider?: string;
  link?: string;
  description?: string;
  durationHours?: string;
  format?: string;
  skills?: string;
  causes?: string;
  active?: string;
};

export type CatalogueImportProblem = { line: number; field: string; message: string };

/** What an existing item looks like to the planner (a stored row has at least these). */
export type ExistingCatalogueItem = Omit<NormalisedItem, "causes"> & {
  id: string;
  active: boolean;
  causes: string[];
};

export type PlannedCatalogueItem = {
  line: number;
  action: "create" | "update" | "unchanged";
  /** The stored item's id for an update or unchanged row; null for a new one. */
  id: string | null;
  values: NormalisedItem & { active: boolean };
  changedFields: string[];
};

export type CatalogueImportPlan = {
  rows: PlannedCatalogueItem[];
  problems: CatalogueImportProblem[];
  summary: { create: number; update: number; unchanged: number; problems: number };
};

const FIELD_COLUMN: Record<string, string> = {
  kind: "kind",
  title: "title",
  provider: "provider",
  link: "link",
  description: "description",
  durationHours: "duration_hours",
  format: "format",
  skills: "skills",
  causes: "causes",
};

const byKeyOrLabel = <K extends string>(
  value: string,
  keys: readonly K[],
  label: Record<K, string>,
): K | null => {
  const v = value.trim().toLowerCase();
  const key = v.replace(/[\s-]+/g, "_");
  return keys.find((k) => k === key) ?? keys.find((k) => label[k].toLowerCase() === v) ?? null;
};

const TRUE = ["true", "yes", "y", "1", "active"];
const FALSE = ["false", "no", "n", "0", "archived", "inactive"];

const identityOf = (i: { kind: string; title: string; provider: string }) =>
  `${i.kind}\u0000${i.title.trim().toLowerCase()}\u0000${i.provider.trim().toLowerCase()}`;

const splitList = (value: string) =>
  value
    .split(";")
    .map((v) => v.trim())
    .filter(Boolean);

/**
 * Plans a catalogue import: each row becomes a create, an update or nothing. A row with an id
 * updates that item; otherwise it is matched by (kind, title, provider), case-insensitively, as
 * the catalogue's unique index does. Every problem names its line and column; the caller applies
 * the plan only when there is none.
 */
export function planCatalogueImport({
  rows,
  existing,
}: {
  rows: CatalogueImportRow[];
  existing: ExistingCatalogueItem[];
}): CatalogueImportPlan {
  const problems: CatalogueImportProblem[] = [];
  const planned: PlannedCatalogueItem[] = [];
  const byId = new Map(existing.map((e) => [e.id, e]));
  const byIdentity = new Map(existing.map((e) => [identityOf(e), e]));
  const seenIds = new Map<string, number>();
  const seenIdentities = new Map<string, number>();

  for (const row of rows) {
    const problem = (field: string, message: string) =>
      problems.push({ line: row.line, field, message });
    const before = problems.length;

    const id = row.id?.trim() || null;
    let current: ExistingCatalogueItem | null = null;
    if (id) {
      current = byId.get(id) ?? null;
      if (!current)
        problem(
          "id",
          "No resource in the catalogue has this id. Leave the id empty to add a new resource.",
        );
      else if (seenIds.has(id))
        problem("id", `This resource is already changed on line ${seenIds.get(id)}.`);
      else seenIds.set(id, row.line);
    }

    let kind: CatalogueKind | null = current?.kind ?? null;
    if (row.kind !== undefined && (row.kind.trim() || !current)) {
      kind = byKeyOrLabel(row.kind, catalogueKinds, catalogueLabels.kind);
      if (!kind)
        problem(
          "kind",
          `Write the kind as one of: ${catalogueKinds.join(", ")}${row.kind.trim() ? ` ("${row.kind.trim()}" is not one)` : ""}.`,
        );
    }
    // A row without an id is matched by its identity before its absent columns are filled in.
    if (!id && kind && row.title?.trim())
      current =
        byIdentity.get(identityOf({ kind, title: row.title, provider: row.provider ?? "" })) ??
        null;
    let format: CatalogueFormat | null = current?.format ?? "online";
    if (row.format?.trim()) {
      format = byKeyOrLabel(row.format, catalogueFormats, catalogueLabels.format);
      if (!format)
        problem(
          "format",
          `Write the format as one of: ${catalogueFormats.join(", ")} ("${row.format.trim()}" is not one).`,
        );
    }
    let durationHours: number | null = current?.durationHours ?? null;
    if (row.durationHours !== undefined) {
      const d = row.durationHours.trim();
      if (!d) durationHours = null;
      else if (!/^\d+([.,]\d+)?$/.test(d))
        problem(
          "duration_hours",
          `Write the duration as a number of hours, like 6 or 1.5 ("${d}" is not one).`,
        );
      else durationHours = Number(d.replace(",", "."));
    }
    const causes: string[] = [];
    if (row.causes !== undefined) {
      for (const c of splitList(row.causes)) {
        const cause = causeOf(c);
        if (cause) causes.push(cause);
        else
          problem(
            "causes",
            `"${c}" is not a root cause. Use one of: ${causeKinds.join(", ")} (or their names, separated by semicolons).`,
          );
      }
    } else if (current) causes.push(...current.causes);
    let active = current?.active ?? true;
    if (row.active?.trim()) {
      const a = row.active.trim().toLowerCase();
      if (TRUE.includes(a)) active = true;
      else if (FALSE.includes(a)) active = false;
      else problem("active", `Write active as true or false ("${row.active.trim()}" is neither).`);
    }
    // Every problem of the row is reported at once: the cells above, then the item's own rules
    // (with a stand-in kind or format where those were already reported).
    const { item, problems: itemProblems } = checkCatalogueItem({
      kind: kind ?? "course",
      format: format ?? "online",
      title: row.title ?? current?.title ?? "",
      provider: row.provider ?? current?.provider ?? "",
      link: row.link ?? current?.link ?? "",
      description: row.description ?? current?.description ?? "",
      durationHours,
      skills: row.skills !== undefined ? splitList(row.skills) : (current?.skills ?? []),
      causes,
    });
    for (const p of itemProblems) problem(FIELD_COLUMN[p.path] ?? p.path, p.message);
    if (problems.length > before || !kind || !format) continue;

    const identity = identityOf(item);
    if (!current) current = byIdentity.get(identity) ?? null;
    else {
      const other = byIdentity.get(identity);
      if (other && other.id !== current.id) {
        problem(
          "title",
          "Another resource already has this kind, title and provider. Change the title or the provider.",
        );
        continue;
      }
    }
    if (seenIdentities.has(identity)) {
      problem(
        "title",
        `Line ${seenIdentities.get(identity)} has the same kind, title and provider. Keep one of them.`,
      );
      continue;
    }
    seenIdentities.set(identity, row.line);
    if (current && !id) {
      if (seenIds.has(current.id)) {
        problem("title", `This resource is already changed on line ${seenIds.get(current.id)}.`);
        continue;
      }
      seenIds.set(current.id, row.line);
    }

    const values = { ...item, active };
    if (!current) {
      planned.push({ line: row.line, action: "create", id: null, values, changedFields: [] });
      continue;
    }
    const stored = { ...current, causes: current.causes as CauseKind[] };
    const changedFields = (
      [
        "kind",
        "title",
        "provider",
        "link",
        "description",
        "durationHours",
        "format",
        "skills",
        "causes",
        "active",
      ] as const
    ).filter((f) => JSON.stringify(stored[f]) !== JSON.stringify(values[f]));
    planned.push({
      line: row.line,
      action: sameItem(stored, values) ? "unchanged" : "update",
      id: current.id,
      values,
      changedFields: sameItem(stored, values) ? [] : changedFields,
    });
  }
  return {
    rows: planned,
    problems,
    summary: {
      create: planned.filter((r) => r.action === "create").length,
      update: planned.filter((r) => r.action === "update").length,
      unchanged: planned.filter((r) => r.action === "unchanged").length,
      problems: problems.length,
    },
  };
}
