import type pg from "pg";
import type { Keyring } from "../../src/modules/keys/keys.service.js";
import {
  type Cadence,
  occurrenceDates,
  UPCOMING_MEETINGS,
} from "../../src/modules/oneonones/oneonones.rules.js";
import { type BufferedTable, bufferTable, copyInto } from "./copy.js";
import type { Ids } from "./ids.js";
import type { Org, Person } from "./org.js";
import type { PlanSkeleton } from "./plans.js";
import type { Random, Streams } from "./random.js";
import { addDays, at, type Clock, daysBetween, onWeekday, zoned } from "./time.js";
import { cancelReasons, commitmentBodies, feedbackText, growthGoalTitles } from "./words.js";

// Continuous coaching: one 1:1 series per manager–report pair, about twenty meetings per person
// over the history (weekly or fortnightly, some monthly; held, cancelled — more often by some
// managers than others — or moved; the next four ahead), commitments made in them, and written
// feedback, mostly from managers. Meetings and feedback are streamed straight into COPY.

const DAY = 86_400_000;
/** Meetings per person over the history, the next four included. */
const MEETINGS_PER_PERSON = 20;
const FEEDBACK_PER_PERSON = 4;

const perDay: Record<Cadence, number> = { weekly: 1 / 7, biweekly: 1 / 14, monthly: 12 / 365 };
const startTimes = [
  "09:00",
  "09:30",
  "10:00",
  "10:30",
  "11:00",
  "13:30",
  "14:00",
  "14:30",
  "15:00",
  "16:00",
];
const iso = (d: Date) => d.toISOString();

export type Progress = (table: string, rows: number) => void;

type Series = {
  id: string;
  report: number;
  manager: number;
  cadence: Cadence;
  weekday: number;
  startTime: string;
  duration: number;
  startsOn: string;
  active: boolean;
};

/** The first day a pair can meet, and the last (when one of them left). */
function pairWindow(report: Person, manager: Person, clock: Clock) {
  const from = [addDays(report.hireDate, 7), addDays(manager.hireDate, 7), clock.windowStart]
    .sort()
    .at(-1)!;
  const leftOn =
    [report.leftOn, manager.leftOn].filter((d): d is string => d !== null).sort()[0] ?? null;
  return { from, leftOn };
}

export async function writeOneOnOnes({
  client,
  org,
  clock,
  streams,
  ids,
  keys,
  bench,
  progress,
}: {
  client: pg.PoolClient;
  org: Org;
  clock: Clock;
  streams: Streams;
  ids: Ids;
  keys: Keyring;
  bench: { manager: number };
  progress: Progress;
}) {
  const r = streams("one-on-ones");
  const { people } = org;
  const nowMs = clock.nowMs;
  const today = clock.today;

  // First the shape of every series, then how far back each goes: scaled so the whole history
  // holds about MEETINGS_PER_PERSON meetings a person, newer series more common than old ones.
  const series: Series[] = [];
  let exposure = 0;
  let activePairs = 0;
  for (const report of people) {
    if (report.manager < 0) continue;
    const manager = people[report.manager]!;
    const cadence = r.weighted([
      ["weekly", 30],
      ["biweekly", 60],
      ["monthly", 10],
    ] as const);
    const { from, leftOn } = pairWindow(report, manager, clock);
    const until = leftOn ?? today;
    exposure += perDay[cadence] * Math.max(0, daysBetween(from, until));
    if (!leftOn) activePairs += 1;
    series.push({
      id: ids.next("one_on_one_series"),
      report: report.index,
      manager: manager.index,
      cadence,
      weekday: r.int(1, 5),
      startTime: r.pick(startTimes),
      duration: r.weighted([
        [30, 70],
        [45, 15],
        [60, 15],
      ] as const),
      startsOn: from,
      active: !leftOn,
    });
  }
  const wantedPast = (MEETINGS_PER_PERSON * people.length - UPCOMING_MEETINGS * activePairs) / 1.03;
  // Ages are drawn as u^1.5 of the time available (mean 0.4 of it).
  const scale = Math.min(1, Math.max(0.05, wantedPast / (0.4 * exposure)));
  for (const s of series) {
    const { from, leftOn } = pairWindow(people[s.report]!, people[s.manager]!, clock);
    const available = Math.max(0, daysBetween(from, leftOn ?? today));
    const age = Math.floor(scale * available * r.next() ** 1.5);
    s.startsOn = addDays(leftOn ?? today, -age);
    if (s.startsOn < from) s.startsOn = from;
    if (s.startsOn > today) s.startsOn = today;
  }

  const seriesTable = bufferTable("one_on_one_series", [
    "id",
    "manager_id",
    "report_id",
    "cadence",
    "weekday",
    "start_time",
    "duration_minutes",
    "time_zone",
    "starts_on",
    "status",
    "version",
    "created_at",
    "updated_at",
  ]);
  for (const s of series) {
    const manager = people[s.manager]!;
    const created = iso(at(addDays(s.startsOn, -r.int(1, 10)), "10:00", r.int(0, 300)));
    seriesTable.row(
      s.id,
      manager.id,
      people[s.report]!.id,
      s.cadence,
      s.weekday,
      s.startTime,
      s.duration,
      manager.timeZone,
      s.startsOn,
      s.active ? "active" : "paused",
      1,
      created,
      created,
    );
  }
  progress("one_on_one_series", await seriesTable.copy(client));

  // Meetings, streamed; commitments, agenda points and notes gathered on the way.
  const commitments = bufferTable("commitments", [
    "id",
    "series_id",
    "meeting_id",
    "owner_id",
    "created_by_id",
    "body",
    "due_on",
    "status",
    "closed_at",
    "reminder_sent_on",
    "created_at",
    "updated_at",
  ]);
  const points = bufferTable("one_on_one_talking_points", [
    "id",
    "series_id",
    "author_id",
    "body",
    "deck_question_id",
    "added_for_meeting_id",
    "discussed_in_meeting_id",
    "discussed_at",
    "created_at",
  ]);
  const notes = bufferTable("one_on_one_notes", [
    "id",
    "meeting_id",
    "author_id",
    "visibility",
    "body",
    "created_at",
    "updated_at",
  ]);
  const meetings = copyInto(client, "one_on_one_meetings", [
    "id",
    "series_id",
    "scheduled_at",
    "duration_minutes",
    "status",
    "held_at",
    "cancelled_by_id",
    "cancel_reason",
    "cancelled_at",
    "rescheduled_to_id",
    "reminder_sent_at",
    "created_at",
    "updated_at",
  ]);
  const remindedAt = (scheduled: Date) => {
    const t = scheduled.getTime() - DAY;
    return t <= nowMs ? iso(new Date(t)) : null;
  };
  for (const s of series) {
    const report = people[s.report]!;
    const manager = people[s.manager]!;
    const tz = manager.timeZone;
    const step = s.cadence === "weekly" ? 7 : s.cadence === "biweekly" ? 14 : 28;
    const stop = report.leftOn ?? manager.leftOn;
    const span = daysBetween(s.startsOn, stop ?? today);
    const dates = occurrenceDates(
      {
        cadence: s.cadence,
        weekday: s.weekday,
        startTime: s.startTime,
        timeZone: tz,
        startsOn: s.startsOn,
      },
      s.startsOn,
      Math.ceil(span / step) + UPCOMING_MEETINGS + 2,
    );
    const cadenceMs = step * DAY;
    const seriesCreated = at(addDays(s.startsOn, -1), "09:00").getTime();
    const isBench = s.manager === bench.manager;
    const held: { id: string; at: Date }[] = [];
    let upcoming = 0;
    for (const date of dates) {
      if (stop && date > stop) break;
      const scheduled = zoned(date, s.startTime, tz);
      const scheduledMs = scheduled.getTime();
      const created = iso(
        new Date(Math.max(seriesCreated, scheduledMs - UPCOMING_MEETINGS * cadenceMs)),
      );
      const id = ids.next("one_on_one_meetings");
      if (scheduledMs >= nowMs) {
        if (!s.active || upcoming >= UPCOMING_MEETINGS) break;
        upcoming += 1;
        meetings.row(
          id,
          s.id,
          iso(scheduled),
          s.duration,
          "scheduled",
          null,
          null,
          "",
          null,
          null,
          remindedAt(scheduled),
          created,
          created,
        );
        if (isBench && upcoming === 1)
          for (const [author, body] of [
            [report, "How the training is going, and what I need next"],
            [manager, "Plans for the next quarter"],
          ] as const)
            points.row(
              ids.next("one_on_one_talking_points"),
              s.id,
              author.id,
              body,
              null,
              id,
              null,
              null,
              iso(new Date(nowMs - r.int(1, 48) * 3_600_000)),
            );
        continue;
      }
      const roll = r.next();
      if (roll < 0.03) {
        // Moved to another day that week: the replacement is its own meeting, off the cadence.
        const moved = zoned(onWeekday(addDays(date, r.int(1, 2))), s.startTime, tz);
        if (moved.getTime() < nowMs) {
          const replacement = ids.next("one_on_one_meetings");
          const movedAt = iso(new Date(scheduledMs - r.int(2, 48) * 3_600_000));
          meetings.row(
            id,
            s.id,
            iso(scheduled),
            s.duration,
            "rescheduled",
            null,
            null,
            "",
            null,
            replacement,
            remindedAt(scheduled),
            created,
            movedAt,
          );
          const heldAt = iso(new Date(moved.getTime() + s.duration * 60_000));
          meetings.row(
            replacement,
            s.id,
            iso(moved),
            s.duration,
            "held",
            heldAt,
            null,
            "",
            null,
            null,
            remindedAt(moved),
            movedAt,
            heldAt,
          );
          held.push({ id: replacement, at: moved });
          continue;
        }
      }
      if (roll < 0.03 + manager.cancelRate) {
        const byManager = r.chance(0.85);
        const cancelledAt = new Date(scheduledMs - r.int(1, 72) * 3_600_000);
        const reminder = remindedAt(scheduled);
        meetings.row(
          id,
          s.id,
          iso(scheduled),
          s.duration,
          "cancelled",
          null,
          (byManager ? manager : report).id,
          r.pick(cancelReasons),
          iso(cancelledAt),
          null,
          reminder && cancelledAt.getTime() > scheduledMs - DAY ? reminder : null,
          created,
          iso(cancelledAt),
        );
        continue;
      }
      const heldAt = iso(new Date(scheduledMs + s.duration * 60_000));
      meetings.row(
        id,
        s.id,
        iso(scheduled),
        s.duration,
        "held",
        heldAt,
        null,
        "",
        null,
        null,
        remindedAt(scheduled),
        created,
        heldAt,
      );
      held.push({ id, at: scheduled });
    }
    // Commitments from the 1:1s: good managers agree more of them and follow up.
    for (const m of held) {
      if (!r.chance(0.1 + 0.1 * manager.quality)) continue;
      writeCommitment({
        t: commitments,
        r,
        ids,
        clock,
        seriesId: s.id,
        meeting: m,
        report,
        manager,
      });
    }
    if (isBench)
      writeBenchNotes({
        points,
        notes,
        r,
        ids,
        keys,
        seriesId: s.id,
        held: held.slice(-4),
        report,
        manager,
      });
    await meetings.drain();
  }
  progress("one_on_one_meetings", await meetings.end());
  progress("commitments", await commitments.copy(client));
  progress("one_on_one_talking_points", await points.copy(client));
  progress("one_on_one_notes", await notes.copy(client));
}

function writeCommitment({
  t,
  r,
  ids,
  clock,
  seriesId,
  meeting,
  report,
  manager,
}: {
  t: BufferedTable;
  r: Random;
  ids: Ids;
  clock: Clock;
  seriesId: string;
  meeting: { id: string; at: Date };
  report: Person;
  manager: Person;
}) {
  const today = clock.today;
  const day = meeting.at.toISOString().slice(0, 10);
  const dueOn = addDays(day, r.pick([7, 7, 14]));
  const owner = r.chance(0.7) ? report : manager;
  const createdAt = new Date(meeting.at.getTime() + 20 * 60_000);
  let status: "open" | "done" | "dropped" = "open";
  let closedAt: Date | null = null;
  if (dueOn < today || r.chance(0.3)) {
    const kept = 0.5 + 0.4 * manager.quality;
    const roll = r.next();
    status = roll < kept ? "done" : roll < kept + 0.06 ? "dropped" : "open";
    if (status !== "open") {
      // Mostly by the due day; some a few days late.
      const span = daysBetween(day, dueOn);
      const closedDay = addDays(day, r.chance(0.85) ? r.int(1, span) : r.int(span + 1, span + 5));
      closedAt = at(closedDay <= today ? closedDay : today, "11:00", r.int(0, 300));
      if (closedAt.getTime() > clock.nowMs) closedAt = new Date(clock.nowMs - 60_000);
    }
  }
  // The reminders the running system would have sent: the day before it was due, then overdue.
  const reminderSentOn =
    status === "open" && dueOn < today
      ? addDays(dueOn, 1)
      : addDays(dueOn, -1) <= today
        ? addDays(dueOn, -1)
        : null;
  t.row(
    ids.next("commitments"),
    seriesId,
    meeting.id,
    owner.id,
    r.chance(0.6) ? manager.id : report.id,
    r.pick(commitmentBodies),
    dueOn,
    status,
    closedAt ? iso(closedAt) : null,
    reminderSentOn,
    iso(createdAt),
    iso(closedAt ?? createdAt),
  );
}

/** The benchmark's own team: agendas and notes on its latest 1:1s, private notes encrypted. */
function writeBenchNotes({
  points,
  notes,
  r,
  ids,
  keys,
  seriesId,
  held,
  report,
  manager,
}: {
  points: BufferedTable;
  notes: BufferedTable;
  r: Random;
  ids: Ids;
  keys: Keyring;
  seriesId: string;
  held: { id: string; at: Date }[];
  report: Person;
  manager: Person;
}) {
  for (const m of held) {
    const after = iso(new Date(m.at.getTime() + 35 * 60_000));
    const before = iso(new Date(m.at.getTime() - r.int(2, 30) * 3_600_000));
    points.row(
      ids.next("one_on_one_talking_points"),
      seriesId,
      report.id,
      "Feedback on last week's release",
      null,
      m.id,
      m.id,
      after,
      before,
    );
    notes.row(
      ids.next("one_on_one_notes"),
      m.id,
      manager.id,
      "shared",
      "Agreed the priorities for the next two weeks; the release notes go out on Thursday.",
      after,
      after,
    );
    notes.row(
      ids.next("one_on_one_notes"),
      m.id,
      manager.id,
      "private",
      keys.seal("one_on_one_notes.body", "Seems tired; ask about the workload next time."),
      after,
      after,
    );
  }
}

/**
 * Written feedback: most of it from managers to their reports (how much depends on the manager),
 * some between colleagues of one team, a little upwards. Before most plans the manager wrote
 * constructive feedback first; for the plans recorded as having none, the stream has none either.
 */
export async function writeFeedback({
  client,
  org,
  plans,
  clock,
  streams,
  ids,
  progress,
}: {
  client: pg.PoolClient;
  org: Org;
  plans: PlanSkeleton[];
  clock: Clock;
  streams: Streams;
  ids: Ids;
  progress: Progress;
}) {
  const r = streams("feedback");
  const { people } = org;
  const today = clock.today;
  const quiet = new Map<number, { from: string; to: string }>();
  const prior = new Map<number, string[]>();
  for (const p of plans) {
    if (p.noPriorFeedback)
      quiet.set(p.employee, { from: addDays(p.createdOn, -100), to: p.issuedOn ?? today });
    else prior.set(p.employee, p.priorFeedback);
  }
  const writer = copyInto(client, "feedback", [
    "id",
    "giver_id",
    "recipient_id",
    "kind",
    "situation",
    "behaviour",
    "impact",
    "visibility",
    "request_id",
    "shared_at",
    "created_at",
    "updated_at",
  ]);
  const write = (
    giver: Person,
    recipient: Person,
    day: string,
    kind: "recognition" | "constructive",
    forced = false,
  ) => {
    const q = quiet.get(recipient.index);
    if (
      !forced &&
      kind === "constructive" &&
      q &&
      giver.index === recipient.manager &&
      day >= q.from &&
      day <= q.to
    )
      kind = "recognition";
    const text = feedbackText[kind];
    const createdAt = at(day, "09:00", r.int(0, 480));
    if (createdAt.getTime() > clock.nowMs) return;
    const visibility = forced
      ? "shared"
      : r.weighted([
          ["shared", 93],
          ["draft", 4],
          ["hr", 3],
        ] as const);
    const shared =
      visibility === "shared" ? iso(new Date(createdAt.getTime() + r.int(0, 30) * 60_000)) : null;
    writer.row(
      ids.next("feedback"),
      giver.id,
      recipient.id,
      kind,
      r.pick(text.situation),
      r.pick(text.behaviour),
      r.pick(text.impact),
      visibility,
      null,
      shared,
      iso(createdAt),
      shared ?? iso(createdAt),
    );
  };

  // Exposure: months each pair worked together in the history, weighted by the manager's habits.
  const windowOf = (p: Person, m: Person) => {
    const from = [p.hireDate, m.hireDate, clock.windowStart].sort().at(-1)!;
    const to = [p.leftOn, m.leftOn].filter((d): d is string => d !== null).sort()[0] ?? today;
    return { from, days: Math.max(0, daysBetween(from, to)) };
  };
  let managerExposure = 0;
  let teamExposure = 0;
  for (const p of people) {
    if (p.manager < 0) continue;
    const m = people[p.manager]!;
    const { days } = windowOf(p, m);
    managerExposure += days * (0.3 + 1.4 * m.quality);
    teamExposure += days;
  }
  const total = FEEDBACK_PER_PERSON * people.length;
  const fromManagers = (0.75 * total) / Math.max(1, managerExposure);
  const perColleague = (0.2 * total) / Math.max(1, teamExposure);
  const upwards = (0.05 * total) / Math.max(1, teamExposure);
  const randomDay = (from: string, days: number) =>
    onWeekday(addDays(from, r.int(0, Math.max(0, days - 1))));

  for (const p of people) {
    if (p.manager < 0) continue;
    const m = people[p.manager]!;
    const { from, days } = windowOf(p, m);
    if (days <= 0) continue;
    const n = r.poisson(fromManagers * days * (0.3 + 1.4 * m.quality));
    for (let k = 0; k < n; k++) {
      const day = randomDay(from, days);
      if (day > today) continue;
      write(m, p, day, r.chance(0.6) ? "recognition" : "constructive");
    }
    for (const day of prior.get(p.index) ?? [])
      if (day <= today) write(m, p, day, "constructive", true);
    const colleagues = m.reports;
    if (colleagues.length > 1) {
      const peers = r.poisson(perColleague * days);
      for (let k = 0; k < peers; k++) {
        const other = people[r.pick(colleagues)]!;
        if (other.index === p.index) continue;
        const day = randomDay(from, days);
        if (day <= today && (!other.leftOn || day < other.leftOn))
          write(other, p, day, r.chance(0.8) ? "recognition" : "constructive");
      }
    }
    const up = r.poisson(upwards * days);
    for (let k = 0; k < up; k++) {
      const day = randomDay(from, days);
      if (day <= today) write(p, m, day, r.chance(0.7) ? "recognition" : "constructive");
    }
    await writer.drain();
  }
  progress("feedback", await writer.end());
}

/** Growth goals for about a fifth of the organisation, and those carried on from met plans. */
export function growthTable() {
  return bufferTable("growth_goals", [
    "id",
    "person_id",
    "created_by_id",
    "title",
    "specific",
    "measure",
    "baseline",
    "target",
    "relevance",
    "due_on",
    "status",
    "progress",
    "source_plan_id",
    "version",
    "created_at",
    "updated_at",
  ]);
}

export function writeGrowthGoals({
  t,
  org,
  clock,
  streams,
  ids,
}: {
  t: BufferedTable;
  org: Org;
  clock: Clock;
  streams: Streams;
  ids: Ids;
}) {
  const r = streams("growth");
  const today = clock.today;
  for (const p of org.people) {
    if (!p.active || p.manager < 0 || !r.chance(0.2)) continue;
    const m = org.people[p.manager]!;
    for (let k = 0; k < r.int(1, 2); k++) {
      const from = p.hireDate > clock.windowStart ? p.hireDate : clock.windowStart;
      const createdOn = addDays(from, r.int(0, Math.max(0, daysBetween(from, today) - 1)));
      const dueOn = addDays(createdOn, r.int(90, 270));
      const age = daysBetween(createdOn, today) / Math.max(1, daysBetween(createdOn, dueOn));
      const status = age >= 1 ? (r.chance(0.7) ? "achieved" : "dropped") : "active";
      const progress =
        status === "achieved"
          ? 100
          : status === "dropped"
            ? r.int(0, 50)
            : Math.min(95, Math.round(age * 100 * (0.6 + r.next() * 0.5)));
      const createdAt = at(createdOn, "10:00", r.int(0, 300));
      const updated =
        status === "active"
          ? addDays(createdOn, Math.floor(daysBetween(createdOn, today) * r.next()))
          : [dueOn, today].sort()[0]!;
      t.row(
        ids.next("growth_goals"),
        p.id,
        r.chance(0.6) ? m.id : p.id,
        r.pick(growthGoalTitles),
        "What exactly: agreed together in a 1:1, with the first step written down.",
        "Reviewed together every month.",
        null,
        null,
        "It builds toward the next step in the role.",
        dueOn,
        status,
        progress,
        null,
        1 + Math.floor(progress / 25),
        iso(createdAt),
        iso(
          new Date(
            Math.min(
              clock.nowMs - 60_000,
              Math.max(createdAt.getTime(), at(updated, "16:00").getTime()),
            ),
          ),
        ),
      );
    }
  }
}
