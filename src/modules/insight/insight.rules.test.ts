import { describe, expect, it } from "vitest";
import {
  fisherExactTwoSided,
  listMonths,
  medianOf,
  rateOf,
  resolvePeriod,
  shiftMonths,
  summariseImprovementDays,
  twoProportionZ,
} from "./insight.rules.js";

describe("the period of a report", () => {
  it("defaults to the twelve months up to today", () => {
    expect(resolvePeriod({ today: "2026-03-02" })).toEqual({
      from: "2025-03-02",
      to: "2026-03-02",
      problems: [],
    });
  });

  it("refuses a period that starts after it ends", () => {
    expect(
      resolvePeriod({ from: "2026-02-01", to: "2026-01-01", today: "2026-03-02" }).problems,
    ).toHaveLength(1);
  });

  it("shifts to the month's last day when the month is shorter", () => {
    expect(shiftMonths("2026-03-31", -1)).toBe("2026-02-28");
  });
});

describe("figures", () => {
  it("a rate has no value when there is nothing to divide by", () => {
    expect(rateOf({ count: 0, of: 0 })).toEqual({ count: 0, of: 0, rate: null });
    expect(rateOf({ count: 1, of: 4 })).toEqual({ count: 1, of: 4, rate: 0.25 });
  });

  it("lists every month the period touches, across a year's end", () => {
    expect(listMonths({ from: "2025-11-15", to: "2026-02-01" })).toEqual([
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
    ]);
    expect(listMonths({ from: "2026-02-01", to: "2026-02-28" })).toEqual(["2026-02"]);
  });

  it("the median is the middle value, or the mean of the two middle ones", () => {
    expect(medianOf([])).toBeNull();
    expect(medianOf([95, 24, 56])).toBe(56);
    expect(medianOf([10, 40, 20, 30])).toBe(25);
  });

  it("puts each time to improvement in one bucket, the bounds inclusive", () => {
    const summary = summariseImprovementDays({ days: [30, 31, 60, 61, 90, 91, 200] });
    expect(summary.plans).toBe(7);
    expect(summary.medianDays).toBe(61);
    expect(summary.buckets).toEqual([
      { label: "Up to 30 days", count: 1 },
      { label: "31–60 days", count: 2 },
      { label: "61–90 days", count: 2 },
      { label: "Over 90 days", count: 2 },
    ]);
  });
});

describe("the Fisher exact test", () => {
  // [[3,1],[1,3]]: margins 4,4 / 4,4, N = 8. P(x) = C(4,x)·C(4,4−x)/C(8,4) = C(4,x)²/70:
  // x = 0..4 → 1, 16, 36, 16, 1 (/70). Observed x = 3 (16/70); as likely or less: x = 0, 1, 3, 4
  // → (1 + 16 + 16 + 1)/70 = 34/70 = 0.485714…
  it("matches a small table worked by hand", () => {
    expect(fisherExactTwoSided({ a: 3, b: 1, c: 1, d: 3 })).toBeCloseTo(34 / 70, 12);
  });

  // The lady tasting tea, all four right: x = 4 (1/70); as likely or less: x = 0 and 4 → 2/70.
  it("matches the lady tasting tea", () => {
    expect(fisherExactTwoSided({ a: 4, b: 0, c: 0, d: 4 })).toBeCloseTo(2 / 70, 12);
  });

  // [[1,9],[11,3]]: margins 10,14 / 12,12, N = 24. P(x) = C(12,x)·C(12,10−x)/C(24,10),
  // C(24,10) = 1961256. x = 0..10: C(12,x)·C(12,10−x) = 66, 2640, 32670, 174240, 457380, 627264,
  // 457380, 174240, 32670, 2640, 66. Observed x = 1 (2640); as likely or less: x = 0, 1, 9, 10 →
  // (66 + 2640 + 2640 + 66)/1961256 = 5412/1961256 = 0.0027594…
  it("matches a lopsided table worked by hand", () => {
    expect(fisherExactTwoSided({ a: 1, b: 9, c: 11, d: 3 })).toBeCloseTo(5412 / 1961256, 12);
  });

  it("is 1 for identical groups and for an empty table", () => {
    expect(fisherExactTwoSided({ a: 5, b: 5, c: 5, d: 5 })).toBeCloseTo(1, 12);
    expect(fisherExactTwoSided({ a: 0, b: 0, c: 0, d: 0 })).toBe(1);
  });

  it("stays exact for groups of a hundred thousand", () => {
    const p = fisherExactTwoSided({ a: 500, b: 49_500, c: 500, d: 49_500 });
    expect(p).toBeCloseTo(1, 6);
    expect(fisherExactTwoSided({ a: 700, b: 49_300, c: 500, d: 49_500 })).toBeLessThan(0.001);
  });
});

describe("the two-proportion z statistic", () => {
  // 9/60 against 5/100: pooled 14/160 = 0.0875; se = √(0.0875·0.9125·(1/60 + 1/100))
  // = √(0.07984375 · 0.0266667) = √0.00212917 = 0.0461429; z = 0.10 / 0.0461429 = 2.16718.
  it("matches a pair of groups worked by hand", () => {
    expect(twoProportionZ({ x1: 9, n1: 60, x2: 5, n2: 100 })).toBeCloseTo(2.16718, 4);
    expect(twoProportionZ({ x1: 5, n1: 100, x2: 9, n2: 60 })).toBeCloseTo(-2.16718, 4);
  });

  it("is 0 when nobody (or everybody) in either group has the event", () => {
    expect(twoProportionZ({ x1: 0, n1: 10, x2: 0, n2: 20 })).toBe(0);
    expect(twoProportionZ({ x1: 10, n1: 10, x2: 20, n2: 20 })).toBe(0);
  });

  it("has no value for an empty group", () => {
    expect(twoProportionZ({ x1: 0, n1: 0, x2: 1, n2: 20 })).toBeNull();
  });
});
