// Growth goals, onboarding success plans and documented discussions: the rules, pure. Time is
// passed in as `today` (YYYY-MM-DD); nothing here reads a clock or a database.

import type { OnboardingStageTemplate } from "./growth.table.js";

/** A field-level problem, in the shape of a validation failure's details. */
export type Problem = { path: string; message: string };

const DAY = 86_400_000;
const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

export function addDays(iso: string, days: number): string {
  return new Date(toDate(iso).getTime() + days * DAY).toISOString().slice(0, 10);
}

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

// ---------- growth goals ----------

export const goalStatuses = ["active", "achieved", "dropped"] as const;
export type GoalStatus = (typeof goalStatuses)[number];

/** A goal ends once: achieved or dropped. Nothing reopens it; a new goal starts afresh. */
export function goalTransitionAllowed(from: GoalStatus, to: GoalStatus): boolean {
  return from === to || (from === "active" && to !== "active");
}

/** Ten years is as far as a growth goal can sensibly look. */
export const GOAL_HORIZON_DAYS = 3653;

/** A new due date is today or later: a goal that was due before it was written cannot be met. */
export function dueOnProblems({
  dueOn,
  today,
}: {
  dueOn: string | null;
  today: string;
}): Problem[] {
  if (dueOn === null) return [];
  if (dueOn < today)
    return [{ path: "dueOn", message: `Choose a due date from today (${today}) on.` }];
  if (dueOn > addDays(today, GOAL_HORIZON_DAYS))
    return [{ path: "dueOn", message: "Choose a due date within ten years." }];
  return [];
}

/** The language checker reads what the goal says: its title and what exactly it means. */
export function goalCheckText(goal: { title: string; specific: string }): string {
  return `${goal.title} ${goal.specific}`.trim();
}

export function averageProgress(progress: number[]): number | null {
  if (progress.length === 0) return null;
  return Math.round(progress.reduce((a, b) => a + b, 0) / progress.length);
}

// ---------- onboarding ----------

export const TEMPLATE_LIMITS = {
  stages: 10,
  successLines: 20,
  successLength: 500,
  titleLength: 200,
  nameLength: 200,
  maxDay: 365,
} as const;

/** Checks a template's stages: 1–10 stages on strictly increasing days 1–365, each with a title. */
export function templateProblems(stages: OnboardingStageTemplate[]): Problem[] {
  const problems: Problem[] = [];
  const L = TEMPLATE_LIMITS;
  if (stages.length === 0) problems.push({ path: "stages", message: "Add at least one stage." });
  if (stages.length > L.stages)
    problems.push({ path: "stages", message: `Keep it to ${L.stages} stages or fewer.` });
  stages.forEach((s, i) => {
    const at = `stages.${i}`;
    if (!Number.isInteger(s.day) || s.day < 1 || s.day > L.maxDay)
      problems.push({
        path: `${at}.day`,
        message: `Use a whole day from 1 to ${L.maxDay} after the start.`,
      });
    else if (i > 0 && s.day <= stages[i - 1]!.day)
      problems.push({
        path: `${at}.day`,
        message: `Each stage comes after the one before: use a day after ${stages[i - 1]!.day}.`,
      });
    problems.push(...stageTextProblems(s, at));
  });
  return problems;
}

/** The words of one stage: a title, and at most 20 lines of what success looks like. */
export function stageTextProblems(s: { title: string; success: string[] }, at: string): Problem[] {
  const problems: Problem[] = [];
  const L = TEMPLATE_LIMITS;
  if (s.title.trim() === "") problems.push({ path: `${at}.title`, message: "Name the stage." });
  if (s.title.length > L.titleLength)
    problems.push({
      path: `${at}.title`,
      message: `Keep the title under ${L.titleLength} characters.`,
    });
  if (s.success.length > L.successLines)
    problems.push({
      path: `${at}.success`,
      message: `Keep it to ${L.successLines} lines of what success looks like.`,
    });
  s.success.forEach((line, j) => {
    if (line.trim() === "")
      problems.push({ path: `${at}.success.${j}`, message: "Remove the empty line." });
    if (line.length > L.successLength)
      problems.push({
        path: `${at}.success.${j}`,
        message: `Keep each line under ${L.successLength} characters.`,
      });
  });
  return problems;
}

/**
 * The template used when an organisation has written none: the common 30/60/90-day shape, which
 * says from day one what success looks like (learn, then contribute, then own).
 */
export const defaultTemplate: { name: string; stages: OnboardingStageTemplate[] } = {
  name: "30/60/90-day onboarding",
  stages: [
    {
      day: 30,
      title: "Learn and connect",
      success: [
        "Has met the people they work with most, and knows whom to ask for what.",
        "Can use the team's everyday tools and systems on their own.",
        "Has finished a first small piece of real work, with help.",
        "Knows what is expected in the role and how their work is measured.",
      ],
    },
    {
      day: 60,
      title: "Contribute",
      success: [
        "Takes on the team's regular work, needing less help each week.",
        "Asks for and gives feedback in 1:1s.",
        "Has agreed one or two growth goals with their manager.",
      ],
    },
    {
      day: 90,
      title: "Own",
      success: [
        "Does the team's usual work independently, at the expected quality and pace.",
        "Has owned one piece of work from start to finish.",
        "Can say what is going well and what they want to learn next.",
      ],
    },
  ],
};

/** Onboarding plans start near today: within a year either way. */
export const ONBOARDING_START_WINDOW_DAYS = 365;

export function startDateProblems({
  startDate,
  today,
}: {
  startDate: string | null;
  today: string;
}): Problem[] {
  if (startDate === null)
    return [
      {
        path: "startDate",
        message: "This person has no hire date on record: choose the plan's start date.",
      },
    ];
  const w = ONBOARDING_START_WINDOW_DAYS;
  if (startDate < addDays(today, -w) || startDate > addDays(today, w))
    return [
      {
        path: "startDate",
        message: `Choose a start date within a year of today (${addDays(today, -w)} to ${addDays(today, w)}).`,
      },
    ];
  return [];
}

/** A plan's stages from its template: each is due `day` days after the start. */
export function materialiseStages({
  startDate,
  stages,
}: {
  startDate: string;
  stages: OnboardingStageTemplate[];
}) {
  return stages.map((s) => ({
    day: s.day,
    dueOn: addDays(startDate, s.day),
    title: s.title,
    success: [...s.success],
  }));
}

/** A plan is complete once the manager has checked in at every stage. */
export function onboardingStatus(stageStatuses: string[]): "active" | "completed" {
  return stageStatuses.length > 0 && stageStatuses.every((s) => s === "checked_in")
    ? "completed"
    : "active";
}

// ---------- documented discussions ----------

/** How far back a discussion may be written down, and how far ahead its follow-up may be. */
export const DISCUSSION_PAST_DAYS = 3653;
export const FOLLOW_UP_AHEAD_DAYS = 366;

export function discussionDateProblems({
  occurredOn,
  followUpOn,
  today,
}: {
  occurredOn: string;
  followUpOn: string | null;
  today: string;
}): Problem[] {
  const problems: Problem[] = [];
  if (occurredOn > today)
    problems.push({
      path: "occurredOn",
      message: `Document a discussion once it has happened: today (${today}) or earlier.`,
    });
  else if (occurredOn < addDays(today, -DISCUSSION_PAST_DAYS))
    problems.push({ path: "occurredOn", message: "Choose a date within the last ten years." });
  if (followUpOn !== null) {
    if (followUpOn <= occurredOn)
      problems.push({
        path: "followUpOn",
        message: `Follow up after the discussion: choose a date after ${occurredOn}.`,
      });
    else if (followUpOn > addDays(today, FOLLOW_UP_AHEAD_DAYS))
      problems.push({ path: "followUpOn", message: "Follow up within a year from today." });
  }
  return problems;
}

export const DISCUSSION_ACKNOWLEDGE_MEANING =
  "Acknowledging confirms that you received this record, not that you agree with it. You can still add or change your response in your own words.";
