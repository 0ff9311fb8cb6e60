/** Filled in by its feature. */
export function ProvisioningPanel(_props: Record<string, never>) {
  return null;
}
