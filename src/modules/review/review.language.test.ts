import { describe, expect, it } from "vitest";
import {
  domains,
  labelProblems,
  loadGoalStatements,
  scoreLanguage,
} from "../../../bench/review-language.js";
import { checkGoal, checkWording } from "./review.language.js";
import type { LanguageCode } from "./review.types.js";

const codesOf = (text: string) => checkGoal(text).findings.map((f) => f.code);
const has = (text: string, code: LanguageCode) => codesOf(text).includes(code);

describe("checkGoal: verdict", () => {
  it.each([
    "Arrive by 9:00 for every scheduled shift",
    "Speak in every stand-up with a blocker or progress update",
    "Reply to every customer email within 4 business hours",
    "Submit the weekly status report to the manager by 5pm every Friday",
    "Log every call in the CRM before the end of the shift",
    "No more than 2 late submissions per month",
    "Close two deals per month through 30 June",
    "Answer ninety percent of calls within three rings each week",
    "Reach 95% on-time delivery by end of Q2",
    "Hold a 30-minute one-to-one with each direct report every two weeks",
  ])("accepts %s", (text) => {
    const check = checkGoal(text);
    expect(check.verdict).toBe("ok");
    expect(check.findings.filter((f) => f.severity === "warning")).toEqual([]);
  });

  it.each([
    "Be on time",
    "Show more enthusiasm in stand-ups",
    "Improve communication",
    "Be a team player",
    "Never make mistakes",
    "Take more ownership",
    "Increase average deal size",
  ])("flags %s", (text) => {
    expect(checkGoal(text).verdict).toBe("flag");
  });

  it("returns the text it checked", () => {
    expect(checkGoal("Be more positive").text).toBe("Be more positive");
  });

  it("flags an empty goal", () => {
    const check = checkGoal("   ");
    expect(check.verdict).toBe("flag");
    expect(check.findings.map((f) => f.code)).toContain("goal.not_measurable");
  });
});

describe("checkGoal: trait-based", () => {
  it.each([
    "be more positive with customers",
    "Don't be so emotional",
    "Improve your attitude",
    "Be more likable",
    "Be a team player",
    "Show more enthusiasm in stand-ups",
    "Stop being so negative about the rota",
    "Speak more confidently in client meetings",
    "Be on time. Be positive.",
  ])("flags %s as trait-based", (text) => {
    expect(has(text, "goal.trait_based")).toBe(true);
    expect(checkGoal(text).verdict).toBe("flag");
  });

  it.each([
    "Reply to every negative review within 24 hours",
    "Escalate every complaint from an unhappy customer to the duty manager within 1 hour",
    "Speak in every stand-up with a blocker or progress update",
    "Chart vital signs for every assigned patient within 30 minutes",
  ])("does not call %s trait-based", (text) => {
    expect(has(text, "goal.trait_based")).toBe(false);
  });

  it("stays trait-based when a number is attached to a trait", () => {
    const check = checkGoal("Be more confident, presenting at least 2 times per month");
    expect(check.verdict).toBe("flag");
    expect(check.findings.map((f) => f.code)).toEqual(["goal.trait_based"]);
  });

  it("suggests a behavioural rewrite for 'be more positive with customers'", () => {
    const finding = checkGoal("be more positive with customers").findings.find(
      (f) => f.code === "goal.trait_based",
    );
    expect(finding?.severity).toBe("warning");
    expect(finding?.message).toMatch(/trait/);
    expect(finding?.suggestion).toMatch(/customer/i);
    expect(finding?.suggestion).toMatch(/\d/);
  });
});

describe("checkGoal: vague", () => {
  it.each([
    "Take more ownership",
    "Be the go-to expert for the team",
    "Improve communication",
    "Be on time",
    "Be more proactive",
    "Step up technically",
  ])("flags %s as vague", (text) => {
    expect(has(text, "goal.vague")).toBe(true);
  });

  it.each([
    "Improve communication by sending each client a written recap within one day of every meeting",
    "Arrive by 9:00 for every scheduled shift",
  ])("does not call %s vague once it names a checkable act", (text) => {
    expect(has(text, "goal.vague")).toBe(false);
    expect(checkGoal(text).verdict).toBe("ok");
  });
});

describe("checkGoal: measurable", () => {
  it.each([
    ["a numeral", "Make 60 outbound calls per day"],
    ["a number in words", "Close two new deals each quarter"],
    ["a dozen", "Close a dozen new deals each quarter"],
    ["a percentage", "Keep order accuracy at 99.5% each week"],
    ["a percentage in words", "Resolve ninety percent of tickets on first contact"],
    ["money", "Generate $250,000 in new pipeline by 31 March"],
    ["a bound under negation", "No more than 2 late submissions per month"],
    ["a duration as a target", "Keep average handle time under 7 minutes"],
    [
      "a deliverable with a deadline",
      "Deliver the search API endpoint with integration tests by 20 May",
    ],
    ["an act on every case", "Log every call in the CRM before the end of the shift"],
  ])("counts %s as measurable", (_, text) => {
    expect(has(text, "goal.not_measurable")).toBe(false);
  });

  it.each([
    "Increase average deal size",
    "Answer chats faster",
    "Be on time",
    "Never make mistakes",
    "Improve communication within 30 days",
    "Always follow procedures",
  ])("finds nothing to count in %s", (text) => {
    expect(has(text, "goal.not_measurable")).toBe(true);
  });

  it("suggests a baseline and target for a change with no number", () => {
    const finding = checkGoal("Increase average deal size").findings.find(
      (f) => f.code === "goal.not_measurable",
    );
    expect(finding?.suggestion).toContain("Increase average deal size from");
  });
});

describe("checkGoal: time-bound (advisory)", () => {
  it.each([
    ["a date", "Complete the de-escalation course by 15 April"],
    ["a quarter", "Raise the conversion rate from 20% to 30% by end of Q2"],
    ["a period", "Complete the backlog within 30 days"],
    ["a weekday", "Submit the status report every Friday"],
    ["a frequency word", "Send a weekly update to the team"],
    ["a shift", "Balance the till at the close of every shift"],
    ["a sprint", "Close at least 5 bugs each sprint"],
    ["a rate unit", "Make 60 calls a day"],
  ])("finds %s", (_, text) => {
    expect(has(text, "goal.not_time_bound")).toBe(false);
  });

  it("notes a missing time without flagging a measurable goal", () => {
    const check = checkGoal("Tag every closed ticket with a root-cause category");
    const finding = check.findings.find((f) => f.code === "goal.not_time_bound");
    expect(finding?.severity).toBe("info");
    expect(check.verdict).toBe("ok");
  });
});

describe("checkGoal: absolute", () => {
  it.each([
    "Never make mistakes",
    "Always answer the phone within three rings",
    "Have zero customer complaints this quarter",
    "Make no medication errors this month",
    "Don't miss any deadlines this quarter",
    "Maintain 100% accuracy on invoices",
    "Keep the till staffed at all times",
  ])("flags %s as absolute", (text) => {
    expect(has(text, "goal.absolute")).toBe(true);
  });

  it.each([
    "No more than 2 late submissions per month",
    "Do not exceed 4 late arrivals per quarter",
    "Reassess pain no later than one hour after giving analgesia",
    "Reach 110% of the quarterly quota by 30 September",
    "Reply to every customer email within 4 business hours",
  ])("does not call %s absolute", (text) => {
    expect(has(text, "goal.absolute")).toBe(false);
  });

  it("warns on an absolute bar without flagging a goal that can be counted", () => {
    const check = checkGoal("Have zero safety incidents this quarter");
    expect(check.findings.map((f) => [f.code, f.severity])).toEqual([["goal.absolute", "warning"]]);
    expect(check.verdict).toBe("ok");
  });
});

describe("checkGoal: findings", () => {
  it.each([
    "be more positive with customers",
    "Improve communication",
    "Never make mistakes",
    "Increase average deal size",
    "Show more drive",
  ])("gives every finding for %s a message and a suggestion", (text) => {
    const { findings } = checkGoal(text);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.message.trim().length).toBeGreaterThan(10);
      expect(f.suggestion.trim().length).toBeGreaterThan(10);
      expect(f.severity).toBe(f.code === "goal.not_time_bound" ? "info" : "warning");
    }
  });
});

describe("checkWording", () => {
  it.each([
    ["He is lazy and rude to customers", ["lazy", "rude"]],
    ["She lazily copied the figures and her laziness cost us the deal", ["lazily", "laziness"]],
    [
      "Sloppy work, careless mistakes and an attitude problem",
      ["Sloppy", "careless", "attitude problem"],
    ],
    ["She was hysterical and dramatic in the meeting", ["hysterical", "dramatic"]],
    ["Clueless about the product and incompetent", ["Clueless", "incompetent"]],
    ["He sent an aggressive email to the supplier", ["aggressive"]],
    ["He was disrespectful to the client", ["disrespectful"]],
    ["Got very emotional during the review", ["emotional"]],
  ])("flags the judgemental words in %s", (text, words) => {
    const findings = checkWording(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.code).toBe("wording.judgemental");
    expect(findings[0]?.severity).toBe("warning");
    expect(findings[0]?.words).toEqual(words);
    expect(findings[0]?.suggestion).toMatch(/situation.*behaviour.*impact/s);
  });

  it.each([
    "Missed the 12 May deadline for the Q2 report; the client invoice went out 3 days late",
    "Sales dropped dramatically in March",
    "The team agreed an aggressive timeline for the Q3 launch",
    "Emotional support resources were offered on 4 June",
    "Interrupted the client twice in the 3 May call; they asked for a new account manager",
  ])("accepts the factual %s", (text) => {
    expect(checkWording(text)).toEqual([]);
  });
});

describe("the labelled goal statements", () => {
  const rows = loadGoalStatements();

  it("are well-formed, with verdicts that follow from the codes", () => {
    expect(labelProblems(rows)).toEqual([]);
  });

  it("have at least 200 rows, 20 per domain and both splits", () => {
    expect(rows.length).toBeGreaterThanOrEqual(200);
    for (const d of domains) {
      expect(rows.filter((r) => r.domain === d).length, d).toBeGreaterThanOrEqual(20);
    }
    const holdout = rows.filter((r) => r.split === "holdout").length;
    expect(holdout).toBeGreaterThan(0);
    expect(rows.length - holdout).toBeGreaterThan(0);
    expect(holdout / rows.length).toBeGreaterThanOrEqual(0.25);
  });

  it("keep holdout recall of 'flag' at 0.90 or above and precision at 0.85 or above", () => {
    const { verdict } = scoreLanguage(rows.filter((r) => r.split === "holdout"));
    expect(verdict.recall).toBeGreaterThanOrEqual(0.9);
    expect(verdict.precision).toBeGreaterThanOrEqual(0.85);
  });
});
