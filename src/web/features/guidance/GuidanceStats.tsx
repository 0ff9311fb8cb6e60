import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { QueryError } from "../../lib/QueryError";
import { Card, Loading, Table, TBody, Td, THead, Th } from "../../ui";
import { useGuidanceStats } from "./guidanceApi";
import { momentLabel } from "./labels";
import type { GuidanceCardStats } from "./types";

type Published = GuidanceCardStats & {
  peopleShown: number;
  timesShown: number;
  dismissed: number;
  handbookOpened: number;
};

const isPublished = (c: GuidanceCardStats): c is Published => !c.suppressed;

/**
 * For L&D (and HR, admins): how each guidance card is used. Counts only, never who; a card seen by
 * fewer than five people shows no figures. The chart has the same numbers as the table beside it.
 */
export function GuidanceStats() {
  const stats = useGuidanceStats();
  return (
    <Card
      title="Guidance at the right moment"
      description={
        stats.data?.note ??
        "How often each guidance card was shown, dismissed and followed to the handbook."
      }
    >
      {stats.isPending ? (
        <Loading />
      ) : stats.isError ? (
        <QueryError error={stats.error} onRetry={() => void stats.refetch()} />
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          <StatsTable cards={stats.data.cards} minimum={stats.data.minimumPeople} />
          <StatsChart
            cards={stats.data.cards.filter(isPublished)}
            minimum={stats.data.minimumPeople}
          />
        </div>
      )}
    </Card>
  );
}

function StatsTable({ cards, minimum }: { cards: GuidanceCardStats[]; minimum: number }) {
  return (
    <Table caption="Guidance cards: people shown, times shown, dismissed and handbook opened">
      <THead>
        <tr>
          <Th>Card</Th>
          <Th className="text-right">People shown</Th>
          <Th className="text-right">Times shown</Th>
          <Th className="text-right">Dismissed</Th>
          <Th className="text-right">Handbook opened</Th>
        </tr>
      </THead>
      <TBody>
        {cards.map((c) => (
          <tr key={c.cardId}>
            <Td>
              <span className="font-medium text-stone-900">{c.title}</span>
              <span className="block text-xs text-stone-600">{momentLabel[c.moment]}</span>
            </Td>
            {isPublished(c) ? (
              <>
                <Td className="text-right tabular-nums">{c.peopleShown}</Td>
                <Td className="text-right tabular-nums">{c.timesShown}</Td>
                <Td className="text-right tabular-nums">{c.dismissed}</Td>
                <Td className="text-right tabular-nums">{c.handbookOpened}</Td>
              </>
            ) : (
              <Td colSpan={4} className="text-stone-600">
                Seen by fewer than {minimum} people: figures hidden
              </Td>
            )}
          </tr>
        ))}
      </TBody>
    </Table>
  );
}

const short = (title: string) => (title.length > 22 ? `${title.slice(0, 21)}…` : title);

function StatsChart({ cards, minimum }: { cards: Published[]; minimum: number }) {
  if (cards.length === 0)
    return (
      <p className="self-center rounded-lg border border-dashed border-stone-300 px-4 py-6 text-center text-sm text-stone-600">
        No card has been seen by {minimum} people yet, so there is nothing to chart. Figures appear
        as managers meet the cards while they plan and hold check-ins.
      </p>
    );
  const summary = `People shown and people who dismissed, per card: ${cards
    .map((c) => `${c.title}, shown to ${c.peopleShown}, dismissed by ${c.dismissed}`)
    .join("; ")}.`;
  return (
    <figure>
      <div role="img" aria-label={summary} className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={cards.map((c) => ({
              name: short(c.title),
              shown: c.peopleShown,
              dismissed: c.dismissed,
            }))}
            margin={{ top: 8, right: 8, bottom: 8, left: 0 }}
          >
            <CartesianGrid stroke="#e7e5e4" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fontSize: 11, fill: "#57534e" }} interval={0} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#57534e" }} width={36} />
            <Tooltip />
            <Legend />
            <Bar dataKey="shown" name="People shown" fill="#0f766e" />
            <Bar dataKey="dismissed" name="Dismissed" fill="#d97706" />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 text-xs text-stone-600">
        People shown and people who dismissed, per card. The table beside it has the same figures.
      </figcaption>
    </figure>
  );
}
