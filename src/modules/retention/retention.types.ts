// What Headway keeps, for how long, and how it goes when its time is up.

/**
 * The kinds of record with a retention period of their own. Each is one table (its dependent
 * rows go with it); the order is the order they are shown and erased in. A record that goes with
 * another one's erasure (a plan's engagement conversations, a mentorship's sessions) comes before
 * it, so its own period is applied first and a dry run counts what a run erases.
 */
export const recordTypes = [
  "engagement_talks",
  "closed_plans",
  "documented_discussions",
  "diagnoses",
  "feedback",
  "feedback_requests",
  "oneonone_notes",
  "oneonone_private_notes",
  "oneonone_agendas",
  "commitments",
  "closed_concerns",
  "protected_activities",
  "closed_growth_goals",
  "onboarding_plans",
  "mentoring_sessions",
  "ended_mentorships",
  "notifications",
  "guidance_seen",
  "expired_sessions",
  "expired_links",
  "sent_mail",
  "deactivated_people",
] as const;
export type RecordType = (typeof recordTypes)[number];

export type RecordTypeInfo = {
  /** Plural, as a heading: "Closed success plans". */
  label: string;
  /** What the period counts from, completing "counted from …". */
  countedFrom: string;
  /** What goes when the period is over. */
  erases: string;
  /** Rows deleted, or (people) kept with their personal fields blanked. */
  erasure: "deleted" | "anonymised";
  /** Months; null keeps the records for ever. */
  defaultMonths: number | null;
  /** The shortest period the policy may set. */
  floorMonths: number;
  /** Why there is a floor above one month. */
  floorReason?: string;
};

/** The longest period that can be set short of "for ever": a hundred years. */
export const maxMonths = 1200;

/**
 * Employment records: the shortest periods are where claims are usually brought or law asks
 * records to be kept (in the US, 29 CFR 1602.14 keeps personnel records about a dismissal for a
 * year; in the UK, claims in contract can be brought for six years, so the defaults are longer).
 */
const employmentRecord =
  "Records about performance and dismissal must usually be kept at least a year after the last action, so they are there if a claim is brought.";
const priorNotice =
  "The plan review counts written feedback as prior notice up to 12 months before a plan; erasing it sooner would make a plan look like a surprise when it was not.";

export const recordTypeInfo: Record<RecordType, RecordTypeInfo> = {
  engagement_talks: {
    label: "Conversations about engagement",
    countedFrom: "the day the plan closed (those on running plans are kept)",
    erases:
      "What the manager or HR recorded of a conversation when someone would not engage, also in the summary frozen when the plan closed (its counts stay). A closed plan erased takes its conversations with it.",
    erasure: "deleted",
    defaultMonths: 72,
    floorMonths: 12,
    floorReason: employmentRecord,
  },
  closed_plans: {
    label: "Closed success plans",
    countedFrom: "the day the plan closed",
    erases:
      "The plan with its evidence and the employee's answers, goals, check-ins, threads, versions, HR review and private notes.",
    erasure: "deleted",
    defaultMonths: 72,
    floorMonths: 12,
    floorReason: employmentRecord,
  },
  documented_discussions: {
    label: "Documented discussions",
    countedFrom: "the last change",
    erases: "The discussion and the employee's response.",
    erasure: "deleted",
    defaultMonths: 36,
    floorMonths: 12,
    floorReason: employmentRecord,
  },
  diagnoses: {
    label: "Diagnostic conversations",
    countedFrom: "the last change",
    erases:
      "The conversation with the causes chosen, the manager's notes, the skills named and the employee's own answers. Causes written into a plan stay with the plan.",
    erasure: "deleted",
    defaultMonths: 36,
    floorMonths: 12,
    floorReason:
      "The diagnosis is the root cause a success plan is built on: it must be there as long as a claim about the plan could usually be brought, at least a year.",
  },
  feedback: {
    label: "Feedback",
    countedFrom: "when it was written",
    erases: "The feedback and the replies under it.",
    erasure: "deleted",
    defaultMonths: 36,
    floorMonths: 12,
    floorReason: priorNotice,
  },
  feedback_requests: {
    label: "Feedback requests",
    countedFrom: "when it was asked for",
    erases: "The request and its prompt.",
    erasure: "deleted",
    defaultMonths: 36,
    floorMonths: 1,
  },
  oneonone_notes: {
    label: "1:1 shared notes",
    countedFrom: "the meeting's date",
    erases: "Notes both sides of a 1:1 read. The meeting itself (date, held or cancelled) stays.",
    erasure: "deleted",
    defaultMonths: 24,
    floorMonths: 1,
  },
  oneonone_private_notes: {
    label: "1:1 private notes",
    countedFrom: "the meeting's date",
    erases: "Notes only their author reads.",
    erasure: "deleted",
    defaultMonths: 24,
    floorMonths: 1,
  },
  oneonone_agendas: {
    label: "1:1 agendas",
    countedFrom: "when the point was discussed (or added, if it never was)",
    erases: "Talking points on 1:1 agendas.",
    erasure: "deleted",
    defaultMonths: 24,
    floorMonths: 1,
  },
  commitments: {
    label: "1:1 commitments",
    countedFrom: "when it was done or dropped (open ones are kept)",
    erases: "Commitments made in 1:1s.",
    erasure: "deleted",
    defaultMonths: 24,
    floorMonths: 1,
  },
  closed_concerns: {
    label: "Closed confidential concerns",
    countedFrom: "the day the concern closed (open ones are kept)",
    erases: "The concern and every message in its thread.",
    erasure: "deleted",
    defaultMonths: 72,
    floorMonths: 12,
    floorReason: employmentRecord,
  },
  protected_activities: {
    label: "Protected activities",
    countedFrom: "when HR recorded it",
    erases: "The complaint, grievance, request or leave HR recorded.",
    erasure: "deleted",
    defaultMonths: 84,
    floorMonths: 12,
    floorReason:
      "A plan soon after a complaint or a request is checked for retaliation: the record must outlive the plan review's look-back, and a retaliation claim can come years later.",
  },
  closed_growth_goals: {
    label: "Achieved or dropped growth goals",
    countedFrom: "the last change",
    erases: "The goal and its progress updates.",
    erasure: "deleted",
    defaultMonths: 36,
    floorMonths: 1,
  },
  onboarding_plans: {
    label: "Onboarding plans",
    countedFrom: "the last change",
    erases: "The 30/60/90-day plan with its stages and check-in notes.",
    erasure: "deleted",
    defaultMonths: 36,
    floorMonths: 1,
  },
  mentoring_sessions: {
    label: "Mentoring sessions",
    countedFrom: "the session's date",
    erases: "The date and topic of a logged mentoring session.",
    erasure: "deleted",
    defaultMonths: 24,
    floorMonths: 1,
  },
  ended_mentorships: {
    label: "Ended or declined mentorships",
    countedFrom: "when it ended, or was declined or withdrawn (running ones are kept)",
    erases:
      "The mentorship (who, the topic, the request's message, a decline reason) with its sessions.",
    erasure: "deleted",
    defaultMonths: 24,
    floorMonths: 1,
  },
  notifications: {
    label: "Notifications",
    countedFrom: "when it was sent",
    erases: "In-app notifications.",
    erasure: "deleted",
    defaultMonths: 12,
    floorMonths: 1,
  },
  guidance_seen: {
    label: "Guidance cards seen",
    countedFrom: "when the card was last shown, opened or dismissed",
    erases:
      "Which guidance cards a person was shown and dismissed: a dismissed card may show again, and L&D's counts no longer include it.",
    erasure: "deleted",
    defaultMonths: 24,
    floorMonths: 1,
  },
  expired_sessions: {
    label: "Expired sign-in sessions",
    countedFrom: "when the session expired",
    erases: "The session with its browser and address.",
    erasure: "deleted",
    defaultMonths: 1,
    floorMonths: 1,
  },
  expired_links: {
    label: "Expired one-time links",
    countedFrom: "when the link expired",
    erases: "Invitation, password-reset and sign-in step links.",
    erasure: "deleted",
    defaultMonths: 1,
    floorMonths: 1,
  },
  sent_mail: {
    label: "Mail",
    countedFrom: "when it was sent (or queued)",
    erases: "Messages in the outbox and sent mail.",
    erasure: "deleted",
    defaultMonths: 3,
    floorMonths: 1,
  },
  deactivated_people: {
    label: "Deactivated people",
    countedFrom: "the last change to the person (at or after deactivation)",
    erases:
      "Name, email, employee and identity-provider ids, title, location, hire date, self-declared data, coaching profile, mentor profile, guidance cards seen, sign-in credentials and sessions. The person stays as “Former employee” so the records that name them still make sense.",
    erasure: "anonymised",
    defaultMonths: 84,
    floorMonths: 12,
    floorReason: employmentRecord,
  },
};

/** Months per record type; null keeps for ever. */
export type RetentionPolicy = Record<RecordType, number | null>;

/** A record that may be due for erasure: when its period starts, and whom it concerns. */
export type RetentionCandidate = {
  id: string;
  at: Date;
  /** Everyone the record is about or by: a legal hold on any of them keeps it. */
  people: string[];
};
