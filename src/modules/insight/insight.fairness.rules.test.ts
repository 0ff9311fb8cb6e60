import { describe, expect, it } from "vitest";
import { assessFairness, findHiddenGroups, showCount } from "./insight.fairness.rules.js";

// THE WORKED EXAMPLE, computed by hand.
//
// Group A: 100 people, 5 placed on a plan in the period.  Group B: 60 people, 9 placed.
//
// Rates:      A = 5/100 = 0.05            B = 9/60 = 0.15
// Reference:  A (the lowest placement rate: placed least often, the most favoured group).
// Ratios:     A = 0.05/0.05 = 1           B = 0.05/0.15 = 1/3 = 0.3333…  → B fails (< 0.8);
//             in other words B is placed 3 times as often as A.
//
// z (B against A), pooled:
//   p̂ = (9 + 5)/(60 + 100) = 14/160 = 0.0875
//   p̂(1 − p̂) = 0.0875 × 0.9125 = 0.07984375
//   1/60 + 1/100 = 0.0166667 + 0.01 = 0.0266667
//   se = √(0.07984375 × 0.0266667) = √0.00212917 = 0.0461429
//   z = (0.15 − 0.05)/0.0461429 = 2.16718
//
// Fisher (B against A), table [[9, 51], [5, 95]]; margins: rows 60 and 100, placed 14, N = 160.
// With the margins fixed, X = placed people in B is hypergeometric:
//   P(X = x) = C(14, x)·C(146, 60 − x)/C(160, 60)
//   P(0) = C(146, 60)/C(160, 60) = (100·99·…·87)/(160·159·…·147) = 0.0009600
//   P(x + 1) = P(x) · (14 − x)(60 − x) / ((x + 1)(87 + x))
//   x:     0         1         2         3         4         5         6         7
//   P: 0.0009600 0.0092692 0.0403948 0.1052988 0.1833955 0.2257175 0.2024097 0.1343180
//   x:     8         9        10        11        12        13        14
//   P: 0.0662659 0.0241812 0.0064231 0.0012040 0.0001505 0.0000112 0.0000004
// Observed x = 9, P = 0.0241812. Two-sided p = the sum of every P no larger than that:
//   x = 0, 1, 9, 10, 11, 12, 13, 14:
//   0.0009600 + 0.0092692 + 0.0241812 + 0.0064231 + 0.0012040 + 0.0001505 + 0.0000112
//   + 0.0000004 = 0.0421997  → under 0.05: significant.
const workedExample = {
  groups: [
    { group: "B", people: 60, placed: 9 },
    { group: "A", people: 100, placed: 5 },
  ],
};

describe("fairness: the worked example", () => {
  const [a, b] = assessFairness({ groups: workedExample.groups, minGroupSize: 5 });

  it("lists the groups by name with their people, placements and rates", () => {
    expect([a!.group, b!.group]).toEqual(["A", "B"]);
    expect(a).toMatchObject({ people: 100, placed: 5, suppressed: false });
    expect(b).toMatchObject({ people: 60, placed: 9, suppressed: false });
    expect(a!.rate).toBeCloseTo(0.05, 12);
    expect(b!.rate).toBeCloseTo(0.15, 12);
  });

  it("takes the group placed least often as the reference, at a ratio of 1 that passes", () => {
    expect(a).toMatchObject({
      reference: true,
      impactRatio: 1,
      fourFifthsFails: false,
      z: null,
      pValue: null,
      significant: false,
    });
    expect(b!.reference).toBe(false);
  });

  it("gives the other group a ratio of one third, failing the four-fifths rule", () => {
    expect(b!.impactRatio).toBeCloseTo(1 / 3, 10);
    expect(b!.fourFifthsFails).toBe(true);
  });

  it("finds the difference significant: z = 2.167, Fisher p = 0.0422", () => {
    expect(b!.z).toBeCloseTo(2.16718, 4);
    expect(b!.pValue).toBeCloseTo(0.0421997, 6);
    expect(b!.significant).toBe(true);
  });
});

describe("fairness: the four-fifths line", () => {
  it("a ratio of exactly 0.8 passes, just under fails", () => {
    // Reference 8/100 = 0.08; 10/100 = 0.10 → 0.08/0.10 = 0.8 exactly: passes.
    const [ref, at] = assessFairness({
      groups: [
        { group: "Ref", people: 100, placed: 8 },
        { group: "Ten", people: 100, placed: 10 },
      ],
      minGroupSize: 5,
    });
    expect(ref!.reference).toBe(true);
    expect(at!.impactRatio).toBeCloseTo(0.8, 12);
    expect(at!.fourFifthsFails).toBe(false);
    // 11/100 → 0.08/0.11 = 0.727…: fails.
    const eleven = assessFairness({
      groups: [
        { group: "Ref", people: 100, placed: 8 },
        { group: "Eleven", people: 100, placed: 11 },
      ],
      minGroupSize: 5,
    }).find((g) => g.group === "Eleven")!;
    expect(eleven.impactRatio).toBeCloseTo(8 / 11, 12);
    expect(eleven.fourFifthsFails).toBe(true);
  });

  it("a group nobody in was placed has a ratio of 1 and is the reference", () => {
    const groups = assessFairness({
      groups: [
        { group: "None", people: 20, placed: 0 },
        { group: "Some", people: 20, placed: 4 },
      ],
      minGroupSize: 5,
    });
    expect(groups[0]).toMatchObject({ group: "None", reference: true, impactRatio: 1, rate: 0 });
    expect(groups[1]).toMatchObject({ impactRatio: 0, fourFifthsFails: true });
  });
});

describe("fairness: suppression", () => {
  it("hides a group smaller than the minimum and, so it cannot be worked out, the next smallest", () => {
    const groups = [
      { group: "A", people: 100, placed: 5 },
      { group: "B", people: 60, placed: 9 },
      { group: "C", people: 4, placed: 1 },
    ];
    expect([...findHiddenGroups({ groups, minGroupSize: 5 })].sort()).toEqual(["B", "C"]);
    const assessed = assessFairness({ groups, minGroupSize: 5 });
    expect(assessed.map((g) => [g.group, g.suppressed])).toEqual([
      ["A", false],
      ["B", true],
      ["C", true],
    ]);
    for (const hidden of assessed.filter((g) => g.suppressed))
      expect(hidden).toMatchObject({
        people: null,
        placed: null,
        rate: null,
        impactRatio: null,
        z: null,
        pValue: null,
        fourFifthsFails: false,
        significant: false,
        reference: false,
      });
    expect(assessed[0]).toMatchObject({ reference: true, impactRatio: 1 });
  });

  it("hides no more when two groups are already hidden", () => {
    const groups = [
      { group: "A", people: 100, placed: 5 },
      { group: "B", people: 60, placed: 9 },
      { group: "C", people: 4, placed: 1 },
      { group: "D", people: 3, placed: 0 },
    ];
    expect([...findHiddenGroups({ groups, minGroupSize: 5 })].sort()).toEqual(["C", "D"]);
  });

  it("follows the organisation's minimum, not five", () => {
    const groups = [
      { group: "A", people: 100, placed: 5 },
      { group: "B", people: 60, placed: 9 },
      { group: "C", people: 40, placed: 2 },
    ];
    expect([...findHiddenGroups({ groups, minGroupSize: 50 })].sort()).toEqual(["B", "C"]);
    expect(findHiddenGroups({ groups, minGroupSize: 40 }).size).toBe(0);
  });

  it("shows the count of people with nothing recorded only from the minimum up", () => {
    expect(showCount({ count: 4, minGroupSize: 5 })).toBeNull();
    expect(showCount({ count: 5, minGroupSize: 5 })).toBe(5);
  });
});
