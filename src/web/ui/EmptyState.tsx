import type { ReactNode } from "react";
import { cx } from "./cx";

/** What to show when there is nothing yet: say what it is and what to do next. */
export function EmptyState({
  title,
  children,
  action,
  className,
}: {
  title: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  className?: string;
}) {
  return (
    <div
      className={cx(
        "rounded-lg border border-dashed border-stone-300 bg-white px-6 py-10 text-center",
        className,
      )}
    >
      <p className="text-base font-semibold text-stone-900">{title}</p>
      {children ? (
        <div className="mx-auto mt-2 max-w-prose text-sm text-stone-600">{children}</div>
      ) : null}
      {action ? <div className="mt-5 flex flex-wrap justify-center gap-3">{action}</div> : null}
    </div>
  );
}
