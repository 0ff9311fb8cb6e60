import { cx } from "./cx";

export function Spinner({ label, className }: { label?: string; className?: string }) {
  return (
    <span className={cx("inline-flex items-center gap-2", className)}>
      <svg
        className="size-4 animate-spin text-current motion-reduce:animate-none"
        viewBox="0 0 24 24"
        fill="none"
        aria-hidden="true"
      >
        <circle cx="12" cy="12" r="9" stroke="currentColor" strokeOpacity="0.25" strokeWidth="3" />
        <path
          d="M21 12a9 9 0 0 0-9-9"
          stroke="currentColor"
          strokeWidth="3"
          strokeLinecap="round"
        />
      </svg>
      {label ? <span>{label}</span> : null}
    </span>
  );
}

/** A loading line for a whole section, announced to screen readers. */
export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div role="status" aria-live="polite" className="flex items-center py-8 text-sm text-stone-600">
      <Spinner label={label} />
    </div>
  );
}
