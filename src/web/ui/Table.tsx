import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cx } from "./cx";

/**
 * A plain data table in a scroll area, so wide tables never break the page. The scroll area is a
 * named region in the tab order: a table wider than the screen can then be scrolled with the
 * keyboard (axe: scrollable-region-focusable).
 */
export function Table({
  caption,
  captionHidden = true,
  label,
  children,
  className,
}: {
  caption: ReactNode;
  captionHidden?: boolean;
  /** The scroll region's name; by default the caption when it is text. */
  label?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    // A <section> with a name is a region landmark (role="region").
    <section
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard to scroll it.
      tabIndex={0}
      aria-label={label ?? (typeof caption === "string" ? caption : "Table")}
      className={cx(
        "overflow-x-auto rounded-sm focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-teal-700",
        className,
      )}
    >
      <table className="min-w-full divide-y divide-stone-200 text-left text-sm">
        <caption className={captionHidden ? "sr-only" : "px-4 py-2 text-left text-stone-600"}>
          {caption}
        </caption>
        {children}
      </table>
    </section>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return (
    <thead className="bg-stone-50 text-xs font-semibold uppercase tracking-wide text-stone-600">
      {children}
    </thead>
  );
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-stone-100 bg-white">{children}</tbody>;
}

export function Th({ className, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={cx("px-4 py-2.5 font-semibold", className)} {...rest} />;
}

export function Td({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cx("px-4 py-3 align-middle text-stone-800", className)} {...rest} />;
}
