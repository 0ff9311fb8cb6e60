import { describe, expect, it } from "vitest";
import { guidanceCards, handbookArticles } from "./guidance.content.js";
import {
  cardsFor,
  confidenceFalling,
  countsAsNewShowing,
  earlyWinToCelebrate,
  type GoalProgressForGuidance,
  isProhibition,
  publishableFigures,
  readsAsProhibitions,
  standardMissing,
} from "./guidance.rules.js";
import { guidanceMoments } from "./guidance.types.js";

describe("a goal phrased as a prohibition", () => {
  it.each([
    "Don't miss deadlines",
    "Don’t be late to stand-up",
    "dont interrupt colleagues",
    "Do not send quotes without approval",
    "Stop interrupting people in meetings",
    "Stopping the late deliveries",
    "Never miss a customer call",
    "No more missed deadlines",
    "No late arrivals",
    "Avoid rework on invoices",
    "Refrain from sarcasm in code reviews",
    "Not be late",
    "Not be rude to customers",
    "The employee will not be late",
    "The new hire must never skip the checklist",
    "Jane won't miss stand-ups",
    "You should not leave tickets unassigned",
    "Must stop arguing in retros",
    "Please avoid long lunches",
    "No longer hand in reports late",
    "Answer the phone within 3 rings and never let it go to voicemail",
    "Reply to clients; do not copy the whole team",
    "“Don't be negative”",
  ])("“%s” reads as a prohibition", (text) => {
    expect(isProhibition(text)).toBe(true);
  });

  it.each([
    "Resolve customer tickets within 2 working days",
    "Reduce the tickets that do not meet the SLA to under 10%",
    "No more than 2 invoice errors a month",
    "Deliver the report no later than the 3rd working day",
    "Keep response time to not more than 8 hours",
    "Answer every question, no matter how small, within a day",
    "Meet the standard, not just the minimum",
    "Provide non-stop coverage of the support queue",
    "Take notes at every stop of the site visit",
    "Stay on top of the backlog",
    "Publish a weekly update with no exceptions",
    "Understand the notification rules",
    "",
  ])("“%s” does not", (text) => {
    expect(isProhibition(text)).toBe(false);
  });
});

describe("a plan that reads as a list of prohibitions (the reformer's trap)", () => {
  const d = (...texts: string[]) => texts.map((description) => ({ description }));
  it.each([
    ["no goals", d(), false],
    ["only empty goals", d("", "  "), false],
    ["one goal, a prohibition", d("Don't miss deadlines"), true],
    ["one goal, a target", d("Resolve tickets within 2 days"), false],
    ["two of three are don'ts", d("Stop being late", "Never skip QA", "Ship 5 features"), true],
    ["half are don'ts (not most)", d("Stop being late", "Ship 5 features a sprint"), false],
    ["one of three is a don't", d("Never skip QA", "Ship 5 features", "Answer in 1 day"), false],
    ["empty drafts are not counted", d("Never skip QA", "", ""), true],
  ] as const)("%s: %s", (_, goals, expected) => {
    expect(readsAsProhibitions(goals)).toBe(expected);
  });
});

describe("a missing standard (the nice trap)", () => {
  it.each([
    [null, true],
    [undefined, true],
    ["", true],
    ["   ", true],
    ["Be better.", true],
    ["Resolve tickets within 2 working days.", false],
  ] as const)("%j is missing: %s", (standard, expected) => {
    expect(standardMissing(standard)).toBe(expected);
  });
});

describe("an early win to celebrate", () => {
  const goal = (over: Partial<GoalProgressForGuidance> = {}): GoalProgressForGuidance => ({
    goalId: "g1",
    direction: "up",
    points: [],
    milestones: [{ date: "2026-03-16", title: "70% in two weeks", target: 70, earlyWin: true }],
    ...over,
  });
  const today = "2026-03-20";

  it.each([
    ["no check-in yet", goal(), null],
    [
      "the target was reached at a check-in",
      goal({ points: [{ date: "2026-03-16", value: 72, status: "on_track" }] }),
      "2026-03-16",
    ],
    [
      "the target was not reached",
      goal({ points: [{ date: "2026-03-16", value: 65, status: "at_risk" }] }),
      null,
    ],
    [
      "a goal that goes down: reached when at or under the target",
      goal({
        direction: "down",
        milestones: [{ date: "2026-03-16", title: "Under 4 days", target: 4, earlyWin: true }],
        points: [{ date: "2026-03-13", value: 3.5, status: "on_track" }],
      }),
      "2026-03-13",
    ],
    [
      "a milestone that is not an early win",
      goal({
        milestones: [{ date: "2026-03-16", title: "70%", target: 70, earlyWin: false }],
        points: [{ date: "2026-03-16", value: 80, status: "on_track" }],
      }),
      null,
    ],
    [
      "no target: on track at a check-in on or after its date",
      goal({
        milestones: [
          { date: "2026-03-16", title: "Checklist in use", target: null, earlyWin: true },
        ],
        points: [
          { date: "2026-03-09", value: 1, status: "on_track" },
          { date: "2026-03-17", value: 1, status: "met" },
        ],
      }),
      "2026-03-17",
    ],
    [
      "reached too long ago to celebrate now",
      goal({ points: [{ date: "2026-02-20", value: 72, status: "on_track" }] }),
      null,
    ],
  ] as const)("%s", (_, g, reachedOn) => {
    const win = earlyWinToCelebrate({ goals: [g], today });
    expect(win?.reachedOn ?? null).toBe(reachedOn);
    if (win) expect(win).toMatchObject({ goalId: "g1" });
  });

  it("picks the most recent of several early wins", () => {
    const win = earlyWinToCelebrate({
      today,
      goals: [
        goal({ points: [{ date: "2026-03-10", value: 75, status: "on_track" }] }),
        goal({
          goalId: "g2",
          milestones: [{ date: "2026-03-18", title: "First demo", target: 1, earlyWin: true }],
          points: [{ date: "2026-03-18", value: 1, status: "on_track" }],
        }),
      ],
    });
    expect(win).toEqual({ goalId: "g2", title: "First demo", reachedOn: "2026-03-18" });
  });
});

describe("falling confidence", () => {
  it.each([
    [[], false],
    [[3], false],
    [[4, 4], false],
    [[3, 4], false],
    [[4, 3], true],
    [[5, 4, 3], true],
    [[5, 3, 3], true],
    [[5, 4, 4], false],
    [[2, 4, 3], true],
    [[3, 2, 4], false],
    [[5, 5, 3, 3], true],
    [[5, 3, 3, 3], false],
  ] as const)("%j is falling: %s", (ratings, expected) => {
    expect(confidenceFalling(ratings)).toBe(expected);
  });
});

describe("which cards", () => {
  it("gives the cards of a moment, without those the person dismissed", () => {
    expect(cardsFor("plan.start", { cards: guidanceCards }).map((c) => c.id)).toEqual([
      "coaching-first",
    ]);
    expect(cardsFor("plan.start", { cards: guidanceCards, dismissed: ["coaching-first"] })).toEqual(
      [],
    );
    expect(
      cardsFor("plan.evidence", { cards: guidanceCards, dismissed: ["coaching-first"] }).map(
        (c) => c.id,
      ),
    ).toEqual(["impact-not-emotion"]);
  });

  it.each([
    [null, true],
    ["2026-03-01T23:59:00Z", true],
    ["2026-03-02T00:00:00Z", false],
    ["2026-03-02T08:00:00Z", false],
  ] as const)("shown last at %s: counted again on 2 March: %s", (last, expected) => {
    expect(countsAsNewShowing(last ? new Date(last) : null, new Date("2026-03-02T09:00:00Z"))).toBe(
      expected,
    );
  });

  it.each([
    [4, null],
    [5, "published"],
  ] as const)("a card seen by %i people is %s", (peopleShown, expected) => {
    const figures = { peopleShown, timesShown: 9, dismissed: 2, handbookOpened: 1 };
    expect(publishableFigures(figures, 5) ? "published" : null).toBe(expected);
  });
});

describe("the content the team wrote", () => {
  const sentences = (text: string) =>
    text
      .replace(/“[^”]*”/g, "QUOTE")
      .split(/(?<=[.!?])\s+/)
      .filter((s) => s.trim()).length;

  it("has at least one card for every moment, with a unique id", () => {
    for (const m of guidanceMoments) expect(cardsFor(m, { cards: guidanceCards }).length).toBe(1);
    expect(new Set(guidanceCards.map((c) => c.id)).size).toBe(guidanceCards.length);
  });

  it.each(guidanceCards.map((c) => [c.id, c] as const))(
    "card %s is short (at most three sentences) and links to an article that exists",
    (_, card) => {
      expect(card.title.length).toBeLessThanOrEqual(60);
      expect(sentences(card.body)).toBeLessThanOrEqual(3);
      expect(handbookArticles.some((a) => a.slug === card.handbookSlug)).toBe(true);
    },
  );

  it("has the articles other parts of Headway link to, each several sections long", () => {
    const slugs = handbookArticles.map((a) => a.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of ["diagnostic-conversation", "when-someone-wont-engage"])
      expect(slugs).toContain(slug);
    for (const a of handbookArticles) {
      expect(a.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(a.sections.length).toBeGreaterThanOrEqual(4);
      for (const s of a.sections)
        expect(s.paragraphs.length + (s.bullets?.length ?? 0)).toBeGreaterThan(0);
      for (const r of a.related ?? []) expect(slugs).toContain(r);
    }
  });

  it("holds no markup: the page renders text, never HTML", () => {
    const all = JSON.stringify([guidanceCards, handbookArticles]);
    expect(all).not.toMatch(/<[a-z/!]|\*\*|\]\(|&[a-z]+;/i);
  });
});
