import { createRequire } from "node:module";
import path from "node:path";
import type { Content, TableCell, TDocumentDefinitions } from "pdfmake/interfaces";
import { type PriorNoticeKind, priorNoticeLabels } from "../review/review.types.js";
import type { EngagementLedger, SupportLedger } from "./plans.engagement.rules.js";
import type { EngagementSummary } from "./plans.engagement.service.js";
import type { PlanDetail } from "./plans.service.js";
import {
  type CauseKind,
  type CheckinStatus,
  type EvidenceAnswer,
  type GoalStatus,
  labels,
  type Outcome,
  type PlanStatus,
  type ResourceKind,
  type ResourceStatus,
} from "./plans.types.js";

// The plan as a document both sides keep: everything the employee was shown and said, in one
// PDF. `PlanDocument` holds only what both sides may read, so a private note has no field to
// travel in; `toPlanDocument` copies field by field from the plan's detail, never spreading it.

/** Calendar dates are ISO `YYYY-MM-DD`; moments are ISO timestamps. */
export type PlanDocument = {
  employee: { name: string; title?: string; department?: string };
  manager: { name: string; title?: string };
  hrPartner: { name: string; title?: string } | null;
  status: PlanStatus;
  /** The version the employee was last shown (0 while it was never issued). */
  version: number;
  startDate: string | null;
  endDate: string | null;
  cadenceDays: number;
  issuedAt: string | null;
  closedAt: string | null;
  /** When this copy was made. */
  generatedAt: string;
  standard: string;
  evidence: {
    kind: "metric" | "incident";
    title: string;
    description: string;
    impact: string;
    occurredOn: string | null;
    unit: string;
    source: string;
    series: { date: string; value: number }[];
    answer: EvidenceAnswer | null;
    employeeSide: string;
    employeeLinks: string[];
    answeredAt: string | null;
  }[];
  causes: { cause: CauseKind; notes: string; employeeView: string }[];
  goals: {
    id: string;
    description: string;
    metric: string;
    unit: string;
    direction: "up" | "down";
    baseline: number | null;
    target: number | null;
    measurement: string;
    dueDate: string | null;
    resources: {
      kind: ResourceKind;
      description: string;
      link: string;
      mentorName: string | null;
      hoursPerWeek: number | null;
      status: ResourceStatus;
      requestedByEmployee: boolean;
    }[];
    milestones: {
      title: string;
      dueDate: string;
      target: number | null;
      earlyWin: boolean;
      done: boolean;
    }[];
  }[];
  checkins: {
    scheduledOn: string;
    status: CheckinStatus;
    heldOn: string | null;
    confidence: number | null;
    goals: { goalId: string; value: number | null; status: GoalStatus; note: string }[];
    resources: { description: string; delivered: boolean }[];
    managerNotes: string;
    employeeNotes: string;
    nextSteps: string;
  }[];
  reviews: {
    authorName: string;
    decision: "approved" | "changes_requested" | "comment";
    comment: string;
    createdAt: string;
  }[];
  /** Blockers HR let through, each with its written reason. */
  overrides: { title: string; authorName: string; reason: string; createdAt: string }[];
  /** When the issue was raised with the employee before the plan. */
  priorNotice: { heldOn: string; kind: string; summary: string }[];
  versions: {
    number: number;
    changeSummary: string;
    createdAt: string;
    acknowledgedAt: string | null;
  }[];
  /** Clarifications the employee asked and support they requested, with every answer. */
  threads: {
    kind: "clarification" | "support";
    /** A readable label of what it is about, e.g. `goal 1 "…"`; null for the plan as a whole. */
    about: string | null;
    subject: string;
    status: "open" | "answered" | "closed";
    messages: { authorName: string; body: string; createdAt: string }[];
  }[];
  /** The employee's responses, point by point; `section` is already a readable label. */
  responses: { section: string; authorName: string; body: string; createdAt: string }[];
  outcome: Outcome | null;
  managerReflection: string;
  employeeReflection: string;
  /** Once closed: the support offered and delivered beside the engagement, frozen at close. */
  engagement?: EngagementDocument | null;
};

/** The engagement summary frozen at close, as the PDF prints it (plans.engagement). */
export type EngagementDocument = {
  frozenAt: string;
  signals: { title: string; detail: string; since: string }[];
  support: SupportLedger;
  engagement: EngagementLedger;
  talks: { heldOn: string; authorName: string; summary: string; signals: string[] }[];
};

export const ACKNOWLEDGEMENT_MEANING =
  "Acknowledging confirms receipt of the plan, not agreement with it.";

/** The file name a download is saved under: `success-plan-<name>-v<version>.pdf`. */
export function planPdfFileName(doc: Pick<PlanDocument, "employee" | "version">): string {
  const slug =
    doc.employee.name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "employee";
  return `success-plan-${slug}-v${doc.version}.pdf`;
}

// ---------------------------------------------------------------------------------------------
// Rendering

// Roboto ships inside pdfmake: the document renders the same everywhere, offline, and it covers
// the dashes, middle dots and accented names the standard 14 PDF fonts cannot encode.
const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve("pdfmake/package.json")), "fonts", "Roboto");
type Pdfmake = typeof import("pdfmake");
let renderer: Promise<Pdfmake> | undefined;

/** pdfmake, loaded and set up at the first PDF: a large library the server need not load to start. */
export function loadPdfmake(): Promise<Pdfmake> {
  renderer ??= import("pdfmake").then(({ default: pdfmake }) => {
    pdfmake.setFonts({
      Roboto: {
        normal: path.join(fontDir, "Roboto-Regular.ttf"),
        bold: path.join(fontDir, "Roboto-Medium.ttf"),
        italics: path.join(fontDir, "Roboto-Italic.ttf"),
        bolditalics: path.join(fontDir, "Roboto-MediumItalic.ttf"),
      },
    });
    // Plan text is user input: it must never make the renderer fetch a URL or read a file.
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((file) => path.resolve(file).startsWith(fontDir + path.sep));
    return pdfmake;
  });
  return renderer;
}

const months = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
] as const;

/** "2026-03-02" or an ISO moment → "2 Mar 2026" (UTC, so the same on every server). */
export function day(value: string | null | undefined): string {
  if (!value) return "—";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  return `${Number(m[3])} ${months[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

export function num(value: number | null, unit = ""): string {
  if (value === null || Number.isNaN(value)) return "—";
  const text = Number.isInteger(value) ? String(value) : String(Number(value.toFixed(2)));
  return unit ? `${text} ${unit}` : text;
}

function daysBetween(start: string | null, end: string | null): number | null {
  if (!start || !end) return null;
  return Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000);
}

function cadence(days: number): string {
  if (days === 7) return "Weekly (every 7 days)";
  if (days === 14) return "Every two weeks (every 14 days)";
  return `Every ${days} days`;
}

const answerLabel: Record<EvidenceAnswer, string> = {
  same: "I see it the same way",
  different: "I see it differently",
};

const decisionLabel: Record<PlanDocument["reviews"][number]["decision"], string> = {
  approved: "Approved",
  changes_requested: "Changes requested",
  comment: "Comment",
};

// Headings carry a headline level, so a heading is never left alone at the foot of a page.
export const h1 = (text: string): Content => ({ text, style: "h1" });
export const h2 = (text: string): Content => ({ text, style: "h2", headlineLevel: 2 });
export const h3 = (text: string): Content => ({ text, style: "h3", headlineLevel: 3 });
export const muted = (text: string): Content => ({ text, style: "muted" });
export const para = (text: string): Content => ({ text, style: "para" });

/** A labelled paragraph: "Label: text", the label bold. */
export function field(label: string, text: string): Content {
  return {
    text: [{ text: `${label}: `, bold: true }, text || "—"],
    style: "para",
  };
}

export function grid(
  header: string[] | null,
  rows: TableCell[][],
  widths: (string | number)[],
): Content {
  return {
    table: {
      headerRows: header ? 1 : 0,
      widths,
      body: [...(header ? [header.map((h) => ({ text: h, style: "th" }))] : []), ...rows],
      dontBreakRows: true,
    },
    layout: "lightHorizontalLines",
    margin: [0, 2, 0, 8],
  };
}

function peopleSection(doc: PlanDocument): Content[] {
  const who = (p: { name: string; title?: string } | null) =>
    p ? [p.name, p.title].filter(Boolean).join(", ") : "Not assigned";
  return [
    grid(
      ["Role", "Person"],
      [
        [
          "Employee",
          who({
            name: doc.employee.name,
            title: [doc.employee.title, doc.employee.department].filter(Boolean).join(", "),
          }),
        ],
        ["Manager", who(doc.manager)],
        ["HR partner", who(doc.hrPartner)],
      ],
      [90, "*"],
    ),
  ];
}

function summarySection(doc: PlanDocument): Content[] {
  const length = daysBetween(doc.startDate, doc.endDate);
  return [
    grid(
      null,
      [
        ["Status", labels.status[doc.status]],
        ["Version", doc.version > 0 ? `Version ${doc.version}` : "Not issued yet"],
        ["Start", day(doc.startDate)],
        ["End", `${day(doc.endDate)}${length === null ? "" : ` (${length} days)`}`],
        ["Check-ins", cadence(doc.cadenceDays)],
        ["Issued", day(doc.issuedAt)],
        ...(doc.closedAt ? [["Closed", day(doc.closedAt)]] : []),
      ],
      [90, "*"],
    ),
  ];
}

function evidenceSection(doc: PlanDocument): Content[] {
  const out: Content[] = [
    h2("Evidence: do you see what I see?"),
    muted(
      "Each item was shown to the employee, who answered it: the same way, or differently with their side and their own evidence.",
    ),
  ];
  if (!doc.evidence.length) out.push(para("No evidence recorded."));
  doc.evidence.forEach((item, i) => {
    const when = item.kind === "incident" ? ` (${day(item.occurredOn)})` : "";
    out.push(h3(`${i + 1}. ${item.title}${when}`));
    out.push(muted(item.kind === "metric" ? "Metric series" : "Incident"));
    if (item.description)
      out.push(field(item.kind === "metric" ? "What it shows" : "What happened", item.description));
    if (item.impact) out.push(field("Impact", item.impact));
    if (item.kind === "metric") {
      if (item.source) out.push(field("Source", item.source));
      if (item.series.length)
        out.push(
          grid(
            ["Date", `Value${item.unit ? ` (${item.unit})` : ""}`],
            item.series.map((p) => [day(p.date), num(p.value)]),
            [120, "*"],
          ),
        );
    }
    out.push(
      field(
        "The employee's answer",
        item.answer
          ? `${answerLabel[item.answer]}${item.answeredAt ? ` (${day(item.answeredAt)})` : ""}`
          : "Not answered yet",
      ),
    );
    if (item.employeeSide) out.push(field("Their side", item.employeeSide));
    if (item.employeeLinks.length)
      out.push({
        stack: [
          { text: "Their evidence:", bold: true },
          { ul: item.employeeLinks.map((l) => ({ text: l, style: "link" })) },
        ],
        style: "para",
      });
  });
  return out;
}

function diagnosisSection(doc: PlanDocument): Content[] {
  const out: Content[] = [h2("Root-cause diagnosis")];
  if (!doc.causes.length) out.push(para("No causes recorded."));
  for (const c of doc.causes) {
    out.push(h3(labels.cause[c.cause]));
    if (c.notes) out.push(para(c.notes));
    out.push(field("The employee's view", c.employeeView || "None given"));
  }
  return out;
}

function goalsSection(doc: PlanDocument): Content[] {
  const out: Content[] = [h2("Goals")];
  if (!doc.goals.length) out.push(para("No goals recorded."));
  doc.goals.forEach((g, i) => {
    out.push(h3(`Goal ${i + 1}: ${g.description}`));
    const arrow = g.direction === "up" ? "higher is better" : "lower is better";
    out.push(field("Metric", `${g.metric || "—"}${g.unit ? ` (${g.unit})` : ""}, ${arrow}`));
    // Words, not an arrow: the bundled Roboto has no arrow glyph.
    out.push(
      field("Baseline and target", `from ${num(g.baseline, g.unit)} to ${num(g.target, g.unit)}`),
    );
    out.push(field("Due", day(g.dueDate)));
    out.push(field("How it is measured", g.measurement));
    out.push({ text: "Resources", style: "h4" });
    if (g.resources.length)
      out.push(
        grid(
          ["Kind", "What", "Status"],
          g.resources.map((r) => [
            labels.resource[r.kind],
            {
              stack: [
                r.description,
                ...(r.mentorName ? [{ text: `Mentor: ${r.mentorName}`, style: "small" }] : []),
                ...(r.hoursPerWeek !== null
                  ? [{ text: `${num(r.hoursPerWeek)} hours a week`, style: "small" }]
                  : []),
                ...(r.link ? [{ text: r.link, style: ["small", "link"] }] : []),
                ...(r.requestedByEmployee
                  ? [{ text: "Requested by the employee", style: "small" }]
                  : []),
              ],
            },
            labels.resourceStatus[r.status],
          ]),
          [80, "*", 70],
        ),
      );
    else out.push(para("No resources."));
    out.push({ text: "Milestones", style: "h4" });
    if (g.milestones.length)
      out.push({
        ul: g.milestones.map((m) => ({
          text: [
            `${day(m.dueDate)}: ${m.title}`,
            m.target !== null ? ` (target ${num(m.target, g.unit)})` : "",
            m.earlyWin ? { text: " — early win", bold: true } : "",
            m.done ? " — done" : "",
          ],
        })),
        style: "para",
      });
    else out.push(para("No milestones."));
  });
  return out;
}

function checkinsSection(doc: PlanDocument): Content[] {
  const out: Content[] = [
    h2("Schedule and check-ins"),
    field("Plan runs", `${day(doc.startDate)} to ${day(doc.endDate)}`),
    field("Check-in cadence", cadence(doc.cadenceDays)),
  ];
  const goalName = new Map(doc.goals.map((g, i) => [g.id, `Goal ${i + 1}`]));
  const goalUnit = new Map(doc.goals.map((g) => [g.id, g.unit]));
  const recorded = doc.checkins.filter((c) => c.status !== "scheduled");
  const upcoming = doc.checkins.filter((c) => c.status === "scheduled");
  out.push({ text: "Check-in history", style: "h4" });
  if (!recorded.length) out.push(para("No check-ins held yet."));
  for (const c of recorded) {
    const heading =
      c.status === "held"
        ? `Check-in held ${day(c.heldOn ?? c.scheduledOn)}`
        : `Check-in of ${day(c.scheduledOn)}: missed`;
    out.push({ text: heading, style: "h5" });
    if (c.status !== "held") continue;
    out.push(
      field(
        "The employee's confidence",
        c.confidence === null ? "Not given" : `${c.confidence} of 5`,
      ),
    );
    if (c.goals.length)
      out.push(
        grid(
          ["Goal", "Value", "Status", "Note"],
          c.goals.map((v) => [
            goalName.get(v.goalId) ?? "Goal",
            num(v.value, goalUnit.get(v.goalId) ?? ""),
            labels.goalStatus[v.status],
            v.note,
          ]),
          [50, 70, 60, "*"],
        ),
      );
    if (c.resources.length)
      out.push(
        field(
          "Support",
          c.resources
            .map((r) => `${r.description}: ${r.delivered ? "delivered" : "not delivered"}`)
            .join("; "),
        ),
      );
    if (c.managerNotes) out.push(field("Manager's notes", c.managerNotes));
    if (c.employeeNotes) out.push(field("Employee's notes", c.employeeNotes));
    if (c.nextSteps) out.push(field("Next steps", c.nextSteps));
  }
  if (upcoming.length)
    out.push(field("Still scheduled", upcoming.map((c) => day(c.scheduledOn)).join(", ")));
  return out;
}

function priorNoticeSection(doc: PlanDocument): Content[] {
  if (!doc.priorNotice.length) return [];
  return [
    h2("Before this plan"),
    {
      text: "When the manager raised the issue with the employee before the plan.",
      style: "note",
    },
    grid(
      ["Date", "How", "What was said or shared"],
      doc.priorNotice.map((n) => [
        day(n.heldOn),
        priorNoticeLabels[n.kind as PriorNoticeKind] ?? n.kind,
        n.summary,
      ]),
      [70, 110, "*"],
    ),
  ];
}

function reviewSection(doc: PlanDocument): Content[] {
  // HR's review belongs to the people who run the plan: a reader not shown it gets no section.
  if (!doc.reviews.length && !doc.overrides.length) return [];
  const out: Content[] = [h2("HR review")];
  for (const o of doc.overrides)
    out.push({
      stack: [
        {
          text: `${day(o.createdAt)} · ${o.authorName} · Overrode a blocker: ${o.title}`,
          bold: true,
        },
        `Reason: ${o.reason}`,
      ],
      style: "para",
      unbreakable: true,
    });
  for (const r of doc.reviews)
    out.push({
      stack: [
        {
          text: `${day(r.createdAt)} · ${r.authorName} · ${decisionLabel[r.decision]}`,
          bold: true,
        },
        ...(r.comment ? [r.comment] : []),
      ],
      style: "para",
      unbreakable: true,
    });
  return out;
}

function acknowledgementSection(doc: PlanDocument): Content[] {
  const out: Content[] = [h2("Acknowledgements"), { text: ACKNOWLEDGEMENT_MEANING, style: "note" }];
  if (!doc.versions.length) out.push(para("The plan has not been issued yet."));
  for (const v of doc.versions)
    out.push(
      field(
        `Version ${v.number}`,
        v.acknowledgedAt
          ? `receipt acknowledged by ${doc.employee.name} on ${day(v.acknowledgedAt)}`
          : "not acknowledged",
      ),
    );
  return out;
}

function versionsSection(doc: PlanDocument): Content[] {
  const out: Content[] = [h2("Versions")];
  if (!doc.versions.length) out.push(para("No versions yet."));
  else
    out.push(
      grid(
        ["Version", "Issued", "What changed"],
        doc.versions.map((v) => [
          String(v.number),
          day(v.createdAt),
          v.changeSummary || (v.number === 1 ? "First issue" : "—"),
        ]),
        [50, 80, "*"],
      ),
    );
  return out;
}

function threadsSection(doc: PlanDocument): Content[] {
  if (!doc.threads.length) return [];
  const out: Content[] = [h2("Clarifications and support requests")];
  for (const t of doc.threads) {
    const kind = t.kind === "clarification" ? "Clarification" : "Support request";
    out.push({
      text: `${kind}${t.about ? ` on ${t.about}` : ""}: ${t.subject} (${t.status})`,
      style: "h5",
    });
    for (const m of t.messages)
      out.push({
        stack: [{ text: `${m.authorName} · ${day(m.createdAt)}`, bold: true }, m.body],
        style: "para",
        unbreakable: true,
      });
  }
  return out;
}

function responsesSection(doc: PlanDocument): Content[] {
  const out: Content[] = [
    h2("The employee's responses"),
    muted("Written by the employee, point by point; they stay attached to the plan for good."),
  ];
  if (!doc.responses.length) out.push(para("No responses written."));
  for (const r of doc.responses)
    out.push({
      stack: [
        { text: `On ${r.section} · ${r.authorName} · ${day(r.createdAt)}`, bold: true },
        r.body,
      ],
      style: "para",
      unbreakable: true,
    });
  return out;
}

function outcomeSection(doc: PlanDocument): Content[] {
  const out: Content[] = [h2("Outcome")];
  if (!doc.outcome) {
    out.push(para("The plan is not closed yet."));
    return out;
  }
  out.push({ text: labels.outcome[doc.outcome], style: "outcome" });
  if (doc.closedAt) out.push(field("Closed", day(doc.closedAt)));
  out.push(field("The manager's reflection", doc.managerReflection || "None written"));
  out.push(field("The employee's reflection", doc.employeeReflection || "None written"));
  return out;
}

/**
 * Support and engagement, side by side, as frozen when the plan closed: facts on both sides, so
 * the plan closes honestly with them documented. Counts, never a judgement of the person.
 */
function engagementSection(doc: PlanDocument): Content[] {
  const e = doc.engagement;
  if (doc.status !== "closed" || !e) return [];
  const s = e.support;
  const g = e.engagement;
  const support: string[] = s.resources.length
    ? s.resources.map((r) => {
        const delivered = r.checkins.filter((c) => c.delivered).length;
        const records = r.checkins.length
          ? `; delivered at ${delivered} of ${r.checkins.length} check-ins that recorded it`
          : "";
        const who = r.mentorName ? ` (${r.mentorName})` : "";
        const asked = r.requestedByEmployee ? ", asked for by the employee" : "";
        return `Goal ${r.goalNumber} · ${r.kindLabel}: ${r.description}${who}: ${r.statusLabel.toLowerCase()}${asked}${r.offeredOn ? `, offered ${day(r.offeredOn)}` : ""}${records}`;
      })
    : ["No support was recorded on the plan's goals."];
  support.push(
    `Clarifications answered: ${s.requests.clarifications.answered} of ${s.requests.clarifications.asked}`,
    `Support requests answered: ${s.requests.support.answered} of ${s.requests.support.asked} (accepted as a resource: ${s.requests.support.accepted})`,
    `Conversations recorded about engagement: ${s.talks}`,
  );
  const engagement: string[] = [
    ...g.acknowledgements.map((a) =>
      a.acknowledgedOn
        ? `Version ${a.version}: issued ${day(a.issuedOn)}, acknowledged ${day(a.acknowledgedOn)} (${a.workingDays} working days)`
        : `Version ${a.version}: issued ${day(a.issuedOn)}, not acknowledged (${a.workingDays} working days)`,
    ),
    `Check-ins held: ${g.checkins.held} of ${g.checkins.due} due (missed: ${g.checkins.missed})`,
    `Held check-ins with the employee's part written: ${g.checkins.employeePart} of ${g.checkins.held}`,
    `Action items: ${g.actionItems.total} (done: ${g.actionItems.done})`,
    `Evidence answered: ${g.evidence.answered} of ${g.evidence.total}`,
    `Responses written: ${g.responses}`,
    `Questions asked: ${g.threadsStarted.clarification} clarifications, ${g.threadsStarted.support} support requests`,
    `Achievements logged: ${g.achievements}`,
  ];
  const list = (items: string[]): Content => ({ ul: items, style: "para" });
  const out: Content[] = [
    h2("Support and engagement"),
    muted(
      `As recorded when the plan closed (${day(e.frozenAt)}): the support offered and delivered beside the engagement on the plan.`,
    ),
    grid(
      ["Support offered and delivered", "Engagement"],
      [[list(support), list(engagement)]],
      ["*", "*"],
    ),
    { text: "Signals when the plan closed", style: "h4" },
  ];
  if (!e.signals.length) out.push(para("None."));
  for (const sig of e.signals)
    out.push(field(sig.title, `${sig.detail} (since ${day(sig.since)})`));
  out.push({ text: "Conversations recorded", style: "h4" });
  if (!e.talks.length) out.push(para("None recorded."));
  for (const t of e.talks)
    out.push({
      stack: [
        {
          text: `${day(t.heldOn)} · ${t.authorName}${t.signals.length ? ` · about: ${t.signals.join("; ").toLowerCase()}` : ""}`,
          bold: true,
        },
        t.summary,
      ],
      style: "para",
      unbreakable: true,
    });
  return out;
}

/** The styles the helpers above name; shared with the person's record (record.export.pdf). */
export const pdfStyles: TDocumentDefinitions["styles"] = {
  h1: { fontSize: 18, bold: true, margin: [0, 0, 0, 4] },
  h2: { fontSize: 14, bold: true, margin: [0, 14, 0, 4] },
  h3: { fontSize: 11, bold: true, margin: [0, 8, 0, 2] },
  h4: { fontSize: 10, bold: true, margin: [0, 6, 0, 2] },
  h5: { fontSize: 10, bold: true, italics: true, margin: [0, 6, 0, 2] },
  th: { bold: true, color: "#333333" },
  para: { margin: [0, 1, 0, 3] },
  muted: { color: "#555555", margin: [0, 0, 0, 6] },
  note: { italics: true, margin: [0, 0, 0, 6] },
  small: { fontSize: 8.5, color: "#444444" },
  link: { color: "#1a4f8b" },
  outcome: { fontSize: 13, bold: true, margin: [0, 2, 0, 6] },
  footer: { fontSize: 8, color: "#666666" },
};

/** The document definition: pure, so its content can be checked without rendering. */
export function planDocDefinition(doc: PlanDocument): TDocumentDefinitions {
  const title = `Success plan — ${doc.employee.name}`;
  const versionText = doc.version > 0 ? `version ${doc.version}` : "not issued";
  return {
    info: { title, subject: "Success plan", creator: "Headway", producer: "Headway" },
    pageSize: "A4",
    pageMargins: [48, 56, 48, 56],
    defaultStyle: { font: "Roboto", fontSize: 10, lineHeight: 1.2 },
    footer: (current, total) => ({
      columns: [
        { text: `${title} · ${versionText}`, style: "footer" },
        { text: `Page ${current} of ${total}`, alignment: "right", style: "footer" },
      ],
      margin: [48, 16, 48, 0],
    }),
    pageBreakBefore: (node, nodes) =>
      Boolean(node.headlineLevel) &&
      nodes.getFollowingNodesOnPage().every((n) => Boolean(n.headlineLevel)),
    content: [
      h1(title),
      muted(`${labels.status[doc.status]} · ${versionText} · copy made ${day(doc.generatedAt)}`),
      ...peopleSection(doc),
      ...summarySection(doc),
      h2("The standard"),
      para(doc.standard || "Not written yet."),
      ...priorNoticeSection(doc),
      ...evidenceSection(doc),
      ...diagnosisSection(doc),
      ...goalsSection(doc),
      ...checkinsSection(doc),
      ...reviewSection(doc),
      ...acknowledgementSection(doc),
      ...versionsSection(doc),
      ...threadsSection(doc),
      ...responsesSection(doc),
      ...outcomeSection(doc),
      ...engagementSection(doc),
    ],
    styles: pdfStyles,
  };
}

/** Renders the plan as a PDF. Pure in its input: the same document gives the same pages. */
export async function renderPlanPdf(doc: PlanDocument): Promise<Buffer> {
  const pdfmake = await loadPdfmake();
  return pdfmake.createPdf(planDocDefinition(doc)).getBuffer();
}

// ---------------------------------------------------------------------------------------------
// From the plan's detail, as the core service presents it to the actor

/** "evidence:<id>" → `evidence "Missed release"`; "goal:<id>" → `goal 1 "…"`. */
function sectionLabel(detail: PlanDetail, section: string): string {
  const [kind, id] = section.split(/:(.*)/s);
  if (kind === "evidence") {
    const item = detail.evidence.find((e) => e.id === id);
    return item ? `evidence "${item.title}"` : "an evidence item";
  }
  if (kind === "goal") {
    const index = detail.goals.findIndex((g) => g.id === id);
    return index >= 0 ? `goal ${index + 1} "${detail.goals[index]!.description}"` : "a goal";
  }
  if (section === "standard") return "the standard";
  if (section === "diagnosis") return "the diagnosis";
  if (section === "schedule") return "the schedule";
  return section;
}

/**
 * The plan's detail (already filtered for the actor by the core service) as a document. Each
 * field is copied by name, so whatever else the detail carries (private notes, the good-faith
 * answer, abilities) never reaches the PDF.
 */
export function toPlanDocument(
  detail: PlanDetail,
  { now, engagement }: { now: Date; engagement?: EngagementSummary | null },
): PlanDocument {
  const p = detail.plan;
  const resourceNames = new Map(
    detail.goals.flatMap((g) => g.resources.map((r) => [r.id, r.description] as const)),
  );
  return {
    employee: {
      name: p.employee.name,
      title: p.employee.title ?? undefined,
      department: p.employee.department ?? undefined,
    },
    manager: { name: p.manager.name },
    hrPartner: p.hrPartner ? { name: p.hrPartner.name } : null,
    status: p.status,
    version: p.issuedVersion,
    startDate: p.startDate,
    endDate: p.endDate,
    cadenceDays: p.cadenceDays,
    issuedAt: p.issuedAt,
    closedAt: p.closedAt,
    generatedAt: now.toISOString(),
    standard: p.standard,
    evidence: detail.evidence.map((e) => ({
      kind: e.kind,
      title: e.title,
      description: e.description,
      impact: e.impact,
      occurredOn: e.occurredOn,
      unit: e.unit,
      source: e.source,
      series: e.series.map((point) => ({ date: point.date, value: point.value })),
      answer: e.answer,
      employeeSide: e.employeeSide,
      employeeLinks: [...e.employeeLinks],
      answeredAt: e.answeredAt,
    })),
    causes: detail.causes.map((c) => ({
      cause: c.cause,
      notes: c.notes,
      employeeView: c.employeeView,
    })),
    goals: detail.goals.map((g) => ({
      id: g.id,
      description: g.description,
      metric: g.metric,
      unit: g.unit,
      direction: g.direction,
      baseline: g.baseline,
      target: g.target,
      measurement: g.measurement,
      dueDate: g.dueDate,
      resources: g.resources.map((r) => ({
        kind: r.kind,
        description: r.description,
        link: r.link,
        mentorName: r.mentor?.name ?? null,
        hoursPerWeek: r.hoursPerWeek,
        status: r.status,
        requestedByEmployee: r.requestedByEmployee,
      })),
      milestones: g.milestones.map((m) => ({
        title: m.title,
        dueDate: m.dueDate,
        target: m.target,
        earlyWin: m.earlyWin,
        done: m.doneAt !== null,
      })),
    })),
    checkins: detail.checkins.map((c) => ({
      scheduledOn: c.scheduledOn,
      status: c.status,
      heldOn: c.heldOn,
      confidence: c.confidence,
      goals: c.goals.map((v) => ({
        goalId: v.goalId,
        value: v.value,
        status: v.status,
        note: v.note,
      })),
      resources: c.resources.map((r) => ({
        description: resourceNames.get(r.resourceId) ?? "A resource",
        delivered: r.delivered,
      })),
      managerNotes: c.managerNotes,
      employeeNotes: c.employeeNotes,
      nextSteps: c.nextSteps,
    })),
    reviews: detail.reviews.map((r) => ({
      authorName: r.author.name,
      decision: r.decision,
      comment: r.comment,
      createdAt: r.createdAt,
    })),
    overrides: detail.overrides.map((o) => ({
      title: o.title,
      authorName: o.author.name,
      reason: o.reason,
      createdAt: o.createdAt,
    })),
    priorNotice: detail.priorNotice.map((n) => ({
      heldOn: n.heldOn,
      kind: n.kind,
      summary: n.summary,
    })),
    versions: detail.versions.map((v) => ({
      number: v.number,
      changeSummary: v.changeSummary,
      createdAt: v.createdAt,
      acknowledgedAt: v.acknowledgedAt,
    })),
    threads: detail.threads.map((t) => {
      const goalIndex = t.goalId ? detail.goals.findIndex((g) => g.id === t.goalId) : -1;
      return {
        kind: t.kind,
        about: goalIndex >= 0 ? `goal ${goalIndex + 1}` : null,
        subject: t.subject,
        status: t.status,
        messages: t.messages.map((m) => ({
          authorName: m.author.name,
          body: m.body,
          createdAt: m.createdAt,
        })),
      };
    }),
    responses: detail.responses.map((r) => ({
      section: sectionLabel(detail, r.section),
      authorName: r.author.name,
      body: r.body,
      createdAt: r.createdAt,
    })),
    outcome: p.outcome,
    managerReflection: p.managerReflection,
    employeeReflection: p.employeeReflection,
    engagement: engagement ? toEngagementDocument(engagement) : null,
  };
}

/** The frozen summary, field by field. */
function toEngagementDocument(e: EngagementSummary): EngagementDocument {
  return {
    frozenAt: e.frozenAt,
    signals: e.signals.map((s) => ({ title: s.title, detail: s.detail, since: s.since })),
    support: e.support,
    engagement: e.engagement,
    talks: e.talks.map((t) => ({
      heldOn: t.heldOn,
      authorName: t.author.name,
      summary: t.summary,
      signals: t.signals.map((s) => s.title),
    })),
  };
}
