import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";
import { guideQuestions } from "../diagnosis/diagnosis.guide.js";
import {
  day,
  field,
  grid,
  h1,
  h2,
  h3,
  loadPdfmake,
  muted,
  num,
  para,
  pdfStyles,
  planDocDefinition,
  toPlanDocument,
} from "../plans/plans.pdf.js";
import type { PlanDetail } from "../plans/plans.service.js";
import { type CauseKind, labels } from "../plans/plans.types.js";
import type { PersonRecord } from "./record.export.js";

// The person's record as a document they can read and keep. The first page says what the copy
// is and how to check it (the audit head, the SHA-256 of record.json, the signing key); each
// success plan is laid out exactly as its own PDF (with its support and engagement); then 1:1s,
// feedback, growth, diagnostic conversations, mentoring, confidential threads with HR and the
// audit events about the person. Fonts and the renderer's locked-down
// file and URL access come from the plan PDF module.

/** An ISO moment → "2 Mar 2026, 09:00 UTC". */
function moment(value: string | null | undefined): string {
  if (!value) return "—";
  return `${day(value)}, ${value.slice(11, 16)} UTC`;
}

const chapter = (text: string): Content => ({ text, style: "h1", pageBreak: "before" });

const none = (text: string): Content => muted(text);

function firstPage(
  record: PersonRecord,
  {
    recordSha256,
    keyId,
    fingerprint,
  }: { recordSha256: string; keyId: string; fingerprint: string },
): Content[] {
  const s = record;
  const counts: [string, number][] = [
    ["Success plans", s.plans.length],
    ["1:1 series", s.oneOnOnes.length],
    ["Feedback received", s.feedback.received.length],
    ["Feedback given", s.feedback.given.length],
    ["Growth goals", s.growthGoals.length],
    ["Onboarding plans", s.onboardingPlans.length],
    ["Documented discussions", s.discussions.length],
    ["Diagnostic conversations", s.diagnoses.length],
    ["Mentoring as mentee", s.mentoring.asMentee.length],
    ["Mentoring as mentor", s.mentoring.asMentor.length],
    ["Confidential threads with HR", s.concerns.length],
    ["Audit events about you", s.auditEvents.length],
  ];
  return [
    h1(`Headway record — ${s.person.name}`),
    muted(
      `Everything Headway holds about ${s.person.name} that they may see, as of ${moment(s.generatedAt)}.`,
    ),
    h2("Checking this copy"),
    grid(
      null,
      [
        ["Made", moment(s.generatedAt)],
        ["Audit head", `Event ${s.auditHead.sequence}, hash ${s.auditHead.hash}`],
        ["record.json SHA-256", recordSha256],
        ["Signing key", `${keyId} (Ed25519, fingerprint ${fingerprint})`],
      ],
      [110, "*"],
    ),
    para(
      "This PDF, record.json and signature.json were made together. signature.json is an Ed25519 signature over the SHA-256 of record.json, the SHA-256 of this PDF and the audit head. Anyone with access to the system can check the copy with “headway record verify-export <file>.zip”: it confirms the signature, that neither file was changed, and that the audit trail still holds the head above — so the history behind this copy was not rewritten.",
    ),
    h2("What is in it"),
    grid(
      ["Part", "Items"],
      counts.map(([label, n]) => [label, String(n)]),
      ["*", 60],
    ),
    para(
      "Left out, as they are in the app: your manager's private notes, HR's review of draft plans, and HR's confidential records.",
    ),
  ];
}

function personChapter(record: PersonRecord): Content[] {
  const p = record.person;
  return [
    chapter("You"),
    grid(
      null,
      [
        ["Name", p.name],
        ["Email", p.email],
        ["Title", p.title || "—"],
        ["Department", p.department || "—"],
        ["Location", p.location || "—"],
        ["Manager", p.manager?.name ?? "—"],
        ["Employee id", p.record?.employeeId ?? "—"],
        ["Hire date", day(p.record?.hireDate ?? null)],
        ["Roles", p.record?.roles.join(", ") || "employee"],
      ],
      [110, "*"],
    ),
  ];
}

/** Conversations about engagement on a plan still running (a closed plan's PDF lists its own). */
function talksSection(plan: PersonRecord["plans"][number] | undefined): Content[] {
  if (!plan || plan.engagement.summary || !plan.engagement.talks.length) return [];
  return [
    h2("Conversations recorded about engagement"),
    ...plan.engagement.talks.map((t) =>
      field(
        `${day(t.heldOn)}, recorded by ${t.author.name}${
          t.signals.length ? ` (${t.signals.map((x) => x.title).join("; ")})` : ""
        }`,
        t.summary,
      ),
    ),
  ];
}

function plansChapter(record: PersonRecord, details: PlanDetail[], now: Date): Content[] {
  if (!details.length)
    return [chapter("Success plans"), none("No success plan was issued to you.")];
  return details.flatMap((detail, i) => {
    const plan = record.plans.find((p) => p.plan.id === detail.plan.id);
    // Each plan exactly as its own PDF lays it out, from the same detail the app shows you, with
    // the support and engagement frozen when it closed.
    const content = planDocDefinition(
      toPlanDocument(detail, { now, engagement: plan?.engagement.summary ?? null }),
    ).content as Content[];
    return [
      ...(i === 0 ? [chapter("Success plans")] : [{ text: "", pageBreak: "before" } as Content]),
      ...content,
      ...talksSection(plan),
    ];
  });
}

function oneOnOnesChapter(record: PersonRecord): Content[] {
  const out: Content[] = [chapter("1:1s")];
  if (!record.oneOnOnes.length) return [...out, none("You have no 1:1 series.")];
  for (const s of record.oneOnOnes) {
    out.push(h2(`With ${s.manager.name}`));
    out.push(
      muted(
        `${s.series.cadence} · ${s.series.durationMinutes} minutes · ${s.series.timeZone} · ${s.series.status}`,
      ),
    );
    const held = s.meetings.filter(
      (m) => m.notes.length || m.commitments.length || m.meeting.status !== "scheduled",
    );
    out.push(
      grid(
        ["Date", "Status", "Notes"],
        s.meetings.map((m) => [
          `${day(m.meeting.localDate)} ${m.meeting.localTime}`,
          m.meeting.status +
            (m.meeting.cancelledBy ? ` by ${m.meeting.cancelledBy.name}` : "") +
            (m.meeting.cancelReason ? ` (${m.meeting.cancelReason})` : ""),
          String(m.notes.length),
        ]),
        [120, "*", 40],
      ),
    );
    for (const m of held) {
      if (!m.notes.length && !m.agenda.length) continue;
      out.push(h3(`${day(m.meeting.localDate)} ${m.meeting.localTime}`));
      for (const point of m.agenda)
        out.push(
          field(`Agenda (${point.author.name})`, point.body + (point.discussed ? " ✓" : "")),
        );
      for (const note of m.notes)
        out.push(
          field(
            `${note.visibility === "private" ? "Your private note" : "Shared note"} (${note.author.name})`,
            note.body,
          ),
        );
    }
    out.push(h3("Commitments"));
    out.push(
      s.commitments.length
        ? grid(
            ["Commitment", "Owner", "Due", "Status"],
            s.commitments.map((c) => [c.body, c.owner.name, day(c.dueOn), c.status]),
            ["*", 90, 70, 60],
          )
        : none("No commitments."),
    );
  }
  return out;
}

function feedbackChapter(record: PersonRecord): Content[] {
  const item = (f: PersonRecord["feedback"]["received"][number], who: string): Content[] => [
    h3(`${who} · ${day(f.sharedAt ?? f.createdAt)} · ${f.kind}`),
    field("Situation", f.situation),
    field("Behaviour", f.behaviour),
    field("Impact", f.impact),
    ...f.replies.map((r) => field(`Reply from ${r.author.name}, ${day(r.createdAt)}`, r.body)),
  ];
  const { received, given } = record.feedback;
  return [
    chapter("Feedback"),
    h2("Received"),
    ...(received.length
      ? received.flatMap((f) => item(f, `From ${f.giver.name}`))
      : [none("No feedback has been shared with you.")]),
    h2("Given"),
    ...(given.length
      ? given.flatMap((f) => item(f, `To ${f.recipient.name} (${f.visibility})`))
      : [none("You have not given feedback.")]),
  ];
}

function growthChapter(record: PersonRecord): Content[] {
  const out: Content[] = [chapter("Coaching and growth"), h2("Coaching profile")];
  const entries = record.coachingProfile.fields.flatMap((f) =>
    f.entries.map((e) => [
      f.label,
      e.author.name,
      [e.body, e.scale === null ? "" : `(scale ${e.scale})`].filter(Boolean).join(" "),
    ]),
  );
  out.push(
    entries.length
      ? grid(["Field", "Written by", "Entry"], entries, [110, 90, "*"])
      : none("Your coaching profile is empty."),
  );
  out.push(h2("Growth goals"));
  if (!record.growthGoals.length) out.push(none("No growth goals."));
  for (const g of record.growthGoals) {
    out.push(h3(`${g.title} (${g.status})`));
    out.push(field("Specific", g.specific));
    out.push(field("Measure", g.measure));
    out.push(field("From → to", `${g.baseline || "—"} → ${g.target || "—"}`));
    out.push(field("Due", day(g.dueOn)));
    out.push(field("Progress", `${num(g.progress)}%`));
    for (const u of g.updates)
      out.push(field(`Update by ${u.author.name}, ${day(u.createdAt)}`, u.body));
    if (g.resources.length)
      out.push(
        grid(
          ["Resource", "Kind", "Status"],
          g.resources.map((r) => [
            [
              r.description,
              r.mentor ? `Mentor: ${r.mentor.name}` : "",
              r.sessionStartsAt ? `On ${moment(r.sessionStartsAt)}` : "",
              r.link,
            ]
              .filter(Boolean)
              .join("\n"),
            labels.resource[r.kind] ?? r.kind,
            labels.resourceStatus[r.status] ?? r.status,
          ]),
          ["*", 90, 70],
        ),
      );
  }
  out.push(h2("Onboarding"));
  if (!record.onboardingPlans.length) out.push(none("No onboarding plan."));
  for (const o of record.onboardingPlans) {
    out.push(h3(`Onboarding from ${day(o.startDate)} with ${o.manager.name} (${o.status})`));
    out.push(
      grid(
        ["Day", "Stage", "Status", "Notes"],
        o.stages.map((st) => [
          String(st.day),
          `${st.title}\n${st.success}`,
          st.status,
          [
            st.managerNotes && `Manager: ${st.managerNotes}`,
            st.employeeNotes && `You: ${st.employeeNotes}`,
          ]
            .filter(Boolean)
            .join("\n") || "—",
        ]),
        [30, "*", 60, "*"],
      ),
    );
  }
  out.push(h2("Documented discussions"));
  if (!record.discussions.length) out.push(none("No documented discussion was shared with you."));
  for (const d of record.discussions) {
    out.push(h3(`${day(d.occurredOn)} with ${d.manager.name} (${d.status})`));
    out.push(field("What happened", d.whatHappened));
    out.push(field("Impact", d.impact));
    out.push(field("Expectation", d.expectation));
    out.push(field("Your response", d.employeeResponse));
    out.push(field("Acknowledged", moment(d.acknowledgedAt)));
  }
  return out;
}

const causeName = (c: string) => labels.cause[c as CauseKind] ?? c;

function diagnosesChapter(record: PersonRecord): Content[] {
  const out: Content[] = [
    chapter("Diagnostic conversations"),
    muted(
      "What was recorded in the conversations about what gets in the way of your work, once completed: between you, the person who held it and HR.",
    ),
  ];
  if (!record.diagnoses.length) return [...out, none("No diagnostic conversation was completed.")];
  const question = (id: string) => guideQuestions.get(id)?.text ?? id;
  for (const d of record.diagnoses) {
    out.push(h2(`${day(d.completedAt)} with ${d.manager.name}`));
    out.push(field("Causes", d.causes.map(causeName).join(", ") || "—"));
    if (d.skills.length) out.push(field("Skills to build", d.skills.join(", ")));
    for (const [section, answers] of Object.entries(d.notes)) {
      out.push(h3(section === "closing" ? "Closing" : causeName(section)));
      for (const [id, text] of Object.entries(answers))
        out.push(field(`${question(id)} (${d.manager.name})`, text));
    }
    const own = Object.entries(d.employeeAnswers);
    if (own.length) {
      out.push(h3("In your own words (recorded with your consent)"));
      for (const [id, text] of own) out.push(field(question(id), text));
    }
  }
  return out;
}

function mentoringChapter(record: PersonRecord): Content[] {
  const out: Content[] = [
    chapter("Mentoring"),
    muted("The session log is the mentor's and the mentee's alone."),
  ];
  const { asMentee, asMentor } = record.mentoring;
  const one = (m: (typeof asMentee)[number], title: string): Content[] => [
    h3(`${title} · ${m.topic || "no topic"} (${m.status})`),
    muted(
      [
        `Asked ${moment(m.createdAt)} by ${m.requestedBy.name}`,
        m.respondedAt ? `answered ${moment(m.respondedAt)}` : null,
        m.endedAt ? `ended ${moment(m.endedAt)}` : null,
      ]
        .filter(Boolean)
        .join(" · "),
    ),
    ...(m.skills.length ? [field("Skills", m.skills.join(", "))] : []),
    m.sessions?.length
      ? grid(
          ["Date", "Topic", "Logged by"],
          m.sessions.map((x) => [day(x.heldOn), x.topic, x.author.name]),
          [70, "*", 110],
        )
      : none("No session logged."),
  ];
  out.push(h2("As mentee"));
  if (!asMentee.length) out.push(none("You have not been mentored through Headway."));
  for (const m of asMentee) out.push(...one(m, `With ${m.mentor.name}`));
  out.push(h2("As mentor"));
  if (!asMentor.length) out.push(none("You have not mentored anyone through Headway."));
  for (const m of asMentor) out.push(...one(m, `Mentoring ${m.mentee.name}`));
  return out;
}

function concernsChapter(record: PersonRecord): Content[] {
  const out: Content[] = [
    chapter("Confidential threads with HR"),
    muted("Between you and HR only: never shown to your manager or the person a thread is about."),
  ];
  if (!record.concerns.length) return [...out, none("You have raised no concern with HR.")];
  for (const c of record.concerns) {
    out.push(h2(c.subject));
    out.push(muted(`Raised ${moment(c.createdAt)} · ${c.status}`));
    for (const m of c.messages) out.push(field(`${m.author.name}, ${moment(m.createdAt)}`, m.body));
  }
  return out;
}

function auditChapter(record: PersonRecord): Content[] {
  return [
    chapter("Audit events about you"),
    muted(
      "What was done, and by whom, on your records: the system's own tamper-evident history, up to the audit head on the first page.",
    ),
    record.auditEvents.length
      ? grid(
          ["#", "When", "Who", "What"],
          record.auditEvents.map((e) => [String(e.seq), moment(e.at), e.actor, e.action]),
          [40, 110, 110, "*"],
        )
      : none("No events."),
  ];
}

/** The document definition: pure, so its content can be checked without rendering. */
export function recordDocDefinition(
  record: PersonRecord,
  planDetails: PlanDetail[],
  signing: { recordSha256: string; keyId: string; fingerprint: string },
): TDocumentDefinitions {
  const title = `Headway record — ${record.person.name}`;
  return {
    info: { title, subject: "Headway record", creator: "Headway", producer: "Headway" },
    pageSize: "A4",
    pageMargins: [48, 56, 48, 56],
    defaultStyle: { font: "Roboto", fontSize: 10, lineHeight: 1.2 },
    footer: (current, total) => ({
      columns: [
        { text: `${title} · audit head ${record.auditHead.sequence}`, style: "footer" },
        { text: `Page ${current} of ${total}`, alignment: "right", style: "footer" },
      ],
      margin: [48, 16, 48, 0],
    }),
    pageBreakBefore: (node, nodes) =>
      Boolean(node.headlineLevel) &&
      nodes.getFollowingNodesOnPage().every((n) => Boolean(n.headlineLevel)),
    content: [
      ...firstPage(record, signing),
      ...personChapter(record),
      ...plansChapter(record, planDetails, new Date(record.generatedAt)),
      ...oneOnOnesChapter(record),
      ...feedbackChapter(record),
      ...growthChapter(record),
      ...diagnosesChapter(record),
      ...mentoringChapter(record),
      ...concernsChapter(record),
      ...auditChapter(record),
    ],
    styles: pdfStyles,
  };
}

export async function renderRecordPdf(
  record: PersonRecord,
  planDetails: PlanDetail[],
  signing: { recordSha256: string; keyId: string; fingerprint: string },
): Promise<Buffer> {
  const pdfmake = await loadPdfmake();
  return pdfmake.createPdf(recordDocDefinition(record, planDetails, signing)).getBuffer();
}
