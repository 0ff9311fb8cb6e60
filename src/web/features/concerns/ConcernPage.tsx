/** Filled in by its feature. */
export function ConcernPage(_props: Record<string, never>) {
  return null;
}
