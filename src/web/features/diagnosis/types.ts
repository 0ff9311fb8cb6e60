// Response types of the diagnostic guide, from the server's own code (type-only imports: nothing
// of the server is bundled). Wire turns what a service returns into what arrives (Date → string).
import type { JSONParsed } from "hono/utils/types";
import type {
  getDiagnosis,
  getGuide,
  getSuggestions,
  listDiagnoses,
} from "../../../modules/diagnosis/diagnosis.service";

type Wire<F extends (...args: never[]) => unknown> = JSONParsed<Awaited<ReturnType<F>>>;

export type Guide = Wire<typeof getGuide>;
export type CauseGuide = Guide["causes"][number];
export type GuideQuestion = CauseGuide["questions"][number];
export type Diagnosis = Wire<typeof getDiagnosis>;
export type DiagnosisList = Wire<typeof listDiagnoses>;
export type DiagnosisSummary = DiagnosisList["items"][number];
export type Suggestions = Wire<typeof getSuggestions>;
export type CatalogueSuggestion = Suggestions["resources"][number];
export type MentorSuggestion = Suggestions["mentors"][number];
export type { CauseKind } from "../../../modules/plans/plans.types";
