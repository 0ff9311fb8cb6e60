// Life after a plan: the growth plan that carries on from a plan whose goals were met, and the
// seal on that plan. Pure: `now` and `today` are passed in; nothing here reads a clock or a database.

import { addDays, dueOnProblems, type Problem } from "../growth/growth.rules.js";

const DAY_MS = 86_400_000;

/** At most this many growth goals carry on from one plan (as many as a plan may have goals). */
export const MAX_CARRY_ON_GOALS = 5;

/** How long (days) the manager who ran a sealed plan may still open it, at most two years. */
export const MAX_SEALED_MANAGER_DAYS = 730;

/** How far ahead a carried-on goal is due by default: a quarter, and half a year for skills. */
export const CARRY_ON_DUE_DAYS = 90;
export const NEXT_SKILLS_DUE_DAYS = 180;

/** The manager who ran a sealed plan keeps access until then (0 days: never after it closed). */
export function sealedManagerUntil(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY_MS);
}

/** A goal of the growth plan that carries on from a plan: what the close dialog shows and edits. */
export type CarryOnGoal = {
  title: string;
  specific: string;
  measure: string;
  dueOn: string | null;
};

type PlanGoalForCarryOn = {
  description: string;
  metric: string;
  unit: string;
  direction: "up" | "down";
  target: number | null;
  measurement: string;
};

/** A metric's name inside a sentence: "Median turnaround" reads "median turnaround"; "NPS" stays. */
const inSentence = (name: string) =>
  /^[A-Z][a-z]/.test(name) ? `${name[0]!.toLowerCase()}${name.slice(1)}` : name;

const clip = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;

/**
 * The growth plan a manager is offered when a plan closes with its goals met: keep each goal's
 * level ("Keep <metric> at <target> or better"), then the next skills, named from the catalogue
 * resources the plan used. What was reached is kept, and growth goes on from there: the person
 * leaves the plan with goals that look forward, not with a plan hanging over them.
 */
export function carryOnGoals({
  goals,
  skills,
  today,
}: {
  goals: PlanGoalForCarryOn[];
  skills: string[];
  today: string;
}): CarryOnGoal[] {
  const uniqueSkills = [...new Set(skills.map((s) => s.trim().toLowerCase()).filter(Boolean))];
  const keep = goals.map((g): CarryOnGoal => {
    const what = g.metric.trim() || g.description.trim();
    const level =
      g.target === null ? null : `${g.target}${g.unit.trim() ? ` ${g.unit.trim()}` : ""} or better`;
    return {
      title: clip(level ? `Keep ${inSentence(what)} at ${level}` : `Keep up: ${what}`, 200),
      specific: clip(g.description.trim(), 2000),
      measure: clip(g.measurement.trim(), 2000),
      dueOn: addDays(today, CARRY_ON_DUE_DAYS),
    };
  });
  const next: CarryOnGoal[] = uniqueSkills.length
    ? [
        {
          title: clip(`Next skills: ${uniqueSkills.join(", ")}`, 200),
          specific: clip(
            `Take the next step in ${uniqueSkills.join(", ")}, building on the courses and support from the success plan.`,
            2000,
          ),
          measure: "Agreed together in 1:1s: what you can now do that you could not before.",
          dueOn: addDays(today, NEXT_SKILLS_DUE_DAYS),
        },
      ]
    : [];
  return [...keep.slice(0, MAX_CARRY_ON_GOALS - next.length), ...next];
}

/** Problems with carried-on goals as the manager wrote them (the shapes are checked by the schema). */
export function carryOnProblems(goals: CarryOnGoal[], today: string): Problem[] {
  const problems: Problem[] = [];
  if (goals.length > MAX_CARRY_ON_GOALS)
    problems.push({
      path: "growthGoals",
      message: `Keep to at most ${MAX_CARRY_ON_GOALS} growth goals; more can be added later.`,
    });
  goals.forEach((g, i) => {
    for (const p of dueOnProblems({ dueOn: g.dueOn, today }))
      problems.push({ ...p, path: `growthGoals.${i}.${p.path}` });
  });
  return problems;
}

/** The seal's period for the manager must be a whole number of days from 0 to 730. */
export function managerDaysProblems(days: unknown): Problem[] {
  if (
    typeof days !== "number" ||
    !Number.isInteger(days) ||
    days < 0 ||
    days > MAX_SEALED_MANAGER_DAYS
  )
    return [
      {
        path: "managerDays",
        message: `Enter a whole number of days from 0 to ${MAX_SEALED_MANAGER_DAYS}.`,
      },
    ];
  return [];
}
