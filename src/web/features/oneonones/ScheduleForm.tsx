import { useMemo, useState } from "react";
import { ApiError, messageOf } from "../../api";
import { Alert, Button, Field, Input, Select } from "../../ui";
import {
  addDays,
  browserTimeZone,
  cadenceLabel,
  dayLabel,
  isoWeekday,
  todayIn,
  weekdayNames,
} from "./labels";
import type { Cadence } from "./types";

export type ScheduleValues = {
  cadence: Cadence;
  weekday: number;
  startTime: string;
  durationMinutes: number;
  timeZone: string;
  startsOn: string;
};

const durations = [15, 20, 30, 45, 60, 90, 120];

/** Every IANA zone the browser knows, for the time zone field's suggestions. */
function knownZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf?.("timeZone") ?? [];
  } catch {
    return [];
  }
}

export function defaultSchedule(): ScheduleValues {
  const timeZone = browserTimeZone();
  const today = todayIn(timeZone);
  return {
    cadence: "weekly",
    weekday: isoWeekday(today),
    startTime: "10:00",
    durationMinutes: 30,
    timeZone,
    startsOn: today,
  };
}

/** Now on the wall clock of a time zone (falls back to the browser's for an unknown zone). */
function clockIn(timeZone: string): { date: string; time: string } {
  let zone = browserTimeZone();
  try {
    zone = new Intl.DateTimeFormat("en-US", { timeZone }).resolvedOptions().timeZone;
  } catch {
    // An unknown zone: the server says so when the form is sent.
  }
  const time = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date());
  return { date: todayIn(zone), time };
}

/** When the first meeting will be, in words, as the server will schedule it. */
function firstMeetingHint(v: ScheduleValues): string {
  const first = firstMeetingDate(v);
  if (!first || !v.startTime)
    return "The first meeting is on the chosen weekday, on or after this date.";
  const now = clockIn(v.timeZone);
  const past = (d: string) => d < now.date || (d === now.date && v.startTime <= now.time);
  if (!past(first)) return `First meeting: ${dayLabel(first)} at ${v.startTime}.`;
  // The start is already behind: the series begins with the next meeting of the cadence.
  if (v.cadence === "monthly")
    return `${dayLabel(first)} at ${v.startTime} has passed: the first meeting is in a coming month, on the same weekday of the month.`;
  let next = first;
  while (past(next)) next = addDays(next, v.cadence === "weekly" ? 7 : 14);
  return `First meeting: ${dayLabel(next)} at ${v.startTime} (${dayLabel(first)} at ${v.startTime} has passed).`;
}

/** The date of the first meeting: the first chosen weekday on or after the start date. */
export function firstMeetingDate(v: Pick<ScheduleValues, "weekday" | "startsOn">): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.startsOn)) return null;
  return addDays(v.startsOn, (v.weekday - isoWeekday(v.startsOn) + 7) % 7);
}

/**
 * The fields of a 1:1 schedule: cadence, weekday, time, length, time zone and (for a new series)
 * the first day. Errors are the server's, per field.
 */
export function ScheduleFields({
  values,
  onChange,
  errors,
  withStart = true,
}: {
  values: ScheduleValues;
  onChange: (next: ScheduleValues) => void;
  errors: Record<string, string>;
  withStart?: boolean;
}) {
  const zones = useMemo(knownZones, []);
  const set = <K extends keyof ScheduleValues>(key: K, value: ScheduleValues[K]) =>
    onChange({ ...values, [key]: value });
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field label="How often" error={errors.cadence}>
        {(p) => (
          <Select
            {...p}
            value={values.cadence}
            onChange={(e) => set("cadence", e.target.value as Cadence)}
          >
            {(Object.keys(cadenceLabel) as Cadence[]).map((c) => (
              <option key={c} value={c}>
                {cadenceLabel[c]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Day of the week" error={errors.weekday}>
        {(p) => (
          <Select
            {...p}
            value={values.weekday}
            onChange={(e) => set("weekday", Number(e.target.value))}
          >
            {weekdayNames.map((name, i) => (
              <option key={name} value={i + 1}>
                {name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Start time" hint="In the time zone below." error={errors.startTime}>
        {(p) => (
          <Input
            {...p}
            type="time"
            required
            value={values.startTime}
            onChange={(e) => set("startTime", e.target.value)}
          />
        )}
      </Field>
      <Field label="Length" error={errors.durationMinutes}>
        {(p) => (
          <Select
            {...p}
            value={values.durationMinutes}
            onChange={(e) => set("durationMinutes", Number(e.target.value))}
          >
            {durations.map((d) => (
              <option key={d} value={d}>
                {d} minutes
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field
        label="Time zone"
        hint="The meeting keeps its local time here, across daylight-saving changes."
        error={errors.timeZone}
      >
        {(p) => (
          <>
            <Input
              {...p}
              list={zones.length ? "one-on-one-zones" : undefined}
              required
              autoComplete="off"
              spellCheck={false}
              value={values.timeZone}
              onChange={(e) => set("timeZone", e.target.value)}
            />
            {zones.length ? (
              <datalist id="one-on-one-zones">
                {zones.map((z) => (
                  <option key={z} value={z} />
                ))}
              </datalist>
            ) : null}
          </>
        )}
      </Field>
      {withStart ? (
        <Field label="Start date" hint={firstMeetingHint(values)} error={errors.startsOn}>
          {(p) => (
            <Input
              {...p}
              type="date"
              required
              value={values.startsOn}
              onChange={(e) => set("startsOn", e.target.value)}
            />
          )}
        </Field>
      ) : null}
    </div>
  );
}

/** Field errors of a failed save, and the message to show above the buttons. */
export function saveProblems(error: unknown): {
  fields: Record<string, string>;
  message: string | null;
} {
  if (!error) return { fields: {}, message: null };
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  return { fields, message: messageOf(error) };
}

/** The manager changes the schedule of a series (time, day, cadence, length, zone). */
export function ChangeScheduleForm({
  initial,
  busy,
  error,
  onSave,
  onCancel,
}: {
  initial: ScheduleValues;
  busy: boolean;
  error: unknown;
  onSave: (values: ScheduleValues) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState(initial);
  const problems = saveProblems(error);
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(values);
      }}
    >
      <ScheduleFields
        values={values}
        onChange={setValues}
        errors={problems.fields}
        withStart={false}
      />
      <p className="text-sm text-stone-600">
        Meetings still scheduled move to the new time, with their agenda and notes. Held, cancelled
        and moved meetings stay as they were. The other person is told.
      </p>
      {problems.message ? <Alert tone="error">{problems.message}</Alert> : null}
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" busy={busy} busyLabel="Saving…">
          Save the new schedule
        </Button>
      </div>
    </form>
  );
}
