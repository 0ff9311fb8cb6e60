/** The product mark and name. */
export function Brand({ className }: { className?: string }) {
  return (
    <span
      className={`inline-flex items-center gap-2 font-semibold text-stone-900 ${className ?? ""}`}
    >
      <svg viewBox="0 0 32 32" className="size-7" aria-hidden="true">
        <rect width="32" height="32" rx="7" className="fill-teal-700" />
        <path
          d="M9 22 L16 10 L23 22"
          stroke="white"
          strokeWidth="3"
          fill="none"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <span className="text-lg tracking-tight">Headway</span>
    </span>
  );
}
