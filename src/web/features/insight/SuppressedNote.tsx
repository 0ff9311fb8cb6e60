import type { ReactNode } from "react";
import type { InsightMeta } from "../../../modules/insight/insight.types";
import { Alert } from "../../ui";

/**
 * Figures the aggregate view hides because the group is too small, and what would show them:
 * all departments when one is chosen, else a longer period where the period decides.
 */
export function SuppressedNote({
  meta,
  periodHelps = true,
  children,
}: {
  meta: InsightMeta;
  /** Whether a longer period brings more into the group (not for what is running now). */
  periodHelps?: boolean;
  children: ReactNode;
}) {
  const next = meta.filters.department
    ? "Choose all departments to see them."
    : periodHelps
      ? "Choose a longer period to see them."
      : "They appear once there are more.";
  return (
    <Alert tone="info" title="Figures hidden">
      {children} {next}
    </Alert>
  );
}
