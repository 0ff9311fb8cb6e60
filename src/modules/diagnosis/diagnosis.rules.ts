import { type CauseKind, causeKinds } from "../plans/plans.types.js";
import { causeGuide, guideQuestions } from "./diagnosis.guide.js";

// The diagnosis's pure rules: what may be recorded against which question, consent, and what the
// guide suggests for the causes chosen. No I/O, no clock.

export type Problem = { path: string; message: string };

/** Notes are kept per cause, plus the closing questions every conversation ends with. */
export const noteSections = [...causeKinds, "closing"] as const;
export type NoteSection = (typeof noteSections)[number];

/** What the manager heard: { [cause | "closing"]: { [questionId]: text } }. */
export type DiagnosisNotes = Partial<Record<NoteSection, Record<string, string>>>;
/** The employee's own words, only with their consent: { [questionId]: text }. */
export type EmployeeAnswers = Record<string, string>;

/** What `diagnoses.notes` holds once opened: the notes and the skills to build. */
export type SealedNotes = { notes: DiagnosisNotes; skills: string[] };

export const MAX_SKILLS = 20;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const textsOf = (v: unknown): Record<string, string> =>
  isRecord(v)
    ? Object.fromEntries(
        Object.entries(v).filter((e): e is [string, string] => typeof e[1] === "string"),
      )
    : {};

/** Reads the opened `notes` column; an empty column is an empty diagnosis. */
export function parseSealedNotes(json: string): SealedNotes {
  if (!json) return { notes: {}, skills: [] };
  const parsed: unknown = JSON.parse(json);
  if (!isRecord(parsed)) return { notes: {}, skills: [] };
  const rawNotes = isRecord(parsed.notes) ? parsed.notes : {};
  const notes: DiagnosisNotes = {};
  for (const section of noteSections) {
    const texts = textsOf(rawNotes[section]);
    if (Object.keys(texts).length) notes[section] = texts;
  }
  const skills = Array.isArray(parsed.skills)
    ? parsed.skills.filter((s): s is string => typeof s === "string")
    : [];
  return { notes, skills };
}

export function parseAnswers(json: string): EmployeeAnswers {
  if (!json) return {};
  return textsOf(JSON.parse(json));
}

/** Skill tags as the catalogue keeps them: lower case, single spaces, each once, in order given. */
export function normalizeSkills(skills: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of skills) {
    const tag = s.trim().replace(/\s+/g, " ").toLowerCase();
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

/** Drops blank answers: an empty box records nothing. Sections left empty go too. */
export function compactNotes(notes: DiagnosisNotes): DiagnosisNotes {
  const out: DiagnosisNotes = {};
  for (const section of noteSections) {
    const texts = compactAnswers(notes[section] ?? {});
    if (Object.keys(texts).length) out[section] = texts;
  }
  return out;
}

export function compactAnswers(answers: EmployeeAnswers): EmployeeAnswers {
  return Object.fromEntries(Object.entries(answers).filter(([, text]) => text.trim() !== ""));
}

/** Each note must answer one of the guide's questions for its own cause (or the closing ones). */
export function notesProblems(notes: DiagnosisNotes): Problem[] {
  const problems: Problem[] = [];
  for (const [section, texts] of Object.entries(notes)) {
    if (!(noteSections as readonly string[]).includes(section)) {
      problems.push({
        path: `notes.${section}`,
        message: "Notes are kept under one of the guide's causes; this one is not in the guide.",
      });
      continue;
    }
    for (const id of Object.keys(texts ?? {})) {
      const q = guideQuestions.get(id);
      const belongs = section === "closing" ? q && q.cause === null : q?.cause === section;
      if (!belongs)
        problems.push({
          path: `notes.${section}.${id}`,
          message: "This note is not under one of the guide's questions for this cause.",
        });
    }
  }
  return problems;
}

export function answersProblems(answers: EmployeeAnswers): Problem[] {
  return Object.keys(answers)
    .filter((id) => !guideQuestions.has(id))
    .map((id) => ({
      path: `employeeAnswers.${id}`,
      message: "This answer is not under one of the guide's questions.",
    }));
}

/**
 * The employee's words are recorded only with their consent; withdrawing consent erases them.
 * Returns the answers to keep, or a problem when answers come without consent.
 */
export function applyConsent({
  consent,
  answers,
}: {
  consent: boolean;
  answers: EmployeeAnswers;
}): { answers: EmployeeAnswers; problem: Problem | null } {
  if (consent) return { answers, problem: null };
  if (Object.keys(answers).length)
    return {
      answers: {},
      problem: {
        path: "employeeAnswers",
        message:
          "Record the employee's answers only with their consent: read them the consent text and tick that they agreed, or keep to your own notes.",
      },
    };
  return { answers: {}, problem: null };
}

/**
 * On completion the record keeps what concerns the causes chosen: notes and answers under causes
 * that were explored and then set aside are dropped, so the employee reads what was concluded.
 */
export function pruneToCauses(
  { notes, answers }: { notes: DiagnosisNotes; answers: EmployeeAnswers },
  causes: readonly CauseKind[],
): { notes: DiagnosisNotes; answers: EmployeeAnswers } {
  const keptNotes: DiagnosisNotes = {};
  for (const section of noteSections)
    if (notes[section] && (section === "closing" || causes.includes(section)))
      keptNotes[section] = notes[section];
  const keptAnswers = Object.fromEntries(
    Object.entries(answers).filter(([id]) => {
      const q = guideQuestions.get(id);
      return q && (q.cause === null || causes.includes(q.cause));
    }),
  );
  return { notes: keptNotes, answers: keptAnswers };
}

/** The demand changes the guide suggests for the causes chosen, in the guide's order, each once. */
export function demandChangesFor(causes: readonly CauseKind[]): string[] {
  const out: string[] = [];
  for (const cause of causeKinds)
    if (causes.includes(cause))
      for (const text of causeGuide(cause).demandChanges) if (!out.includes(text)) out.push(text);
  return out;
}

/** Mentors are suggested for a missing skill, or when the manager named skills to build. */
export function wantsMentors(causes: readonly CauseKind[], skills: readonly string[]): boolean {
  return causes.includes("skill") || skills.length > 0;
}

/** Causes in the guide's order, each once. */
export function orderCauses(causes: readonly CauseKind[]): CauseKind[] {
  return causeKinds.filter((c) => causes.includes(c));
}

/** Applying the diagnosis to a plan: which causes the plan gains and which it already has. */
export function causesToApply(
  chosen: readonly CauseKind[],
  existing: readonly CauseKind[],
): { added: CauseKind[]; kept: CauseKind[] } {
  const ordered = orderCauses(chosen);
  return {
    added: ordered.filter((c) => !existing.includes(c)),
    kept: ordered.filter((c) => existing.includes(c)),
  };
}
