import { useQuery } from "@tanstack/react-query";
import type { OutcomesReport } from "../../../modules/insight/insight.types";
import { api } from "../../api";
import { QueryError } from "../../lib/QueryError";
import type { Me } from "../../types";
import { Card, LinkButton, Loading } from "../../ui";
import { INDUSTRY_TEXT, percent, plural } from "./labels";
import { againstIndustry } from "./OutcomesSection";

/**
 * On the home page of HR and L&D: this organisation's success rate over the last 12 months
 * against the industry's 5–10%, and the way into Insight.
 */
export function InsightHomeCard({ me }: { me: Me }) {
  const enabled = Boolean(me.abilities["insight.view"]);
  const outcomes = useQuery({
    queryKey: ["insight", "outcomes", {}],
    queryFn: () => api.get<OutcomesReport>("/insight/outcomes"),
    enabled,
  });
  if (!enabled) return null;
  return (
    <Card
      title="Plans that end in improvement"
      description="The last 12 months. The industry's record is that 5–10% of people on a plan stay."
      actions={
        <LinkButton to="/insight" size="sm">
          Open Insight
        </LinkButton>
      }
    >
      {outcomes.isPending ? (
        <Loading />
      ) : outcomes.isError ? (
        <QueryError error={outcomes.error} onRetry={() => void outcomes.refetch()} />
      ) : outcomes.data.suppressed ? (
        <p className="text-sm text-stone-700">
          Fewer than {outcomes.data.meta.minGroupSize} plans closed in the last 12 months: the rate
          is hidden so no one can be recognised.
        </p>
      ) : outcomes.data.success.of === 0 ? (
        <p className="text-sm text-stone-700">
          No plan closed in the last 12 months. When plans close, you will see here how many ended
          with the goals met, against the industry's {INDUSTRY_TEXT}.
        </p>
      ) : (
        <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
          <p className="text-4xl font-semibold tracking-tight text-teal-800 tabular-nums">
            {percent(outcomes.data.success.rate)}
          </p>
          <div className="min-w-0 flex-1 text-sm text-stone-700">
            <p>
              {outcomes.data.success.count} of {plural(outcomes.data.success.of, "plan")} closed
              ended with the goals met.
            </p>
            <p className="mt-1">{againstIndustry(outcomes.data)}</p>
          </div>
        </div>
      )}
    </Card>
  );
}
