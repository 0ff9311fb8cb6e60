import { describe, expect, it } from "vitest";
import { causeKinds, resourceKinds } from "../plans/plans.types.js";
import { diagnosticGuide, guideQuestions } from "./diagnosis.guide.js";
import {
  applyConsent,
  causesToApply,
  demandChangesFor,
  normalizeSkills,
  notesProblems,
  parseSealedNotes,
  pruneToCauses,
  wantsMentors,
} from "./diagnosis.rules.js";

describe("the diagnostic guide", () => {
  it("covers every cause a plan knows, in the plan's order", () => {
    expect(diagnosticGuide.causes.map((c) => c.cause)).toEqual([...causeKinds]);
  });

  it.each(diagnosticGuide.causes.map((c) => [c.cause, c] as const))(
    "%s has a summary, 4–6 questions, 4–6 signs, resources and demand changes",
    (cause, guide) => {
      expect(guide.summary.length).toBeGreaterThan(100);
      expect(guide.questions.length).toBeGreaterThanOrEqual(4);
      expect(guide.questions.length).toBeLessThanOrEqual(6);
      expect(guide.signs.length).toBeGreaterThanOrEqual(4);
      expect(guide.signs.length).toBeLessThanOrEqual(6);
      expect(guide.resources.length).toBeGreaterThan(0);
      for (const r of guide.resources) expect(resourceKinds).toContain(r.kind);
      expect(guide.demandChanges.length).toBeGreaterThan(0);
      for (const q of guide.questions) {
        expect(q.id.startsWith(`${cause}.q`), q.id).toBe(true);
        expect(q.text.trim().length).toBeGreaterThan(10);
        expect(q.listenFor.trim().length).toBeGreaterThan(10);
      }
    },
  );

  it("gives every question a unique id, the closing questions included", () => {
    const ids = [
      ...diagnosticGuide.causes.flatMap((c) => c.questions.map((q) => q.id)),
      ...diagnosticGuide.closing.questions.map((q) => q.id),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    expect(guideQuestions.size).toBe(ids.length);
  });

  it("opens with curiosity and names the regulator, the reformer's trap and the nice trap", () => {
    expect(diagnosticGuide.opening.stances.map((s) => s.key)).toEqual([
      "regulator",
      "reformer",
      "nice",
    ]);
    expect(diagnosticGuide.opening.paragraphs.join(" ")).toMatch(/curious/i);
    expect(diagnosticGuide.consent.text).toMatch(/your choice/i);
    expect(diagnosticGuide.consent.text).toMatch(/delete/i);
  });
});

describe("the diagnosis rules", () => {
  it("keeps notes only under a cause's own questions or the closing ones", () => {
    expect(notesProblems({ skill: { "skill.q1": "x" }, closing: { "closing.q2": "y" } })).toEqual(
      [],
    );
    expect(notesProblems({ skill: { "overload.q1": "x" } }).map((p) => p.path)).toEqual([
      "notes.skill.overload.q1",
    ]);
    expect(notesProblems({ closing: { "skill.q1": "x" } })).toHaveLength(1);
    expect(notesProblems({ laziness: { "skill.q1": "x" } } as never)).toHaveLength(1);
  });

  it("refuses the employee's answers without consent and erases them when it is withdrawn", () => {
    expect(applyConsent({ consent: false, answers: { "skill.q1": "x" } }).problem?.path).toBe(
      "employeeAnswers",
    );
    expect(applyConsent({ consent: false, answers: {} })).toEqual({ answers: {}, problem: null });
    expect(applyConsent({ consent: true, answers: { "skill.q1": "x" } }).answers).toEqual({
      "skill.q1": "x",
    });
  });

  it("keeps on completion only what concerns the causes chosen", () => {
    const kept = pruneToCauses(
      {
        notes: {
          skill: { "skill.q1": "a" },
          overload: { "overload.q1": "b" },
          closing: { "closing.q1": "c" },
        },
        answers: { "skill.q2": "d", "overload.q2": "e", "closing.q3": "f" },
      },
      ["skill"],
    );
    expect(kept).toEqual({
      notes: { skill: { "skill.q1": "a" }, closing: { "closing.q1": "c" } },
      answers: { "skill.q2": "d", "closing.q3": "f" },
    });
  });

  it("suggests each demand change once, mentors for a skill or named skills", () => {
    const changes = demandChangesFor(["overload", "skill"]);
    expect(new Set(changes).size).toBe(changes.length);
    expect(changes[0]).toMatch(/learning time/);
    expect(wantsMentors(["overload"], [])).toBe(false);
    expect(wantsMentors(["skill"], [])).toBe(true);
    expect(wantsMentors(["overload"], ["sql"])).toBe(true);
  });

  it("writes skills as tags and reads an empty record as empty", () => {
    expect(normalizeSkills([" SQL ", "sql", "Data  Modelling", ""])).toEqual([
      "sql",
      "data modelling",
    ]);
    expect(parseSealedNotes("")).toEqual({ notes: {}, skills: [] });
  });

  it("adds the causes a plan lacks and keeps the ones it has", () => {
    expect(causesToApply(["overload", "skill"], ["skill", "process"])).toEqual({
      added: ["overload"],
      kept: ["skill"],
    });
  });
});
