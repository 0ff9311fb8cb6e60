import { localDate, zoneOrUtc } from "../calendar/calendar.zones.js";

// What is due, given rows and `now`. Pure: the repository finds candidates and claims them,
// the service sends what these rules say. Each reminder names how it is claimed, so that it
// goes out once however many passes run; and each notice has a dedupe key, per person.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Where a reminder leads in the app. */
export const reminderLinks = {
  series: (seriesId: string) => `/one-on-ones/${seriesId}`,
  meeting: (seriesId: string, meetingId: string) =>
    `/one-on-ones/${seriesId}/meetings/${meetingId}`,
  feedbackRequests: () => "/feedback/requests",
  onboarding: (planId: string) => `/onboarding/${planId}`,
};

/**
 * The key of the first "feedback requested" notice: the same one the feedback service uses
 * when the request is made, so the asked person is told once whoever tells them first.
 */
export const feedbackRequestedKey = (requestId: string) => `feedback.requested:${requestId}`;
export const feedbackFollowUpKey = (requestId: string) => `feedback.request_reminder:${requestId}`;

/** Feedback requests are reminded once more when still open this long after the first notice. */
export const FEEDBACK_REMINDER_AFTER_DAYS = 3;
/** Onboarding stages are reminded when due within this many days. */
export const ONBOARDING_DUE_WITHIN_DAYS = 3;

export type MeetingCandidate = {
  meetingId: string;
  seriesId: string;
  scheduledAt: Date;
  durationMinutes: number;
  timeZone: string;
  manager: { id: string; name: string };
  report: { id: string; name: string };
  reminderSentAt: Date | null;
  /** Talking points on the shared agenda not yet discussed. */
  openTalkingPoints: number;
};

export type CommitmentCandidate = {
  commitmentId: string;
  seriesId: string;
  ownerId: string;
  body: string;
  dueOn: string;
  reminderSentOn: string | null;
  /** The series' time zone: "today" is the owner's day there. */
  timeZone: string;
};

export type FeedbackRequestCandidate = {
  requestId: string;
  askedId: string;
  requester: { id: string; name: string };
  about: { id: string; name: string };
  /** When the asked person was first told (the notification), if they were. */
  requestedNoticeAt: Date | null;
  reminderSent: boolean;
};

export type OnboardingStageCandidate = {
  stageId: string;
  planId: string;
  day: number;
  title: string;
  dueOn: string;
  employee: { id: string; name: string };
  managerId: string;
  reminderSentAt: Date | null;
};

export type Notice = {
  personId: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  dedupeKey: string;
};

/** How a reminder is claimed so that only one pass sends it. */
export type Claim =
  | { kind: "meeting"; id: string }
  | {
      kind: "commitment";
      id: string;
      dueOn: string;
      /** The value read: the claim is a compare-and-set on it. */
      previous: string | null;
      sentOn: string;
    }
  | { kind: "onboarding_stage"; id: string }
  /** No column to claim: the request must still be open, and the notices' dedupe keys decide. */
  | { kind: "feedback_request"; id: string };

export type ReminderKind =
  | "oneonone.upcoming"
  | "commitment.due"
  | "commitment.overdue"
  | "feedback.requested"
  | "feedback.request_reminder"
  | "onboarding.stage_due";

export type Reminder = {
  kind: ReminderKind;
  subjectType: string;
  subjectId: string;
  claim: Claim;
  notices: Notice[];
  /** For the audit event: ids and dates only, never text. */
  data: Record<string, string | number | boolean | null>;
};

function dateTimeIn(timeZone: string, at: Date) {
  const zone = zoneOrUtc(timeZone);
  const day = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    weekday: "long",
    day: "numeric",
    month: "long",
  }).format(at);
  const time = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
  return { zone, day, time };
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

function excerpt(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * 1:1 tomorrow: within the next 24 hours, to both sides, with the time in the series' zone.
 * When nothing is on the shared agenda, both are also asked to add something.
 */
export function meetingReminders({
  meetings,
  now,
}: {
  meetings: MeetingCandidate[];
  now: Date;
}): Reminder[] {
  const out: Reminder[] = [];
  for (const m of meetings) {
    if (m.reminderSentAt) continue;
    const lead = m.scheduledAt.getTime() - now.getTime();
    if (lead <= 0 || lead > DAY) continue;
    const { zone, day, time } = dateTimeIn(m.timeZone, m.scheduledAt);
    const when = localDate(zone, m.scheduledAt) === localDate(zone, now) ? "today" : "tomorrow";
    const link = reminderLinks.meeting(m.seriesId, m.meetingId);
    const notices: Notice[] = [];
    for (const [me, other] of [
      [m.manager, m.report],
      [m.report, m.manager],
    ] as const) {
      notices.push({
        personId: me.id,
        kind: "oneonone.upcoming",
        title: `1:1 with ${other.name} ${when} at ${time}`,
        body: `Your 1:1 with ${other.name} is on ${day} at ${time} (${zone} time), for ${m.durationMinutes} minutes. Add what you want to talk about to the shared agenda.`,
        link,
        dedupeKey: `oneonone-upcoming:${m.meetingId}`,
      });
      if (m.openTalkingPoints === 0)
        notices.push({
          personId: me.id,
          kind: "oneonone.agenda_empty",
          title: `Nothing on the agenda for your 1:1 with ${other.name}`,
          body: `The shared agenda for ${day} at ${time} (${zone} time) is empty. Add a talking point, or pull a question from the deck, so the time goes to what matters to you both.`,
          link,
          dedupeKey: `oneonone-agenda-empty:${m.meetingId}`,
        });
    }
    out.push({
      kind: "oneonone.upcoming",
      subjectType: "one_on_one_series",
      subjectId: m.seriesId,
      claim: { kind: "meeting", id: m.meetingId },
      notices,
      data: {
        meetingId: m.meetingId,
        scheduledAt: m.scheduledAt.toISOString(),
        agendaEmpty: m.openTalkingPoints === 0,
      },
    });
  }
  return out;
}

/**
 * Commitments, to their owner: "due" the day before (or on the day, if that was missed) and
 * "overdue" the day after, each once per due date. `reminderSentOn` records the last one sent:
 * on or after the day before the due date means "due" went out; after it, "overdue" did.
 */
export function commitmentReminders({
  commitments,
  now,
}: {
  commitments: CommitmentCandidate[];
  now: Date;
}): Reminder[] {
  const out: Reminder[] = [];
  for (const c of commitments) {
    const today = localDate(zoneOrUtc(c.timeZone), now);
    const dayBefore = addDays(c.dueOn, -1);
    const sent = c.reminderSentOn;
    let state: "due" | "overdue" | null = null;
    if (today > c.dueOn) state = sent && sent > c.dueOn ? null : "overdue";
    else if (today >= dayBefore) state = sent && sent >= dayBefore ? null : "due";
    if (!state) continue;
    const what = `“${excerpt(c.body)}”`;
    const notice: Notice =
      state === "due"
        ? {
            personId: c.ownerId,
            kind: "commitment.due",
            title: `Commitment due ${today === c.dueOn ? "today" : "tomorrow"}`,
            body: `${what} is due on ${c.dueOn}. Mark it done when it is, or agree a new date in your next 1:1.`,
            link: reminderLinks.series(c.seriesId),
            dedupeKey: `commitment-due:${c.commitmentId}:${c.dueOn}`,
          }
        : {
            personId: c.ownerId,
            kind: "commitment.overdue",
            title: "Commitment overdue",
            body: `${what} was due on ${c.dueOn}. Mark it done if it is, or agree a new date or drop it in your next 1:1: open commitments carry forward until then.`,
            link: reminderLinks.series(c.seriesId),
            dedupeKey: `commitment-overdue:${c.commitmentId}:${c.dueOn}`,
          };
    out.push({
      kind: state === "due" ? "commitment.due" : "commitment.overdue",
      subjectType: "one_on_one_series",
      subjectId: c.seriesId,
      claim: {
        kind: "commitment",
        id: c.commitmentId,
        dueOn: c.dueOn,
        previous: c.reminderSentOn,
        sentOn: today,
      },
      notices: [notice],
      data: { commitmentId: c.commitmentId, dueOn: c.dueOn },
    });
  }
  return out;
}

/**
 * Feedback requested: the asked person is told once, and reminded once when the request is
 * still open three days after that.
 */
export function feedbackRequestReminders({
  requests,
  now,
}: {
  requests: FeedbackRequestCandidate[];
  now: Date;
}): Reminder[] {
  const out: Reminder[] = [];
  for (const r of requests) {
    const on = r.about.id === r.requester.id ? "" : ` about ${r.about.name}`;
    let notice: Notice | null = null;
    if (!r.requestedNoticeAt)
      notice = {
        personId: r.askedId,
        kind: "feedback.requested",
        title: `${r.requester.name} asked you for feedback${on}`,
        body: `${r.requester.name} would value your feedback${on}. Describe the situation, the behaviour and its impact; recognition counts as much as what could be better.`,
        link: reminderLinks.feedbackRequests(),
        dedupeKey: feedbackRequestedKey(r.requestId),
      };
    else if (
      !r.reminderSent &&
      now.getTime() - r.requestedNoticeAt.getTime() >= FEEDBACK_REMINDER_AFTER_DAYS * DAY
    )
      notice = {
        personId: r.askedId,
        kind: "feedback.request_reminder",
        title: `${r.requester.name} is still waiting for your feedback${on}`,
        body: `${r.requester.name} asked for your feedback${on} ${FEEDBACK_REMINDER_AFTER_DAYS} days ago. A few sentences help; you can also decline the request.`,
        link: reminderLinks.feedbackRequests(),
        dedupeKey: feedbackFollowUpKey(r.requestId),
      };
    if (!notice) continue;
    out.push({
      kind: notice.kind as ReminderKind,
      subjectType: "feedback_request",
      subjectId: r.requestId,
      claim: { kind: "feedback_request", id: r.requestId },
      notices: [notice],
      data: { requestId: r.requestId, askedId: r.askedId },
    });
  }
  return out;
}

/** Onboarding stage due within three days: to the new hire and their manager, once. */
export function onboardingStageReminders({
  stages,
  now,
}: {
  stages: OnboardingStageCandidate[];
  now: Date;
}): Reminder[] {
  const today = now.toISOString().slice(0, 10);
  const until = addDays(today, ONBOARDING_DUE_WITHIN_DAYS);
  const out: Reminder[] = [];
  for (const s of stages) {
    if (s.reminderSentAt || s.dueOn < today || s.dueOn > until) continue;
    const days = Math.round((Date.parse(s.dueOn) - Date.parse(today)) / DAY);
    const when = days === 0 ? "today" : days === 1 ? "tomorrow" : `in ${days} days`;
    const link = reminderLinks.onboarding(s.planId);
    const title = `${s.day}-day onboarding check-in due ${when}`;
    out.push({
      kind: "onboarding.stage_due",
      subjectType: "onboarding_plan",
      subjectId: s.planId,
      claim: { kind: "onboarding_stage", id: s.stageId },
      notices: [
        {
          personId: s.employee.id,
          kind: "onboarding.stage_due",
          title,
          body: `The ${s.day}-day stage of your onboarding plan, “${excerpt(s.title)}”, is due on ${s.dueOn}. Look at what success looks like at this stage, and note how it is going before you meet your manager.`,
          link,
          dedupeKey: `onboarding-stage-due:${s.stageId}`,
        },
        {
          personId: s.managerId,
          kind: "onboarding.stage_due",
          title: `${title}: ${s.employee.name}`,
          body: `The ${s.day}-day stage of ${s.employee.name}'s onboarding plan, “${excerpt(s.title)}”, is due on ${s.dueOn}. Set time aside to check in on what success looks like at this stage.`,
          link,
          dedupeKey: `onboarding-stage-due:${s.stageId}`,
        },
      ],
      data: { stageId: s.stageId, day: s.day, dueOn: s.dueOn },
    });
  }
  return out;
}
