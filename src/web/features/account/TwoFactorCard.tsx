/** Filled in by its feature. */
export function TwoFactorCard(_props: Record<string, never>) {
  return null;
}
