import { describe, expect, it } from "vitest";
import type { FairnessGroup } from "../../../modules/insight/insight.types";
import { attributeLabel, fourFifthsLine, monthLabel, percent, pValueText } from "./labels";

const group = (over: Partial<FairnessGroup>): FairnessGroup => ({
  group: "A",
  people: 10,
  placed: 1,
  rate: 0.1,
  impactRatio: 1,
  fourFifthsFails: false,
  z: null,
  pValue: null,
  significant: false,
  reference: false,
  suppressed: false,
  ...over,
});

describe("the numbers of the dashboards, as people read them", () => {
  it.each([
    [null, "—"],
    [0, "0%"],
    [0.075, "7.5%"],
    [0.05, "5%"],
    [0.07, "7%"],
    [0.0004, "0%"],
    [0.375, "38%"],
    [1, "100%"],
  ])("writes the share %s as %s", (rate, text) => {
    expect(percent(rate)).toBe(text);
  });

  it.each([
    [0.0004, "below 0.001"],
    [0.0503, "0.050"],
    [0.049, "0.049"],
    [0.14, "0.14"],
  ])("writes the p-value %s as %s, with a third decimal near 0.05", (p, text) => {
    expect(pValueText(p)).toBe(text);
  });

  it("names attributes in words, known or not", () => {
    expect(attributeLabel("age_band")).toBe("Age band");
    expect(attributeLabel("first_language")).toBe("First language");
  });

  it("names a month by its short name and year", () => {
    expect(monthLabel("2026-03")).toBe("Mar 2026");
  });
});

describe("the four-fifths line of the fairness chart", () => {
  it("sits at the reference group's rate divided by 0.8, read from the report's own ratios", () => {
    const groups = [
      group({ group: "Men", rate: 2 / 11, impactRatio: 1, reference: true }),
      group({
        group: "Women",
        rate: 8 / 14,
        impactRatio: 2 / 11 / (8 / 14),
        fourFifthsFails: true,
      }),
    ];
    expect(fourFifthsLine(groups)).toBeCloseTo(2 / 11 / 0.8, 10);
  });

  it("skips hidden groups and is absent when no group can be read", () => {
    const hidden = group({ rate: null, impactRatio: null, suppressed: true });
    expect(fourFifthsLine([hidden])).toBeNull();
    expect(fourFifthsLine([hidden, group({ rate: 0.2, impactRatio: 0.5 })])).toBeCloseTo(0.125);
  });

  it("is at zero when the reference group had no plans: any placement at all fails", () => {
    const groups = [
      group({ group: "45 and over", rate: 0, impactRatio: 1, reference: true }),
      group({ group: "Under 30", rate: 0.4, impactRatio: 0, fourFifthsFails: true }),
    ];
    expect(fourFifthsLine(groups)).toBe(0);
  });
});
