/** Filled in by its feature. */
export function LegalHoldCard(_props: { personId: string; name: string }) {
  return null;
}
