// PURE: whether plans fall disproportionately on a group. No I/O.
//
// A plan is an adverse action, so the four-fifths rule (US Uniform Guidelines on Employee
// Selection Procedures, 29 CFR 1607.4D) is applied to the rate of *not* being singled out turned
// around: the group placed on plans least often is the reference, and each group's ratio is the
// reference's placement rate ÷ that group's. A group placed at more than 1.25 times the
// reference's rate has a ratio under 0.8 and fails. (Comparing the rates of *not* being placed
// would almost never fail: at 5% against 15%, 0.85 ÷ 0.95 ≈ 0.89.)
import { fisherExactTwoSided, twoProportionZ } from "./insight.rules.js";
import type { FairnessGroup } from "./insight.types.js";

/** Differences less likely than this by chance are called significant. */
export const SIGNIFICANCE_LEVEL = 0.05;
/** The four-fifths rule's threshold. */
export const FOUR_FIFTHS = 0.8;

/** People in one group (a recorded value of the attribute) and how many were placed on a plan. */
export type GroupCount = { group: string; people: number; placed: number };

const byName = (a: GroupCount, b: GroupCount) =>
  a.group < b.group ? -1 : a.group > b.group ? 1 : 0;

/**
 * The groups to hide: each with fewer people than the minimum, and — when exactly one is hidden
 * that way and others are shown — the next smallest shown group too, since the hidden one could
 * otherwise be worked out from the total less the groups shown (complementary suppression).
 */
export function findHiddenGroups({
  groups,
  minGroupSize,
}: {
  groups: GroupCount[];
  minGroupSize: number;
}): Set<string> {
  const hidden = new Set(groups.filter((g) => g.people < minGroupSize).map((g) => g.group));
  const shown = groups
    .filter((g) => !hidden.has(g.group))
    .sort((a, b) => a.people - b.people || byName(a, b));
  if (hidden.size === 1 && shown.length > 0) hidden.add(shown[0]!.group);
  return hidden;
}

/** A count shown only when it reaches the minimum group size. */
export function showCount({
  count,
  minGroupSize,
}: {
  count: number;
  minGroupSize: number;
}): number | null {
  return count >= minGroupSize ? count : null;
}

/** The group placed least often among those shown: the most favoured, so the reference. */
function findReference(shown: GroupCount[]): GroupCount | null {
  let best: GroupCount | null = null;
  for (const g of shown) {
    if (!best) {
      best = g;
      continue;
    }
    // Compare placed/people exactly, by cross-multiplying; ties go to the larger group.
    const diff = g.placed * best.people - best.placed * g.people;
    if (diff < 0 || (diff === 0 && g.people > best.people)) best = g;
  }
  return best;
}

function hiddenGroup(group: string): FairnessGroup {
  return {
    group,
    people: null,
    placed: null,
    rate: null,
    impactRatio: null,
    fourFifthsFails: false,
    z: null,
    pValue: null,
    significant: false,
    reference: false,
    suppressed: true,
  };
}

/**
 * Each group's placement rate, its impact ratio against the reference group and whether it fails
 * the four-fifths rule, and whether the difference from the reference is statistically
 * significant (two-sided Fisher exact test; the pooled two-proportion z statistic beside it).
 * Groups are listed by name; hidden groups carry no figure at all.
 */
export function assessFairness({
  groups,
  minGroupSize,
  significanceLevel = SIGNIFICANCE_LEVEL,
}: {
  groups: GroupCount[];
  minGroupSize: number;
  significanceLevel?: number;
}): FairnessGroup[] {
  const hidden = findHiddenGroups({ groups, minGroupSize });
  const sorted = [...groups].sort(byName);
  const reference = findReference(sorted.filter((g) => !hidden.has(g.group)));
  return sorted.map((g): FairnessGroup => {
    if (hidden.has(g.group) || !reference) return hiddenGroup(g.group);
    const rate = g.people > 0 ? g.placed / g.people : 0;
    const referenceRate = reference.placed / reference.people;
    const isReference = g === reference;
    // ratio = (ref.placed / ref.people) ÷ (g.placed / g.people); under 4/5 compared in integers.
    const impactRatio = rate === 0 ? 1 : referenceRate / rate;
    const fourFifthsFails = 5 * reference.placed * g.people < 4 * g.placed * reference.people;
    const pValue = isReference
      ? null
      : fisherExactTwoSided({
          a: g.placed,
          b: g.people - g.placed,
          c: reference.placed,
          d: reference.people - reference.placed,
        });
    return {
      group: g.group,
      people: g.people,
      placed: g.placed,
      rate,
      impactRatio,
      fourFifthsFails,
      z: isReference
        ? null
        : twoProportionZ({
            x1: g.placed,
            n1: g.people,
            x2: reference.placed,
            n2: reference.people,
          }),
      pValue,
      significant: pValue !== null && pValue < significanceLevel,
      reference: isReference,
      suppressed: false,
    };
  });
}
