import type {
  FairnessGroup,
  InsightSection,
  RiskFlag,
} from "../../../modules/insight/insight.types";
import type { BadgeTone } from "../../ui";

// Words and numbers of the dashboards, as HR and L&D read them.

export const sectionLabel: Record<InsightSection, string> = {
  outcomes: "Outcomes",
  causes: "Causes and support",
  coaching: "Coaching health",
  risk: "Risk",
  fairness: "Fairness",
};

export const riskFlagLabel: Record<RiskFlag, string> = {
  open_blockers: "Review blockers still open",
  overridden_findings: "Findings overridden by HR",
  retaliation_window: "Opened soon after a protected activity",
  overdue_checkins: "Check-ins overdue",
  unanswered_clarifications: "Questions left unanswered",
};

/** Shorter words for the chart's axis, where space is tight. */
export const riskFlagShort: Record<RiskFlag, string> = {
  open_blockers: "Blockers open",
  overridden_findings: "Overridden findings",
  retaliation_window: "Retaliation window",
  overdue_checkins: "Overdue check-ins",
  unanswered_clarifications: "Unanswered questions",
};

export const riskFlagTone: Record<RiskFlag, BadgeTone> = {
  open_blockers: "danger",
  overridden_findings: "warning",
  retaliation_window: "danger",
  overdue_checkins: "warning",
  unanswered_clarifications: "warning",
};

const attributeNames: Record<string, string> = {
  gender: "Gender",
  age_band: "Age band",
  ethnicity: "Ethnicity",
  disability: "Disability",
};

/** "age_band" → "Age band"; unknown attributes read the same way. */
export function attributeLabel(attribute: string): string {
  const known = attributeNames[attribute];
  if (known) return known;
  const words = attribute.replace(/[_-]+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : attribute;
}

/** A share as a percentage: whole numbers, one decimal under 10% so 5–10% stays readable. */
export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return "—";
  // Rounded to a tenth first, so 0.07 (7.000000000000001 × 100) reads "7%".
  const value = Math.round(rate * 1000) / 10;
  if (value < 10 && !Number.isInteger(value)) return `${value.toFixed(1)}%`;
  return `${Math.round(value)}%`;
}

/** A number for a table cell, or a dash when there is none. */
export function figure(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined) return "—";
  return digits ? value.toFixed(digits) : String(Math.round(value));
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A p-value as people read it: "below 0.001", three decimals near 0.05, else two. */
export function pValueText(p: number): string {
  if (p < 0.001) return "below 0.001";
  return p < 0.1 ? p.toFixed(3) : p.toFixed(2);
}

/** "2026-03" → "Mar 2026". */
export function monthLabel(month: string): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return month;
  return new Intl.DateTimeFormat("en-GB", {
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(d);
}

export const INDUSTRY_TEXT = "5–10%";

/**
 * The rate above which a group fails the four-fifths rule: the lowest rate ÷ 0.8. Taken from the
 * report's own impact ratios (lowest ÷ rate), so the line agrees with the flags.
 */
export function fourFifthsLine(groups: FairnessGroup[]): number | null {
  for (const g of groups)
    if (g.impactRatio !== null && g.rate !== null && g.rate > 0)
      return (g.impactRatio * g.rate) / 0.8;
  return null;
}
