import type { ReactNode } from "react";
import { cx } from "./cx";

type HeadingLevel = 2 | 3;

export function Card({
  title,
  level = 2,
  description,
  actions,
  className,
  children,
  padded = true,
}: {
  title?: ReactNode;
  level?: HeadingLevel;
  description?: ReactNode;
  actions?: ReactNode;
  className?: string;
  children?: ReactNode;
  padded?: boolean;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section className={cx("rounded-lg border border-stone-200 bg-white shadow-sm", className)}>
      {title || actions ? (
        <div className="flex flex-wrap items-start justify-between gap-3 border-b border-stone-100 px-4 py-3 sm:px-5">
          <div className="min-w-0">
            {title ? (
              <Heading className="text-base font-semibold text-stone-900">{title}</Heading>
            ) : null}
            {description ? <p className="mt-0.5 text-sm text-stone-600">{description}</p> : null}
          </div>
          {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
        </div>
      ) : null}
      <div className={padded ? "px-4 py-4 sm:px-5" : undefined}>{children}</div>
    </section>
  );
}
