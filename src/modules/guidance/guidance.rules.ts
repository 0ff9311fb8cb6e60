import type { GuidanceCard, GuidanceMoment } from "./guidance.types.js";

// When a guidance card applies. Pure: no I/O, no clock (dates are passed in). The web imports
// these too, so the editor and the check-ins decide in the browser when to show a card.

// ---------- the reformer's trap: goals that say what not to do ----------

const MODALS =
  "will|must|should|shall|needs? to|has to|have to|is to|are to|is expected to|are expected to|is going to|are going to";
/**
 * A clause may open with who and a modal before the don't ("The new hire will not…", "Must
 * never…", "To stop…"). Who is up to three words, and only counts before a modal: otherwise
 * "Reduce the tickets that do not meet the SLA" would read as one.
 */
const LEAD = String.raw`(?:(?:[a-z']+\s+){1,3}(?:(?:${MODALS})\s+|(?=(?:won'?t|mustn'?t|shouldn'?t)\b))|(?:${MODALS}|to)\s+)?`;
/**
 * The opening of a prohibition. "No more than 2 errors", "no later than Friday" and "not more
 * than 3" are limits and dates, "no matter how" and "not just" are neither: none of them counts.
 */
const NEGATIVE = [
  "don'?t",
  "do not",
  "does not",
  "doesn'?t",
  "never",
  "stop(?:s|ping)?",
  "avoid(?:s|ing)?",
  "refrain(?:s|ing)?",
  "cease",
  "quit",
  String.raw`no longer(?!\s+than)`,
  String.raw`no more(?!\s+than)`,
  String.raw`no(?!\s+(?:more|less|fewer|later|earlier|sooner|longer|matter|doubt)\b)(?=\s+[a-z])`,
  String.raw`not(?!\s+(?:just|only|more|less|fewer|later|earlier|longer)\b)`,
  "won'?t",
  "mustn'?t",
  "shouldn'?t",
  "can'?t",
  "cannot",
  "under no circumstances",
].join("|");
/** A clause starts the text, or follows punctuation or a joining word. */
const CLAUSE_START = String.raw`(?:^|[.;:!?,\n(]\s*|\s[\u2013\u2014-]\s+|\b(?:and|or|but|also|then)\s+)`;
const PROHIBITION = new RegExp(
  `${CLAUSE_START}\\s*(?:please\\s+)?${LEAD}(?:always\\s+)?(?:${NEGATIVE})\\b`,
  "i",
);

function normalise(text: string): string {
  return (
    text
      .toLowerCase()
      // Curly apostrophes and quotes, as phones and word processors type them.
      .replace(/[\u2018\u2019\u02bc]/g, "'")
      .replace(/[\u201c\u201d"]/g, " ")
      .replace(/\s+/g, " ")
      .trim()
  );
}

/**
 * True when a goal is phrased as something not to do ("Don't miss deadlines", "Stop
 * interrupting", "The employee will not be late"). A negative inside a description of the work
 * ("reduce the tickets that do not meet the SLA") is not a prohibition.
 */
export function isProhibition(description: string): boolean {
  const text = normalise(description);
  if (!text) return false;
  return PROHIBITION.test(text);
}

/**
 * The reformer's trap: most of the plan's goals (more than half of those written) say what not to
 * do, so the plan polices instead of describing what good looks like.
 */
export function readsAsProhibitions(goals: readonly { description: string }[]): boolean {
  const written = goals.filter((g) => g.description.trim() !== "");
  if (written.length === 0) return false;
  const prohibitions = written.filter((g) => isProhibition(g.description)).length;
  return prohibitions * 2 > written.length;
}

// ---------- the nice trap: no standard ----------

/** No standard written yet: empty, or fewer than three words ("Be better."). */
export function standardMissing(standard: string | null | undefined): boolean {
  const words = (standard ?? "").trim().split(/\s+/).filter(Boolean);
  return words.length < 3;
}

// ---------- early wins ----------

export type GoalProgressForGuidance = {
  goalId: string;
  direction: "up" | "down";
  /** Values recorded at held check-ins, oldest first. */
  points: readonly { date: string; value: number; status: string }[];
  milestones: readonly { date: string; title: string; target: number | null; earlyWin: boolean }[];
};

export type EarlyWin = { goalId: string; title: string; reachedOn: string };

/** How long after it was reached an early win is still worth celebrating at a check-in. */
export const EARLY_WIN_FRESH_DAYS = 21;

const daysBetween = (from: string, to: string) =>
  Math.round(
    (Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) /
      86_400_000,
  );

function reached(direction: "up" | "down", value: number, target: number): boolean {
  return direction === "up" ? value >= target : value <= target;
}

/**
 * The early win to celebrate now: an early-win milestone whose target was reached at a held
 * check-in (or, for a milestone without a target, a check-in on or after its date that found the
 * goal on track or met), reached within the last few weeks. The most recent one, or null.
 * Efficacy: a first success, named, rebuilds the confidence a plan depends on.
 */
export function earlyWinToCelebrate({
  goals,
  today,
  freshDays = EARLY_WIN_FRESH_DAYS,
}: {
  goals: readonly GoalProgressForGuidance[];
  today: string;
  freshDays?: number;
}): EarlyWin | null {
  let best: EarlyWin | null = null;
  for (const goal of goals) {
    for (const m of goal.milestones) {
      if (!m.earlyWin) continue;
      const hit = goal.points.find((p) =>
        m.target === null
          ? p.date >= m.date && (p.status === "on_track" || p.status === "met")
          : reached(goal.direction, p.value, m.target),
      );
      if (!hit) continue;
      const age = daysBetween(hit.date, today);
      if (age < 0 || age > freshDays) continue;
      if (!best || hit.date > best.reachedOn)
        best = { goalId: goal.goalId, title: m.title, reachedOn: hit.date };
    }
  }
  return best;
}

// ---------- falling confidence ----------

/**
 * Falling confidence (ratings 1–5, oldest first): the latest rating is lower than the one before,
 * or it has stayed two or more points below where it was two check-ins ago (5, 3, 3).
 * Efficacy: falling confidence comes before falling results, and is the prompt to add support.
 */
export function confidenceFalling(ratings: readonly number[]): boolean {
  const r = ratings.filter((n) => Number.isFinite(n));
  if (r.length < 2) return false;
  const last = r.at(-1)!;
  const previous = r.at(-2)!;
  if (last < previous) return true;
  if (r.length >= 3) {
    const before = r.at(-3)!;
    return last === previous && before - last >= 2;
  }
  return false;
}

// ---------- which cards ----------

/** The cards of a moment the person has not dismissed, in the order they were written. */
export function cardsFor(
  moment: GuidanceMoment,
  context: { cards: readonly GuidanceCard[]; dismissed?: Iterable<string> },
): GuidanceCard[] {
  const dismissed = new Set(context.dismissed ?? []);
  return context.cards.filter((c) => c.moment === moment && !dismissed.has(c.id));
}

/** At most once a day per person and card: is `lastShownAt` a different (UTC) day from `now`? */
export function countsAsNewShowing(lastShownAt: Date | null, now: Date): boolean {
  if (!lastShownAt) return true;
  return lastShownAt.toISOString().slice(0, 10) !== now.toISOString().slice(0, 10);
}

// ---------- figures for L&D ----------

export type CardFigures = {
  peopleShown: number;
  timesShown: number;
  dismissed: number;
  handbookOpened: number;
};

/**
 * A card's figures, or null when fewer than `minPeople` people saw it: small counts could single
 * out a manager ("the one person in Sales who dismissed it"), and guidance is never used against one.
 */
export function publishableFigures(figures: CardFigures, minPeople: number): CardFigures | null {
  return figures.peopleShown >= minPeople ? figures : null;
}
