// Which relationships need the manager's attention first. Pure.

export type HealthForOrder = {
  person: { name: string };
  series: { status: string } | null;
  lastHeld: string | null;
  cancelledLast90: number;
  heldLast90: number;
  overdueCommitments: number;
};

const DAY = 86_400_000;

/**
 * A neglect score: no 1:1s at all first; then the longest since the last one held, with
 * cancellations and overdue commitments adding weight. Ties by name, so the order is stable.
 */
export function neglectScore(h: HealthForOrder, now: Date): number {
  const daysSince = h.lastHeld
    ? Math.floor((now.getTime() - new Date(h.lastHeld).getTime()) / DAY)
    : 365;
  const noSeries = !h.series || h.series.status === "paused" ? 1000 : 0;
  return noSeries + daysSince + 7 * h.cancelledLast90 + 3 * h.overdueCommitments;
}

export function neglectOrder<T extends HealthForOrder>(items: T[], now: Date): T[] {
  return [...items].sort(
    (a, b) =>
      neglectScore(b, now) - neglectScore(a, now) || a.person.name.localeCompare(b.person.name),
  );
}
