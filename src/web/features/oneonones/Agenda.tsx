import { useMemo, useState } from "react";
import { messageOf } from "../../api";
import { formatDate } from "../../lib/format";
import { Alert, Badge, Button, Card, Dialog, Field, Loading, Select, TextArea } from "../../ui";
import { dayLabel } from "./labels";
import { oneOnOneApi, useDeck, useOneOnOneWrite, useSuggestions } from "./oneononesApi";
import type { CoachingStage, DeckQuestion, DeckTheme, MeetingDetail, SeriesDetail } from "./types";

type Ctx = { detail: MeetingDetail; series: SeriesDetail | undefined; myId: string };

/** The meeting a carried-over point was first added for, as a date. */
function fromDate(ctx: Ctx, meetingId: string | null, createdAt: string): string {
  const all = [...(ctx.series?.upcoming ?? []), ...(ctx.series?.past ?? [])];
  const m = all.find((x) => x.id === meetingId);
  return m ? dayLabel(m.localDate) : formatDate(createdAt);
}

/** The shared agenda: both sides add talking points; undiscussed ones carry over. */
export function AgendaCard({ ctx }: { ctx: Ctx }) {
  const d = ctx.detail;
  const seriesId = d.series.id;
  const meetingId = d.meeting.id;
  const [body, setBody] = useState("");
  const add = useOneOnOneWrite(
    (text: string) => oneOnOneApi.addPoint(seriesId, meetingId, { body: text }),
    () => setBody(""),
  );
  const other = d.series.role === "manager" ? d.series.report : d.series.manager;
  return (
    <Card
      title="Agenda"
      description={`Shared: you and ${other.name} both add to it. Points not discussed carry over to the next meeting.`}
    >
      {d.agenda.length === 0 ? (
        <p className="text-sm text-stone-600">
          Nothing on the agenda yet.{" "}
          {d.abilities.addToAgenda
            ? "Add what you would like to talk about, or pull in a question below."
            : null}
        </p>
      ) : (
        <ul className="divide-y divide-stone-100" aria-label="Agenda">
          {d.agenda.map((p) => (
            <AgendaItem key={p.id} ctx={ctx} point={p} />
          ))}
        </ul>
      )}
      {d.abilities.addToAgenda ? (
        <form
          aria-label="Add a talking point"
          className="mt-4 space-y-2 border-t border-stone-100 pt-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (body.trim()) add.mutate(body.trim());
          }}
        >
          <Field label="Add a talking point" error={add.isError ? messageOf(add.error) : null}>
            {(p) => (
              <TextArea
                {...p}
                rows={2}
                maxLength={2000}
                value={body}
                onChange={(e) => setBody(e.target.value)}
              />
            )}
          </Field>
          <Button type="submit" variant="secondary" busy={add.isPending} disabled={!body.trim()}>
            Add to agenda
          </Button>
        </form>
      ) : null}
    </Card>
  );
}

function AgendaItem({ ctx, point: p }: { ctx: Ctx; point: MeetingDetail["agenda"][number] }) {
  const d = ctx.detail;
  const seriesId = d.series.id;
  const discuss = useOneOnOneWrite(() => oneOnOneApi.markDiscussed(seriesId, d.meeting.id, p.id));
  const remove = useOneOnOneWrite(() => oneOnOneApi.removePoint(seriesId, p.id));
  const error = discuss.error ?? remove.error;
  return (
    <li className="py-3 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-start gap-2">
        <p className="min-w-0 flex-1 text-sm text-stone-900">{p.body}</p>
        {p.discussed ? <Badge tone="success">Discussed</Badge> : null}
        {p.carriedOver ? (
          <Badge tone="warning">from {fromDate(ctx, p.addedForMeetingId, p.createdAt)}</Badge>
        ) : null}
        {p.deckQuestionId ? <Badge>From the deck</Badge> : null}
      </div>
      <p className="mt-1 text-sm text-stone-600">
        Added by {p.author.id === ctx.myId ? "you" : p.author.name}
      </p>
      {(!p.discussed && d.abilities.markDiscussed) || p.canRemove ? (
        <div className="mt-2 flex flex-wrap gap-2">
          {!p.discussed && d.abilities.markDiscussed ? (
            <Button
              size="sm"
              variant="secondary"
              busy={discuss.isPending}
              onClick={() => discuss.mutate(undefined)}
              aria-label={`Mark discussed: ${p.body}`}
            >
              Mark discussed
            </Button>
          ) : null}
          {p.canRemove ? (
            <Button
              size="sm"
              variant="ghost"
              busy={remove.isPending}
              onClick={() => remove.mutate(undefined)}
              aria-label={`Remove: ${p.body}`}
            >
              Remove
            </Button>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <Alert tone="error" className="mt-2">
          {messageOf(error)}
        </Alert>
      ) : null}
    </li>
  );
}

/** A deck question with its "Add to agenda" button, or a note that it is already there. */
function QuestionRow({
  ctx,
  question: q,
  onAdded,
}: {
  ctx: Ctx;
  question: DeckQuestion;
  onAdded?: () => void;
}) {
  const d = ctx.detail;
  const onAgenda = d.agenda.some((p) => p.deckQuestionId === q.id && !p.discussed);
  const add = useOneOnOneWrite(
    () => oneOnOneApi.addPoint(d.series.id, d.meeting.id, { deckQuestionId: q.id }),
    onAdded,
  );
  return (
    <li className="py-3 first:pt-0 last:pb-0">
      <p className="text-sm text-stone-900">{q.text}</p>
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <Badge>{q.themeLabel}</Badge>
        <Badge tone="neutral">{q.stageLabel}</Badge>
        <span className="ml-auto">
          {onAgenda ? (
            <span className="text-sm text-stone-600">On the agenda</span>
          ) : d.abilities.addToAgenda ? (
            <Button
              size="sm"
              variant="secondary"
              busy={add.isPending}
              onClick={() => add.mutate(undefined)}
              aria-label={`Add to agenda: ${q.text}`}
            >
              Add to agenda
            </Button>
          ) : null}
        </span>
      </div>
      {add.isError ? (
        <Alert tone="error" className="mt-2">
          {messageOf(add.error)}
        </Alert>
      ) : null}
    </li>
  );
}

/** A few deck questions fitting the relationship's stage, and the whole deck to browse. */
export function SuggestionsCard({ ctx }: { ctx: Ctx }) {
  const d = ctx.detail;
  const [browsing, setBrowsing] = useState(false);
  const suggestions = useSuggestions(d.series.id, d.meeting.id, d.meeting.status === "scheduled");
  if (d.meeting.status !== "scheduled") return null;
  return (
    <Card
      title="Questions to consider"
      description={
        suggestions.data
          ? `From the question deck, for where you are together: ${suggestions.data.stageLabel} (${suggestions.data.heldBefore} ${
              suggestions.data.heldBefore === 1 ? "meeting" : "meetings"
            } held before this one). Questions asked recently are left out.`
          : "From the question deck, fitting where you are together."
      }
      actions={
        <Button size="sm" variant="secondary" onClick={() => setBrowsing(true)}>
          Browse the deck
        </Button>
      }
    >
      {suggestions.isPending ? (
        <Loading label="Finding questions…" />
      ) : suggestions.isError ? (
        <Alert tone="error">{messageOf(suggestions.error)}</Alert>
      ) : (
        <ul className="divide-y divide-stone-100" aria-label="Suggested questions">
          {suggestions.data.questions.map((q) => (
            <QuestionRow key={q.id} ctx={ctx} question={q} />
          ))}
        </ul>
      )}
      <DeckDialog ctx={ctx} open={browsing} onClose={() => setBrowsing(false)} />
    </Card>
  );
}

function DeckDialog({ ctx, open, onClose }: { ctx: Ctx; open: boolean; onClose: () => void }) {
  const deck = useDeck(open);
  const [stage, setStage] = useState<CoachingStage | "">("");
  const [theme, setTheme] = useState<DeckTheme | "">("");
  const questions = deck.data?.questions ?? [];
  const stages = useMemo(() => uniqueBy(questions, (q) => [q.stage, q.stageLabel]), [questions]);
  const themes = useMemo(() => uniqueBy(questions, (q) => [q.theme, q.themeLabel]), [questions]);
  const shown = questions.filter(
    (q) => (!stage || q.stage === stage) && (!theme || q.theme === theme),
  );
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="The question deck"
      description="Good 1:1 questions by coaching stage and theme. Pull any of them into the agenda."
      className="max-w-2xl!"
    >
      {deck.isPending ? (
        <Loading label="Loading the deck…" />
      ) : deck.isError ? (
        <Alert tone="error">{messageOf(deck.error)}</Alert>
      ) : (
        <div className="space-y-4">
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label="Stage">
              {(p) => (
                <Select
                  {...p}
                  value={stage}
                  onChange={(e) => setStage(e.target.value as CoachingStage | "")}
                >
                  <option value="">Every stage</option>
                  {stages.map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label="Theme">
              {(p) => (
                <Select
                  {...p}
                  value={theme}
                  onChange={(e) => setTheme(e.target.value as DeckTheme | "")}
                >
                  <option value="">Every theme</option>
                  {themes.map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          </div>
          <p className="text-sm text-stone-600" aria-live="polite">
            {shown.length} {shown.length === 1 ? "question" : "questions"}
          </p>
          <ul className="divide-y divide-stone-100" aria-label="Deck questions">
            {shown.map((q) => (
              <QuestionRow key={q.id} ctx={ctx} question={q} />
            ))}
          </ul>
          <div className="flex justify-end">
            <Button variant="secondary" onClick={onClose}>
              Close
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

function uniqueBy<T>(items: T[], pick: (item: T) => [string, string]): [string, string][] {
  const seen = new Map<string, string>();
  for (const item of items) {
    const [value, label] = pick(item);
    if (!seen.has(value)) seen.set(value, label);
  }
  return [...seen.entries()];
}
