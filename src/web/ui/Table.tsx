import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cx } from "./cx";

/** A plain data table; wrap it in a scroll area so wide tables never break the page. */
export function Table({
  caption,
  captionHidden = true,
  children,
  className,
}: {
  caption: ReactNode;
  captionHidden?: boolean;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={cx("overflow-x-auto", className)}>
      <table className="min-w-full divide-y divide-stone-200 text-left text-sm">
        <caption className={captionHidden ? "sr-only" : "px-4 py-2 text-left text-stone-600"}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
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
