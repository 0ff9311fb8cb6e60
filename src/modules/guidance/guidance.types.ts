/**
 * The moments where a manager decides something and a short card can help. Each is where the
 * web shows `<Guidance moment="…" />`; the API answers the cards of one moment.
 */
export const guidanceMoments = [
  "plan.start",
  "plan.evidence",
  "plan.standard",
  "plan.prohibitions",
  "checkin.early_win",
  "checkin.confidence",
] as const;
export type GuidanceMoment = (typeof guidanceMoments)[number];

/** A short, dismissible card: at most three sentences, and a longer article in the handbook. */
export type GuidanceCard = {
  /** Stable: counts and dismissals are kept under it. Never rename one that has shipped. */
  id: string;
  moment: GuidanceMoment;
  title: string;
  body: string;
  handbookSlug: string;
};

export type HandbookSection = {
  heading: string;
  paragraphs: string[];
  bullets?: string[];
};

/**
 * A handbook article. Structured text only (no HTML, no markdown): the page renders headings,
 * paragraphs and lists itself, so nothing in the content can ever inject markup.
 */
export type HandbookArticle = {
  slug: string;
  title: string;
  summary: string;
  sections: HandbookSection[];
  /** Other articles worth reading next. */
  related?: string[];
};

/** Figures for one card are only shown once at least this many people saw it. */
export const GUIDANCE_STATS_MIN_PEOPLE = 5;
