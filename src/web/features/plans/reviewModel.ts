import type { DraftForReview, ReviewFinding, Severity } from "../../types";
import type { BadgeTone } from "../../ui";
import type { DraftPlan, StepId } from "./editorModel";
import { stepOfPath } from "./editorModel";

// The plan review as the web app reads it: what the editor sends to be reviewed, and where each
// finding belongs on the page. The findings themselves (codes, titles, messages) come from the
// server; nothing here decides what is fair.

const iso = (v: string | null | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
const num = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null);
/** The review is lenient, but not about size: cut what is over its limits instead of failing. */
const cut = (text: string, max: number) => text.slice(0, max);

/**
 * The draft as the review reads it. Half-typed values (an empty date, a milestone without a due
 * date) are left out rather than sent, so the review keeps answering while the manager types.
 */
export function draftForReview(
  d: DraftPlan,
  answeredAt: ReadonlyMap<string, string | null> = new Map(),
): DraftForReview {
  return {
    standard: cut(d.standard, 5000),
    startDate: iso(d.startDate),
    endDate: iso(d.endDate),
    cadenceDays: Math.min(365, Math.max(1, Math.round(d.cadenceDays) || 7)),
    goodFaith: d.goodFaith,
    evidence: d.evidence.slice(0, 50).map((e) => ({
      title: cut(e.title, 200),
      description: cut(e.description, 5000),
      impact: cut(e.impact, 5000),
      answeredAt: (e.id && answeredAt.get(e.id)) || null,
    })),
    causes: d.causes.slice(0, 20).map((c) => ({ cause: c.cause, notes: cut(c.notes, 5000) })),
    goals: d.goals.slice(0, 20).map((g) => ({
      description: cut(g.description, 2000),
      metric: cut(g.metric, 200),
      unit: cut(g.unit, 50),
      direction: g.direction,
      baseline: num(g.baseline),
      target: num(g.target),
      measurement: cut(g.measurement, 2000),
      dueDate: iso(g.dueDate),
      resources: g.resources
        .slice(0, 20)
        .map((r) => ({ kind: r.kind, description: cut(r.description, 2000) })),
      milestones: g.milestones.slice(0, 20).flatMap((m) => {
        const dueDate = iso(m.dueDate);
        return dueDate ? [{ title: cut(m.title, 500), dueDate, target: num(m.target) }] : [];
      }),
    })),
  };
}

/** The editor step a finding is shown on. */
export function stepOfFinding(f: Pick<ReviewFinding, "code" | "path">): StepId {
  if (f.code === "plan.surprise") return "before";
  if (f.code === "plan.no_early_win") return "milestones";
  return stepOfPath(f.path);
}

export const severityLabel: Record<Severity, string> = {
  blocker: "Blocker",
  warning: "Warning",
  info: "Note",
};

export const severityTone: Record<Severity, BadgeTone> = {
  blocker: "danger",
  warning: "warning",
  info: "neutral",
};

const fieldNames: Record<string, string> = {
  description: "wording",
  impact: "impact",
  baseline: "baseline",
  target: "target",
  resources: "support",
};

/** Where a finding points, in words: "Goal 2 · target", "Evidence 1 · impact", "End date". */
export function pathLabel(path: string): string {
  const [head, index, field] = path.split(".");
  const n = index !== undefined && /^\d+$/.test(index) ? Number(index) + 1 : null;
  if (head === "goals" && n !== null)
    return `Goal ${n}${field ? ` · ${fieldNames[field] ?? field}` : ""}`;
  if (head === "evidence" && n !== null)
    return `Evidence ${n}${field ? ` · ${fieldNames[field] ?? field}` : ""}`;
  return (
    {
      standard: "The standard",
      startDate: "Start date",
      endDate: "End date",
      cadenceDays: "Check-ins",
      goodFaith: "Good-faith test",
      causes: "Diagnosis",
      evidence: "Evidence",
      goals: "Goals",
      plan: "The plan as a whole",
    }[path] ?? path
  );
}

/** A stable element id for the review notes of one field. */
export const reviewNoteId = (path: string) => `review-${path.replace(/[^\w-]/g, "-")}`;

/** Findings grouped for a list: open blockers, overridden blockers, warnings, notes. */
export function groupFindings(findings: ReviewFinding[]) {
  return {
    blockers: findings.filter((f) => f.severity === "blocker" && !f.override),
    overridden: findings.filter((f) => f.severity === "blocker" && f.override),
    warnings: findings.filter((f) => f.severity === "warning"),
    notes: findings.filter((f) => f.severity === "info"),
  };
}
