import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { Link } from "react-router";
import { api, messageOf } from "../../api";
import { Button, cx } from "../../ui";
import { guidanceKey, recordGuidance, useGuidanceCards } from "./guidanceApi";
import type { GuidanceCards, GuidanceCardView, GuidanceDismissed, GuidanceMoment } from "./types";

// Short guidance where a manager decides. Shown and dismissed are counted for L&D, never who:
// see the guidance module. A card that fails to load is simply not shown: guidance must never get
// in the way of the work.

/** Cards already counted as shown in this page session; the server counts once a day anyway. */
const shownThisSession = new Set<string>();

/**
 * The guidance for a moment, when `when` holds (and the person has not dismissed it):
 * `<Guidance moment="plan.standard" when={standardMissing(draft.standard)} />`.
 */
export function Guidance({
  moment,
  when = true,
  className,
}: {
  moment: GuidanceMoment;
  when?: boolean;
  className?: string;
}) {
  const cards = useGuidanceCards(moment, when);
  const [dismissed, setDismissed] = useState<GuidanceCardView | null>(null);
  if (!when) return null;
  const list = cards.data?.cards ?? [];
  if (list.length === 0 && !dismissed) return null;
  return (
    <div className={cx("space-y-3", className)}>
      {list.map((card) => (
        <GuidanceNote key={card.id} card={card} moment={moment} onDismissed={setDismissed} />
      ))}
      {dismissed ? <DismissedNotice card={dismissed} /> : null}
    </div>
  );
}

function GuidanceNote({
  card,
  moment,
  onDismissed,
}: {
  card: GuidanceCardView;
  moment: GuidanceMoment;
  onDismissed: (card: GuidanceCardView) => void;
}) {
  const id = useId();
  const queryClient = useQueryClient();

  useEffect(() => {
    if (shownThisSession.has(card.id)) return;
    shownThisSession.add(card.id);
    recordGuidance(card.id, "shown");
  }, [card.id]);

  const dismiss = useMutation({
    mutationFn: () =>
      api.post<GuidanceDismissed>(`/guidance/${encodeURIComponent(card.id)}/dismiss`),
    onSuccess: () => {
      onDismissed(card);
      queryClient.setQueryData<GuidanceCards>(guidanceKey(moment), (old) =>
        old ? { ...old, cards: old.cards.filter((c) => c.id !== card.id) } : old,
      );
    },
  });

  return (
    <aside
      role="note"
      aria-labelledby={`${id}-title`}
      className="rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-950"
    >
      <p className="text-xs font-semibold uppercase tracking-wide text-sky-800">Guidance</p>
      <p id={`${id}-title`} className="mt-0.5 text-base font-semibold">
        {card.title}
      </p>
      <p className="mt-1 max-w-prose">{card.body}</p>
      <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2">
        <Link
          to={`/handbook/${card.handbookSlug}`}
          onClick={() => recordGuidance(card.id, "handbook-opened")}
          className="font-medium text-teal-800 underline underline-offset-2 hover:text-teal-900"
        >
          Read more in the handbook<span className="sr-only">: {card.handbookTitle}</span>
        </Link>
        <Button
          variant="ghost"
          size="sm"
          busy={dismiss.isPending}
          aria-label={`Dismiss the guidance: ${card.title}`}
          onClick={() => dismiss.mutate()}
        >
          Dismiss
        </Button>
      </div>
      {dismiss.isError ? (
        <p role="alert" className="mt-2 font-medium text-red-700">
          {messageOf(dismiss.error)}
        </p>
      ) : null}
    </aside>
  );
}

/** Where focus goes after a dismissal, so keyboard users are not dropped at the page's start. */
function DismissedNotice({ card }: { card: GuidanceCardView }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <p ref={ref} tabIndex={-1} role="status" className="text-sm text-stone-600 outline-none">
      Dismissed: you will not see “{card.title}” again. It stays in the{" "}
      <Link
        to={`/handbook/${card.handbookSlug}`}
        className="font-medium text-teal-800 underline underline-offset-2"
      >
        handbook
      </Link>
      .
    </p>
  );
}
