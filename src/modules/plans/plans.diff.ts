import diff, { type Difference } from "microdiff";
import { labels } from "./plans.types.js";

// What changed between two versions of a plan, as sentences the employee can read. Pure.
// Changes after issue are never silent: each new version carries these sentences.

export type SnapshotResource = {
  id: string;
  kind: string;
  description: string;
  link: string;
  mentorId: string | null;
  mentorName: string | null;
  hoursPerWeek: number | null;
  status: string;
};
export type SnapshotMilestone = {
  id: string;
  title: string;
  dueDate: string;
  target: number | null;
  earlyWin: boolean;
};
export type SnapshotGoal = {
  id: string;
  description: string;
  metric: string;
  unit: string;
  direction: "up" | "down";
  baseline: number | null;
  target: number | null;
  measurement: string;
  dueDate: string | null;
  resources: SnapshotResource[];
  milestones: SnapshotMilestone[];
};
export type SnapshotEvidence = {
  id: string;
  kind: "metric" | "incident";
  title: string;
  description: string;
  impact: string;
  occurredOn: string | null;
  unit: string;
  source: string;
  series: { date: string; value: number }[];
};

/** The plan as the employee was shown it at one version. */
export type PlanSnapshot = {
  employee: { id: string; name: string };
  manager: { id: string; name: string };
  standard: string;
  startDate: string | null;
  endDate: string | null;
  cadenceDays: number;
  evidence: SnapshotEvidence[];
  causes: { cause: string; notes: string }[];
  goals: SnapshotGoal[];
};

const fieldLabels: Record<string, string> = {
  standard: "Standard",
  startDate: "Start date",
  endDate: "End date",
  cadenceDays: "Check-in cadence",
  kind: "kind",
  title: "title",
  description: "description",
  impact: "impact",
  occurredOn: "date",
  unit: "unit",
  source: "source",
  metric: "metric",
  direction: "direction",
  baseline: "baseline",
  target: "target",
  measurement: "measurement",
  dueDate: "due date",
  link: "link",
  mentorId: "mentor",
  mentorName: "mentor",
  hoursPerWeek: "hours per week",
  status: "status",
  earlyWin: "early win",
  notes: "notes",
};

const byId = <T extends { id: string }>(items: T[]) =>
  Object.fromEntries(items.map(({ id, ...rest }) => [id, rest]));

/** Lists become maps by id, so removing the second goal does not read as every later goal changing. */
function keyed(s: PlanSnapshot) {
  return {
    standard: s.standard,
    startDate: s.startDate,
    endDate: s.endDate,
    cadenceDays: s.cadenceDays,
    evidence: byId(s.evidence),
    causes: Object.fromEntries(s.causes.map((c) => [c.cause, { notes: c.notes }])),
    goals: Object.fromEntries(
      s.goals.map(({ id, resources, milestones, ...rest }) => [
        id,
        { ...rest, resources: byId(resources), milestones: byId(milestones) },
      ]),
    ),
  };
}

function show(value: unknown, field?: string): string {
  if (value === null || value === undefined || value === "") return "nothing";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (field === "cadenceDays") return `every ${value} days`;
  if (field === "status" && typeof value === "string")
    return labels.resourceStatus[value as keyof typeof labels.resourceStatus] ?? value;
  if (field === "kind" && typeof value === "string")
    return labels.resource[value as keyof typeof labels.resource] ?? value;
  const text = String(value);
  const short = text.length > 80 ? `${text.slice(0, 77)}…` : text;
  const isDate = field === "dueDate" || field === "occurredOn" || field?.endsWith("Date");
  return typeof value === "string" && !isDate ? `"${short}"` : short;
}

function changed(subject: string, field: string, d: Difference): string {
  const label = fieldLabels[field] ?? field;
  const from = "oldValue" in d ? d.oldValue : undefined;
  const to = "value" in d ? d.value : undefined;
  if (field === "startDate" || field === "endDate" || field === "dueDate")
    return `${subject}${label} moved from ${show(from, field)} to ${show(to, field)}`;
  return `${subject}${label} changed from ${show(from, field)} to ${show(to, field)}`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Sentences such as "Goal 2 target changed from 12 to 10", "Evidence 'Late reports' added",
 * "End date moved from 2026-04-20 to 2026-05-04". Empty when nothing changed.
 */
export function describeChanges(before: PlanSnapshot, after: PlanSnapshot): string[] {
  const goalNumber = (id: string) => {
    const i = after.goals.findIndex((g) => g.id === id);
    return i >= 0 ? i + 1 : before.goals.findIndex((g) => g.id === id) + 1;
  };
  const goalOf = (id: string) =>
    after.goals.find((g) => g.id === id) ?? before.goals.find((g) => g.id === id)!;
  const evidenceOf = (id: string) =>
    after.evidence.find((e) => e.id === id) ?? before.evidence.find((e) => e.id === id)!;
  const causeLabel = (c: string) => labels.cause[c as keyof typeof labels.cause] ?? c;

  const sentences: string[] = [];
  for (const d of diff(keyed(before), keyed(after))) {
    const [section, key, field, subKey, subField] = d.path.map(String) as string[];
    if (!section) continue;
    if (section === "standard") {
      sentences.push("The standard was reworded");
    } else if (["startDate", "endDate", "cadenceDays"].includes(section)) {
      sentences.push(changed("", section, d));
    } else if (!key) {
    } else if (section === "evidence") {
      const title = evidenceOf(key).title;
      if (!field)
        sentences.push(`Evidence '${title}' ${d.type === "CREATE" ? "added" : "removed"}`);
      else if (field === "series") sentences.push(`Evidence '${title}' data changed`);
      else if (field === "title" && d.type === "CHANGE")
        sentences.push(`Evidence '${String(d.oldValue)}' renamed to '${String(d.value)}'`);
      else if (field === "description" || field === "impact")
        sentences.push(`Evidence '${title}' ${fieldLabels[field]} was reworded`);
      else sentences.push(changed(`Evidence '${title}' `, field, d));
    } else if (section === "causes") {
      const label = causeLabel(key);
      if (!field)
        sentences.push(`Root cause '${label}' ${d.type === "CREATE" ? "added" : "removed"}`);
      else sentences.push(`Notes on root cause '${label}' changed`);
    } else if (section === "goals") {
      const goal = goalOf(key);
      const n = goalNumber(key);
      if (!field) {
        sentences.push(
          d.type === "CREATE"
            ? `Goal ${n} '${goal.description}' added`
            : `Goal '${goal.description}' removed`,
        );
      } else if (field === "resources" || field === "milestones") {
        if (!subKey) continue;
        const list = field === "resources" ? "resources" : "milestones";
        const item =
          (after.goals.find((g) => g.id === key)?.[list] as { id: string }[] | undefined)?.find(
            (x) => x.id === subKey,
          ) ??
          (before.goals.find((g) => g.id === key)?.[list] as { id: string }[] | undefined)?.find(
            (x) => x.id === subKey,
          );
        const name =
          field === "resources"
            ? `resource '${(item as SnapshotResource | undefined)?.description ?? ""}'`
            : `milestone '${(item as SnapshotMilestone | undefined)?.title ?? ""}'`;
        if (!subField)
          sentences.push(`Goal ${n}: ${name} ${d.type === "CREATE" ? "added" : "removed"}`);
        else if (subField === "mentorId")
          continue; // reported through mentorName
        else sentences.push(changed(`Goal ${n}: ${name} `, subField, d));
      } else if (field === "description") {
        sentences.push(`Goal ${n} was reworded`);
      } else {
        sentences.push(changed(`Goal ${n} `, field, d));
      }
    }
  }
  return [...new Set(sentences.map(capitalise))];
}
