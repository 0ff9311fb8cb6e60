/** Filled in by its feature. */
export function SessionsCard(_props: Record<string, never>) {
  return null;
}
