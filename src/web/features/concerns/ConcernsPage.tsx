/** Filled in by its feature. */
export function ConcernsPage(_props: Record<string, never>) {
  return null;
}
