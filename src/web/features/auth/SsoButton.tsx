/** Filled in by its feature. */
export function SsoButton(_props: Record<string, never>) {
  return null;
}
