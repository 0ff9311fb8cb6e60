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

type Verdict = "ok" | "flag";

describe("checkGoal: a number counts only as a quantity of the goal", () => {
  it.each<[string, Verdict]>([
    ["Reduce downtime on line 3", "flag"],
    ["Reduce scrap on press 4", "flag"],
    ["Speed up ticket triage in queue 3", "flag"],
    ["Be a 10x engineer", "flag"],
    ["Give 110% on every shift", "flag"],
    ["Be 100% committed on every shift", "flag"],
    ["Deliver a five-star experience to everyone who contacts us", "flag"],
    ["Deliver a 10 out of 10 service", "flag"],
    ["Be the number one rep in the region", "flag"],
    ["Never make the same mistake twice", "flag"],
    ["Cut unplanned downtime on line 3 to under 2 hours per week by the end of Q3", "ok"],
    ["Escalate every billing dispute to tier 2 within 30 minutes", "ok"],
    ["Pass the level 2 food hygiene certificate by 31 May", "ok"],
    ["Cut the docker image from 1.2 GB to under 400 MB by sprint 14", "ok"],
    ["Reach 110% of the quarterly quota by 30 September", "ok"],
    ["Finish in the top 10% of the region for NPS this quarter", "ok"],
    ["Get at least 15 five-star reviews on Google this quarter", "ok"],
    ["Keep the controlled-drugs register 100% accurate at each weekly count", "ok"],
    ["Meet with the CFO once a quarter to review the budget", "ok"],
  ])("%s → %s", (text, verdict) => {
    expect(checkGoal(text).verdict).toBe(verdict);
  });
});

describe("checkGoal: a change of level needs a target", () => {
  it.each<[string, Verdict]>([
    ["Reduce downtime", "flag"],
    ["Cut down on customers having to contact us twice about the same problem", "flag"],
    ["Increase upsell revenue from existing accounts in H2", "flag"],
    ["Boost conversion on the pricing page", "flag"],
    ["Get deployment times down", "flag"],
    ["Make fewer picking errors", "flag"],
    ["Respond to inbound leads more quickly", "flag"],
    ["Fewer errors in the monthly report", "flag"],
    ["Boost conversion on the pricing page from 2.1% to 3% by 31 August", "ok"],
    ["Lower missed appointments to fewer than 5 per clinic per month", "ok"],
    ["Cut agency spend on the ward by £4000 a month by March", "ok"],
    ["Double the number of referrals from existing clients by year end", "ok"],
    ["Reduce average time to first reply from 6 hours to 3 hours by the end of Q1", "ok"],
    ["csat better than 90% on returned surveys, measured monthly", "ok"],
  ])("%s → %s", (text, verdict) => {
    expect(checkGoal(text).verdict).toBe(verdict);
  });

  it("reports a change with no target as not measurable, not vague", () => {
    expect(codesOf("Reduce pressure injuries on the unit")).toEqual([
      "goal.not_measurable",
      "goal.not_time_bound",
    ]);
  });
});

describe("checkGoal: an absolute is checkable only over a concrete act or event", () => {
  it.each<[string, Verdict]>([
    ["Always go the extra mile", "flag"],
    ["Always put patients first", "flag"],
    ["Never make a customer feel ignored", "flag"],
    ["Always be alert on the forklift", "flag"],
    ["Always keep the customer happy", "flag"],
    ["Never upset a customer", "flag"],
    ["Always treat patients with dignity", "flag"],
    ["Never drop the ball on client requests", "flag"],
    ["Never leave the till unattended", "ok"],
    ["Always log the call outcome in the CRM before ending the call", "ok"],
    ["Never push directly to the main branch", "ok"],
    ["Never leave a vulnerable patient alone in the bathroom", "ok"],
    ["Always scan the patient wristband before giving any medication", "ok"],
    ["Zero escalations from unhappy customers", "ok"],
  ])("%s → %s", (text, verdict) => {
    const check = checkGoal(text);
    expect(check.verdict).toBe(verdict);
    expect(check.findings.map((f) => f.code)).toContain("goal.absolute");
  });
});

describe("checkGoal: idioms, hype and figures of speech are vague", () => {
  it.each([
    "Hit the ground running in your new territory",
    "Bring your A-game to every client pitch",
    "Move the needle on customer retention this year",
    "crush the number this year",
    "Make the window displays pop every week",
    "Level up your troubleshooting skills this quarter",
    "Create a wow experience for every shopper",
    "Be a rockstar on the support team",
    "Get the team to buy into the new WMS",
    "Keep all the plates spinning on the ward",
  ])("flags %s as vague", (text) => {
    const check = checkGoal(text);
    expect(check.verdict).toBe("flag");
    expect(check.findings.map((f) => f.code)).toContain("goal.vague");
  });

  it.each([
    "Complete the 'Raise the Bar' customer service module by 30 April",
    "Deliver the level-up training to the 6 new starters by 15 March",
  ])("reads a quoted or named idiom as a name: %s", (text) => {
    expect(checkGoal(text).verdict).toBe("ok");
  });
});

describe("checkGoal: identity goals", () => {
  it.each([
    "Be a role model for the newly qualified nurses",
    "Be a one-stop shop for your accounts",
    "Become the subject-matter expert on payroll",
    "Be the face of the store",
    "Be a top performer on the team",
  ])("flags %s as vague", (text) => {
    expect(has(text, "goal.vague")).toBe(true);
  });

  it.each([
    "Become a certified Scrum Master by 31 October",
    "Be at your station and logged in by 8:55 every shift",
    "Be in the office at least 3 days a week",
  ])("accepts %s: a credential, a place or a count can be checked", (text) => {
    expect(checkGoal(text).verdict).toBe("ok");
  });
});

describe("checkGoal: traits are read from the parse, not from any word", () => {
  it.each([
    "Be more personable with at least 20 customers a day",
    "Show more energy on your 50 daily dials",
    "Handle conflict on the team more maturely",
    "Be less of a perfectionist",
    "Have a can-do spirit when overtime is needed",
    "Bring 10x energy to every sales call",
    "Come across as more confident to clients",
    "Stop getting flustered when the unit is busy",
    "Treat every patient with kindness",
  ])("flags %s as trait-based", (text) => {
    expect(has(text, "goal.trait_based")).toBe(true);
    expect(checkGoal(text).verdict).toBe("flag");
  });

  it.each([
    "Attend the compassionate communication study day on 14 May",
    "Fix the 'aggressive retry' bug in the sync worker in time for the 12 April release",
    "Attach a loyalty sign-up to 15% of transactions each week",
    "Attend the resilience training workshop on 3 October",
    "Meet 90% of your sprint commitments each sprint",
    "Complete the Positive Behaviour Support training by 20 March",
    "Hit a mystery shopper score of 90% for warmth of greeting this quarter",
  ])("does not read a trait word that names something as a trait: %s", (text) => {
    expect(has(text, "goal.trait_based")).toBe(false);
    expect(checkGoal(text).verdict).toBe("ok");
  });

  it("keeps a number in its own clause measurable, but still flags the trait", () => {
    const text = "Stay positive with customers while keeping AHT under 6 minutes each week";
    expect(codesOf(text)).toEqual(["goal.trait_based"]);
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

  it("have at least 200 rows, 20 per domain", () => {
    expect(rows.length).toBeGreaterThanOrEqual(200);
    for (const d of domains) {
      expect(rows.filter((r) => r.domain === d).length, d).toBeGreaterThanOrEqual(20);
    }
    expect(rows.filter((r) => r.split === "tune").length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.split === "holdout").length).toBeGreaterThanOrEqual(100);
  });

  // The held-out statements were written blind (by someone who had not seen the checker) and
  // measured once; the checker was never tuned on them. This keeps the figure from sliding.
  it("keep held-out recall of 'flag' at 0.90 or above and precision at 0.85 or above", () => {
    const { verdict } = scoreLanguage(rows.filter((r) => r.split === "holdout"));
    expect(verdict.recall).toBeGreaterThanOrEqual(0.9);
    expect(verdict.precision).toBeGreaterThanOrEqual(0.85);
  });

  it("keep tune recall of 'flag' at 0.95 or above and precision at 0.90 or above", () => {
    const { verdict } = scoreLanguage(rows.filter((r) => r.split === "tune"));
    expect(verdict.recall).toBeGreaterThanOrEqual(0.95);
    expect(verdict.precision).toBeGreaterThanOrEqual(0.9);
  });
});
