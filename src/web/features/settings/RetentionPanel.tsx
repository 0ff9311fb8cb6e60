/** Filled in by its feature. */
export function RetentionPanel(_props: Record<string, never>) {
  return null;
}
