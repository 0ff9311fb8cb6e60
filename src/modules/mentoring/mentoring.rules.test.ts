import { describe, expect, it } from "vitest";
import {
  endStatusFor,
  freeCapacityOf,
  matchingSkillsOf,
  normalizeSkills,
  rankMentors,
  requestProblem,
  sessionDateProblem,
} from "./mentoring.rules.js";

const mentor = (id: string, name: string, skills: string[], capacity = 2, placesTaken = 0) => ({
  id,
  name,
  skills,
  capacity,
  placesTaken,
});

describe("skill tags", () => {
  it("are trimmed, split on commas and kept once whatever their case", () => {
    expect(normalizeSkills([" SQL ,sql", "Public  speaking", "", "  "])).toEqual([
      "SQL",
      "Public speaking",
    ]);
  });

  it("match case-insensitively, in the mentor's spelling", () => {
    expect(matchingSkillsOf(["PostgreSQL", "Go"], ["postgresql", "rust"])).toEqual(["PostgreSQL"]);
  });
});

describe("free places", () => {
  it.each([
    [3, 0, 3],
    [3, 2, 1],
    [2, 2, 0],
    [1, 3, 0],
    [0, 0, 0],
  ])("capacity %i with %i places taken leaves %i free", (capacity, taken, free) => {
    expect(freeCapacityOf(capacity, taken)).toBe(free);
  });
});

describe("ranking suggestions", () => {
  const candidates = [
    mentor("a", "Ann", ["SQL", "Reporting"], 1),
    mentor("b", "Bo", ["sql"], 3),
    mentor("c", "Cy", ["SQL", "reporting"], 2, 2), // full
    mentor("d", "Di", ["Design"], 2),
    mentor("m", "Max Manager", ["SQL", "Reporting"], 5),
    mentor("e", "Eve Mentee", ["SQL"], 5),
  ];

  it("ranks by matching skills, then free places, and leaves out the full, the mentee and the chain", () => {
    const ranked = rankMentors({
      candidates,
      menteeId: "e",
      managerChain: ["m"],
      skills: ["sql", "REPORTING"],
    });
    expect(ranked.map((c) => c.id)).toEqual(["a", "b"]);
    expect(ranked[0]).toMatchObject({ matchingSkills: ["SQL", "Reporting"], freeCapacity: 1 });
  });

  it("without skills lists everyone with a free place, most places first, then by name", () => {
    const ranked = rankMentors({
      candidates: [...candidates, mentor("z", "Al", ["Go"], 3)],
      menteeId: "e",
      managerChain: ["m"],
      skills: [],
    });
    expect(ranked.map((c) => c.id)).toEqual(["z", "b", "d", "a"]);
  });

  it("with skills nobody has, suggests nobody", () => {
    expect(rankMentors({ candidates, menteeId: "e", managerChain: [], skills: ["Cobol"] })).toEqual(
      [],
    );
  });
});

describe("what a request runs into", () => {
  const base = {
    mentorId: "a",
    menteeId: "e",
    managerChain: ["m"],
    profile: { active: true, capacity: 2 },
    mentorActive: true,
    placesTaken: 1,
  };
  it.each([
    ["nothing when a place is free", {}, null],
    ["asking oneself", { mentorId: "e" }, "mentor.self"],
    ["a manager in the chain", { mentorId: "m" }, "mentor.in_chain"],
    ["no profile", { profile: null }, "mentor.not_available"],
    ["a profile switched off", { profile: { active: false, capacity: 2 } }, "mentor.not_available"],
    ["a mentor who has left", { mentorActive: false }, "mentor.not_available"],
    ["no free place", { placesTaken: 2 }, "mentor.no_capacity"],
    [
      "0 places: not taking mentees now",
      { profile: { active: true, capacity: 0 }, placesTaken: 0 },
      "mentor.no_capacity",
    ],
  ] as const)("%s", (_name, change, expected) => {
    expect(requestProblem({ ...base, ...change })).toBe(expected);
  });
});

describe("ending", () => {
  it.each([
    ["active", false, "ended"],
    ["active", true, "ended"],
    ["requested", false, "withdrawn"],
    ["requested", true, null],
    ["declined", false, null],
    ["ended", true, null],
  ] as const)("a %s mentorship (by the mentor: %s) becomes %s", (status, isMentor, next) => {
    expect(endStatusFor({ status, isMentor })).toBe(next);
  });
});

describe("session dates", () => {
  const today = "2026-03-02";
  it.each([
    ["2026-03-02", null],
    ["2026-02-27", null],
    ["2026-03-03", "once it has been held"],
    ["2026-02-30", "does not exist"],
    ["02/03/2026", "YYYY-MM-DD"],
  ])("%s", (heldOn, problem) => {
    const result = sessionDateProblem(heldOn, today);
    if (problem === null) expect(result).toBeNull();
    else expect(result).toContain(problem);
  });
});
